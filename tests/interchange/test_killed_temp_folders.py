"""What a killed import or export leaves in the temp folder ($TMPDIR): the collection an
Anki package's import extracts (`quizzer-import-*`), the private copy a merge reads
(`quizzer-merge-*`), the renamed media an export packs (`quizzer-media-*`). A crash
never removes them, and a large collection is hundreds of MB a kill; the next import or
export removes them, and nothing else: not a folder a running quizzer is using, not one
it cannot tell is its own. Every quizzer here runs with a temp folder of the test's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import listed

from quizzer.core.loader import load_deck
from quizzer.store import Store

HERE = Path(__file__).parent
MARKER = ".quizzer-scratch"  # the lock file of a scratch folder, interchange/scratch.py
DECK = "title: W\ncards:\n  - front: one\n    back: 1\n  - front: two\n    back: 2\n"


def _env(tmp_path: Path) -> dict[str, str]:
    temp = tmp_path / "temp"
    temp.mkdir(exist_ok=True)
    home = {"HOME": str(tmp_path / "h"), "XDG_DATA_HOME": str(tmp_path / "x")}
    return {**os.environ, **home, "TMPDIR": str(temp)}


def _quizzer(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), *argv],
        capture_output=True, text=True, env=_env(tmp_path), timeout=120,
    )  # fmt: skip


def _killed(tmp_path: Path, script: str, *argv: str) -> None:
    """`script` (a helper beside this file) run with `argv` until it is killed."""
    crash = subprocess.run(
        [sys.executable, str(HERE / script), *argv],
        capture_output=True, text=True, env=_env(tmp_path), timeout=120,
    )  # fmt: skip
    assert crash.returncode == -signal.SIGKILL, crash.stderr


def _package(tmp_path: Path, tag: str = "x") -> Path:
    import genanki

    deck = genanki.Deck(2059400555, "Spanish")
    for i in range(3):
        fields = [f"{tag} {i}", f"{tag}'s {i}"]
        deck.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=fields, guid=f"{tag}{i}"))
    path = tmp_path / f"spanish_{tag}.apkg"
    genanki.Package(deck).write_to_file(str(path))
    return path


def _temp(tmp_path: Path) -> list[str]:
    return sorted(os.listdir(tmp_path / "temp"))


def test_a_killed_anki_import_leaves_its_collection_to_the_next_import(tmp_path: Path) -> None:
    package = _package(tmp_path)
    argv = ["--db", str(tmp_path / "q.db"), "import", str(package), "-o", str(tmp_path / "d")]
    _killed(tmp_path, "kill_at.py", "os.rename", "1", *argv)  # its journal, to be renamed
    assert [name[:15] for name in _temp(tmp_path)] == ["quizzer-import-"]
    done = _quizzer(tmp_path, "import", str(package), "-o", str(tmp_path / "d"))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert _temp(tmp_path) == []
    assert listed(tmp_path / "d") == ["spanish.yaml"]


def test_a_killed_merge_leaves_its_copy_to_the_next_import(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "w.yaml").write_text(DECK, encoding="utf-8")
    other = tmp_path / "other.db"
    for db in (other, tmp_path / "q.db"):
        done = _quizzer(tmp_path, "--db", str(db), "--decks", str(decks), "stats")
        assert done.returncode == 0, done.stderr
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with Store.open(other) as store:
        store.record_answer(
            "w/cards/one", 4, response_ms=900, kind="scheduled", reviewed_at=at,
            study_day=at.date(),
        )  # fmt: skip
    with subprocess.Popen(
        [sys.executable, str(HERE / "merge_midway.py"), str(tmp_path / "q.db"), str(other),
         "kill"],
        stdout=subprocess.PIPE, text=True, env=_env(tmp_path),
    ) as merging:  # fmt: skip
        assert merging.stdout is not None
        assert merging.stdout.readline() == "midway\n"
        merging.kill()
    assert [name[:14] for name in _temp(tmp_path)] == ["quizzer-merge-"]
    done = _quizzer(tmp_path, "import", str(other))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("merged 1 answer (0 already here)")
    assert _temp(tmp_path) == []


def test_a_killed_export_leaves_its_media_to_the_next_export(tmp_path: Path) -> None:
    deck = tmp_path / "w.yaml"
    deck.write_text(DECK, encoding="utf-8")
    output = tmp_path / "out" / "w.apkg"
    argv = ["--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(output)]
    _killed(tmp_path, "kill_at.py", "os.rename", "1", *argv)  # the package, to be renamed
    assert "quizzer-media-" in [name[:14] for name in _temp(tmp_path)]
    done = _quizzer(tmp_path, "export", str(deck), "-o", str(output))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert _temp(tmp_path) == []


def test_a_running_import_keeps_its_collection(tmp_path: Path) -> None:
    """An import held just before it writes, its collection extracted, while another
    import runs: that one leaves the held import's folder, which then finishes."""
    first, second = _package(tmp_path, "x"), _package(tmp_path, "y")
    with subprocess.Popen(
        [sys.executable, str(HERE / "kill_at.py"), "os.rename", "-1", "--db",
         str(tmp_path / "a.db"), "import", str(first), "-o", str(tmp_path / "a")],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env=_env(tmp_path),
    ) as held:  # fmt: skip
        assert held.stderr is not None and held.stdin is not None
        assert held.stderr.readline() == "held\n"
        using = _temp(tmp_path)
        assert [name[:15] for name in using] == ["quizzer-import-"]
        done = _quizzer(tmp_path, "import", str(second), "-o", str(tmp_path / "b"))
        assert done.returncode == 0, done.stderr
        assert _temp(tmp_path) == using
        _out, err = held.communicate("\n", timeout=120)
    assert (held.returncode, err) == (0, ""), err
    assert [card.front for card in load_deck(tmp_path / "a" / "spanish.yaml").cards] == [
        "x 0", "x 1", "x 2"
    ]  # fmt: skip
    assert _temp(tmp_path) == []


