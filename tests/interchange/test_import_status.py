"""`quizzer import` on a terminal says what it is doing while it works (a large Anki
collection takes seconds, and printed nothing until the end): one line on stderr,
rewritten at each step and wiped before the report. Run here under a real terminal
(a pseudo-terminal on stderr); without one, stderr has no such line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from anki_build import build_genanki

_STEPS = [
    "\rquizzer: reading genanki.apkg...",
    "\rquizzer: converting 2 notes...",
    "\rquizzer: writing 1 deck file and the review history...",
    "\rquizzer: writing 1 deck file...",
]


def _on_a_terminal(tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    """(exit status, stdout, what the terminal on stderr was sent)."""
    leader, follower = os.openpty()
    env = {**os.environ, "QUIZZER_HOME": str(tmp_path / "home"), "COLUMNS": "100"}
    command = [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), *argv]
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower, env=env
    ) as process:
        os.close(follower)
        sent = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the command has ended: the terminal has no one left
                break
            if not chunk:
                break
            sent += chunk
        assert process.stdout is not None
        out = process.stdout.read().decode()
        status = process.wait(timeout=120)
    os.close(leader)
    return status, out, sent.decode()


def _package(tmp_path: Path) -> Path:
    """A package of 2 notes, 2 cards, one of a note type quizzer warns of."""
    return build_genanki(tmp_path)


def _wiped(terminal: str, step: str) -> str:
    """What the terminal was sent after `step`, the last status shown, was wiped (the
    pseudo-terminal sends each line's end as CR LF)."""
    shown = terminal.rindex(step)
    end = shown + len(step)
    end += len(terminal[end:]) - len(terminal[end:].lstrip(" "))  # over a longer step's
    wipe = "\r" + " " * (len(step) - 1) + "\r"
    assert terminal.find(wipe, shown) == end, repr(terminal)
    rest = terminal[end + len(wipe) :]
    assert "quizzer: reading" not in rest and "..." not in rest.partition("\n")[0]
    return rest


def test_an_import_on_a_terminal_shows_its_steps_then_wipes_them(tmp_path: Path) -> None:
    package = _package(tmp_path)
    decks = tmp_path / "decks"
    status, out, terminal = _on_a_terminal(tmp_path, "import", str(package), "-o", str(decks))
    assert status == 0, terminal
    at = [terminal.find(step) for step in _STEPS]
    assert -1 not in at and at == sorted(at), terminal
    rest = _wiped(terminal, _STEPS[-1])
    # then the warnings, each a line of its own
    assert rest.startswith("warning: ") and rest.endswith("\r\n"), repr(rest)
    assert out.startswith(f"{decks / 'genanki-deck.yaml'}: 2 cards (Genanki deck)\n")


def test_a_text_file_is_read_in_one_step(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("perro\tdog\ngato\tcat\n", encoding="utf-8")
    status, out, terminal = _on_a_terminal(
        tmp_path, "import", str(words), "-o", str(tmp_path / "d")
    )
    assert status == 0, terminal
    assert terminal.startswith("\rquizzer: reading words.txt...")
    assert _wiped(terminal, "\rquizzer: reading words.txt...") == ""
    assert "2 cards" in out


def test_a_failed_import_wipes_the_line_before_its_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.apkg"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    status, out, terminal = _on_a_terminal(
        tmp_path, "import", str(broken), "-o", str(tmp_path / "d")
    )
    assert status == 1 and out == ""
    rest = _wiped(terminal, "\rquizzer: reading broken.apkg...")
    assert rest == f"quizzer: error: {broken}: not a zip file, or a truncated one\r\n"


def test_another_database_is_merged_in_one_step(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("perro\tdog\n", encoding="utf-8")
    other = tmp_path / "other.db"
    done = subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(other), "import", str(words),
         "-o", str(tmp_path / "d")],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        env={**os.environ, "QUIZZER_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    status, out, terminal = _on_a_terminal(tmp_path, "import", str(other))
    assert status == 0, terminal
    assert terminal.startswith("\rquizzer: merging other.db...")
    assert _wiped(terminal, "\rquizzer: merging other.db...") == ""
    assert out.startswith("merged 0 answers")


def test_an_export_on_a_terminal_says_so_then_wipes_it(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    status, _, terminal = _on_a_terminal(
        tmp_path, "import", str(_package(tmp_path)), "-o", str(decks)
    )
    assert status == 0, terminal
    out_file = tmp_path / "out.apkg"
    status, out, terminal = _on_a_terminal(
        tmp_path, "--decks", str(decks), "export", "genanki-deck", "-o", str(out_file)
    )
    assert status == 0, terminal
    assert terminal.startswith("\rquizzer: exporting genanki-deck to out.apkg...")
    assert _wiped(terminal, "\rquizzer: exporting genanki-deck to out.apkg...") == ""
    assert out == f"{out_file}: 2 notes from deck genanki-deck\n"


def test_no_status_line_without_a_terminal(tmp_path: Path) -> None:
    package = _package(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), "import",
         str(package), "-o", str(tmp_path / "decks")],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        env={**os.environ, "QUIZZER_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "quizzer:" not in done.stderr and "\r" not in done.stderr
    assert done.stderr.startswith("warning: ")
    assert "2 cards" in done.stdout
