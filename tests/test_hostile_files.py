"""Hostile files, path oddities and faults, through the real CLI.

Each case must end with one clear error (no traceback, nothing lost), never a hang: every
command runs in a subprocess with a timeout and a memory ceiling, so a read without a
limit or a blocking open fails the test instead of stalling or exhausting the machine.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from quizzer.config import load_settings

REPO = Path(__file__).resolve().parent.parent
SHIPPED_DECK = REPO / "decks" / "parameters-and-hyperparameters.yaml"
TIMEOUT = 60
MEMORY_CEILING = 2 * 1024**3

DECK = """\
title: Tiny
terms:
  - {term: a, definition: b}
  - {term: c, definition: d}
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def quizzer(
    *args: str | Path, cwd: Path, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        preexec_fn=_limit_memory,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one `quizzer: error:` line on stderr (exit 1 or 2, no traceback)."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (1, 2), (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("quizzer: error: "), lines[0]
    return lines[0].removeprefix("quizzer: error: ")


# -- every kind of non-regular file ---------------------------------------------------------

MakeSpecial = Callable[[str, Path], None]
NON_REGULAR = ("fifo", "dev-zero", "socket")
KIND_WORDS = {"fifo": "a named pipe", "dev-zero": "a character device", "socket": "a socket"}


@pytest.fixture
def make_special() -> Iterator[MakeSpecial]:
    """`make(kind, path)` puts a non-regular file of `kind` at `path`."""
    sockets: list[socket.socket] = []

    def make(kind: str, path: Path) -> None:
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "dev-zero":
            path.symlink_to("/dev/zero")
        elif kind == "socket":
            # A socket's path must be short: bind in a short folder, then move it.
            short = Path(tempfile.mkdtemp(prefix="qz"))
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.bind(str(short / "s"))
            sockets.append(sock)
            os.rename(short / "s", path)
            short.rmdir()
        else:
            raise ValueError(kind)

    yield make
    for sock in sockets:
        sock.close()


@pytest.fixture
def deck_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(DECK, encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind", NON_REGULAR)
def test_check_refuses_a_non_regular_deck_file(
    tmp_path: Path, deck_folder: Path, make_special: MakeSpecial, kind: str
) -> None:
    make_special(kind, deck_folder / "odd.yaml")
    result = quizzer("check", "decks", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"decks/odd.yaml:1:1: error: cannot read file: it is {KIND_WORDS[kind]}, "
        "not a regular file",
        "decks/odd.yaml: 1 error",
        "decks/tiny.yaml: ok, 2 cards (terms 2, mental_models 0, confusions 0, cards 0)",
    ]


@pytest.mark.parametrize("kind", NON_REGULAR)
def test_stats_syncs_a_folder_holding_a_non_regular_deck_file(
    tmp_path: Path, deck_folder: Path, make_special: MakeSpecial, kind: str
) -> None:
    make_special(kind, deck_folder / "odd.yaml")
    result = quizzer("stats", "--decks", "decks", "--db", "q.db", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"decks/odd.yaml:1:1: error: cannot read file: it is {KIND_WORDS[kind]}, not a regular file"
    ]
    assert "tiny" in result.stdout


@pytest.mark.parametrize("kind", NON_REGULAR)
def test_review_of_a_non_regular_deck_file_is_refused(
    tmp_path: Path, deck_folder: Path, make_special: MakeSpecial, kind: str
) -> None:
    make_special(kind, deck_folder / "odd.yaml")
    result = quizzer("review", "decks/odd.yaml", "--db", "q.db", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "quizzer: error: decks/odd.yaml is not a valid deck:",
        f"decks/odd.yaml:1:1: error: cannot read file: it is {KIND_WORDS[kind]}, "
        "not a regular file",
    ]


HOME_SCRIPT = """
import asyncio, sys
from pathlib import Path
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp

async def main():
    store = Store.open(Path("q.db"))
    app = QuizzerApp(store, [Path("decks")])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        print(sorted(str(key) for key in screen._invalid))
        print(screen._invalid and next(iter(screen._invalid.values())).first_error)
    store.close()

asyncio.run(main())
"""


@pytest.mark.parametrize("kind", NON_REGULAR)
def test_home_lists_a_non_regular_deck_file_as_invalid(
    tmp_path: Path, deck_folder: Path, make_special: MakeSpecial, kind: str
) -> None:
    make_special(kind, deck_folder / "odd.yaml")
    result = subprocess.run(
        [sys.executable, "-c", HOME_SCRIPT],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 0, result.stderr
    assert f"cannot read file: it is {KIND_WORDS[kind]}, not a regular file" in result.stdout


@pytest.mark.parametrize("kind", [*NON_REGULAR, "folder"])
def test_a_non_regular_config_file_is_refused(
    tmp_path: Path, isolated_home: Path, make_special: MakeSpecial, kind: str
) -> None:
    config = isolated_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    if kind == "folder":
        config.mkdir()
    else:
        make_special(kind, config)
    words = {**KIND_WORDS, "folder": "a folder"}[kind]
    result = quizzer("stats", "--db", "q.db", cwd=tmp_path)
    assert one_error_line(result) == (
        f"{config}: cannot read the config file: it is {words}, not a regular file"
    )


def test_a_deck_larger_than_the_limit_behind_a_symlink_is_not_read_whole(
    tmp_path: Path, deck_folder: Path
) -> None:
    big = tmp_path / "big.bin"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: bigger than the memory ceiling
    (deck_folder / "big.yaml").symlink_to(big)
    result = quizzer("stats", "--decks", "decks", "--db", "q.db", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "decks/big.yaml:1:1: error: the file is too large (3072.0 MiB); a deck may be at most 5 MiB"
    ]


SECRET = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"


def test_check_does_not_print_the_content_of_a_symlinked_secret(
    tmp_path: Path, deck_folder: Path
) -> None:
    secret = tmp_path / "credentials"
    secret.write_text(SECRET, encoding="utf-8")
    (deck_folder / "creds.yaml").symlink_to(secret)
    result = quizzer("check", "decks/creds.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "AWS_SECRET" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        "decks/creds.yaml:1:1: error: a deck must be a mapping (title:, terms:, ...), got text"
    )


LONG = "x" * 300


@pytest.mark.parametrize(
    "deck",
    [
        f"title: T\nid: {LONG}\n",
        f"title: T\n{LONG}: 1\n",
        f"title: T\ntitle: T\ncards:\n  - {{type: {LONG}}}\n",
        f"title: T\nterms:\n  - {{term: {LONG}, definition: a}}\n"
        f"  - {{term: {LONG}, definition: b}}\n",
        f"title: T\nterms:\n  - term: a\n    definition: b\n    {LONG}: c\n    {LONG}: d\n",
        'title: T\nterms: "' + "\\e[2J" * 40 + '"\n',
    ],
    ids=["id", "unknown-key", "card-type", "duplicate-card", "duplicate-key", "escapes"],
)
def test_errors_quote_at_most_a_short_escaped_excerpt(tmp_path: Path, deck: str) -> None:
    (tmp_path / "deck.yaml").write_text(deck, encoding="utf-8")
    result = quizzer("check", "deck.yaml", cwd=tmp_path)
    assert result.returncode == 1
    errors = result.stdout.splitlines()[:-1]
    assert errors
    for line in errors:
        assert "x" * 41 not in line, line
        assert "\x1b" not in line
        assert len(line) < 300, line


# -- config files -------------------------------------------------------------------------


def _config(home: Path, content: bytes) -> Path:
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_bytes(content)
    return config


def test_a_config_saved_with_a_byte_order_mark_is_read(tmp_path: Path, isolated_home: Path) -> None:
    config = _config(isolated_home, b"\xef\xbb\xbfnew_per_day = 1\n")
    assert load_settings(config).new_per_day == 1
    result = quizzer("stats", "--json", "--db", "q.db", SHIPPED_DECK, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_config_nested_ten_thousand_levels_deep_is_one_error(
    tmp_path: Path, isolated_home: Path
) -> None:
    config = _config(isolated_home, b"a = " + b"[" * 10_000 + b"]" * 10_000 + b"\n")
    result = quizzer("stats", "--db", "q.db", cwd=tmp_path)
    assert one_error_line(result) == f"{config}: not valid TOML: nested too deeply"


def test_a_huge_config_is_not_read_whole(tmp_path: Path, isolated_home: Path) -> None:
    config = _config(isolated_home, b"")
    with config.open("wb") as handle:
        handle.truncate(3 * 1024**3)
    result = quizzer("stats", "--db", "q.db", cwd=tmp_path)
    assert one_error_line(result) == (
        f"{config}: the file is too large (3072.0 MiB); a config file may be at most 64 KiB"
    )