def test_an_export_leaves_nothing_in_the_temp_folder(tmp_path: Path) -> None:
    """genanki writes a package's collection to a temp file of its own and leaves it;
    an export has it made in its scratch folder, removed with it."""
    deck = tmp_path / "w.yaml"
    deck.write_text(DECK, encoding="utf-8")
    done = _quizzer(tmp_path, "export", str(deck), "-o", str(tmp_path / "w.apkg"))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert _temp(tmp_path) == []


@pytest.mark.parametrize(
    "name", ["quizzer-import-ab12cd34", "quizzer-merge-q", "quizzer-importer-ab12cd34", "tmpq"]
)
def test_a_folder_not_known_to_be_a_leftover_stays(tmp_path: Path, name: str) -> None:
    """A folder of such a name that quizzer cannot tell it left (one of another program,
    of a quizzer before this one), or of another name, is left as it is."""
    stranger = tmp_path / "temp" / name
    stranger.mkdir(parents=True)
    (stranger / "collection.sqlite").write_bytes(b"kept")
    done = _quizzer(tmp_path, "import", str(_package(tmp_path)), "-o", str(tmp_path / "d"))
    assert done.returncode == 0, done.stderr
    assert _temp(tmp_path) == [name]
    assert (stranger / "collection.sqlite").read_bytes() == b"kept"


def test_a_link_of_a_leftover_name_stays_and_so_does_its_folder(tmp_path: Path) -> None:
    """A link named as a leftover, to a folder marked as one: neither is removed."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / MARKER).write_text("1\n")
    (elsewhere / "collection.sqlite").write_bytes(b"kept")
    (tmp_path / "temp").mkdir()
    (tmp_path / "temp" / "quizzer-merge-ab12cd34").symlink_to(elsewhere)
    done = _quizzer(tmp_path, "import", str(_package(tmp_path)), "-o", str(tmp_path / "d"))
    assert done.returncode == 0, done.stderr
    assert _temp(tmp_path) == ["quizzer-merge-ab12cd34"]
    assert sorted(os.listdir(elsewhere)) == [MARKER, "collection.sqlite"]
