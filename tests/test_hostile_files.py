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
from quizzer.errors import QuizzerError
from quizzer.store import Store

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
        "2 files checked: 1 valid, 1 invalid (1 error)",
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
        await app.workers.wait_for_complete()  # the deck folders are synced in a worker
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


# -- database files: kinds, path oddities, faults --------------------------------------------


@pytest.mark.parametrize("kind", [*NON_REGULAR, "folder"])
def test_a_non_regular_database_is_refused_before_sqlite_opens_it(
    tmp_path: Path, make_special: MakeSpecial, kind: str
) -> None:
    db = tmp_path / "odd.db"
    if kind == "folder":
        db.mkdir()
    else:
        make_special(kind, db)
    words = {**KIND_WORDS, "folder": "a folder"}[kind]
    result = quizzer("stats", "--db", db, cwd=tmp_path)
    assert one_error_line(result) == f"{db} is {words}, not a database file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd.db"]


def test_dev_null_as_database_is_refused_and_leaves_no_journal(tmp_path: Path) -> None:
    journal = Path("/dev/null-journal")
    if journal.exists() and os.access("/dev", os.W_OK):
        journal.unlink()  # left by an earlier quizzer: it must not come back
    result = quizzer("stats", "--db", "/dev/null", cwd=tmp_path)
    assert one_error_line(result) == "/dev/null is a character device, not a database file"
    assert not journal.exists()


@pytest.mark.parametrize(
    "name", ["we?ird.db", "we%20ird.db", "we#ird.db", "we ird.db", "we?mode=ro.db", ":memory:"]
)
def test_a_database_path_is_never_parsed_as_a_url(tmp_path: Path, name: str) -> None:
    (tmp_path / "we").write_bytes(b"another file, not to be touched\n")
    for _ in range(2):  # create, then open the existing file
        result = quizzer("stats", "--db", name, SHIPPED_DECK, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert (tmp_path / "we").read_bytes() == b"another file, not to be touched\n"
    # Besides the database only its setup lock file, named after it (file_locks.py).
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["we", name, f"{name}.lock"])
    with Store.open(tmp_path / name) as store:
        assert store.deck_ids() == ["parameters-and-hyperparameters"]


def test_a_database_in_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    # /sys refuses new files even to root (permission denied, or a read-only mount).
    result = quizzer("stats", "--db", "/sys/quizzer-test.db", cwd=tmp_path)
    message = one_error_line(result)
    assert message.startswith("cannot create /sys/quizzer-test.db: "), message
    assert message.endswith(("Permission denied", "Read-only file system")), message


def test_a_disk_write_error_is_reported_as_such(tmp_path: Path) -> None:
    """A file-size limit makes the kernel refuse the write (EFBIG), as a failing disk would."""
    db = tmp_path / "q.db"
    assert quizzer("stats", "--db", db, cwd=tmp_path).returncode == 0
    before = db.read_bytes()

    def small_files() -> None:
        _limit_memory()
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))

    result = subprocess.run(
        [sys.executable, "-m", "quizzer", "stats", "--db", str(db), str(SHIPPED_DECK)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        preexec_fn=small_files,
    )
    message = one_error_line(result)
    assert message == (
        f"{db}: the disk reported an error (disk I/O error); nothing was written, and what "
        "was saved before is intact"
    )
    assert db.read_bytes() == before


@pytest.fixture
def store_with_deck(tmp_path: Path) -> Iterator[Store]:
    from quizzer.library import sync_decks

    store = Store.open(tmp_path / "q.db")
    sync_decks(store, [SHIPPED_DECK])
    yield store
    store.close()


def _answer(store: Store, n: int = 0) -> None:
    """The `n`th answer: the cards in turn, one study day after another."""
    from datetime import UTC, date, datetime, timedelta

    cards = store.cards("parameters-and-hyperparameters")
    day = date(2025, 1, 2) + timedelta(days=n // len(cards))
    store.record_answer(
        cards[n % len(cards)].id,
        4,
        response_ms=1000,
        kind="scheduled",
        reviewed_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
        study_day=day,
    )


@pytest.mark.parametrize(
    ("pragma", "message"),
    [
        (
            "PRAGMA query_only = ON",  # SQLite's own "attempt to write a readonly database"
            "{db} is read-only (the file, its folder or the disk cannot be written); nothing "
            "was written, and what was saved before is intact",
        ),
        (
            "PRAGMA max_page_count = {pages}",  # SQLite's own "database or disk is full"
            "{db}: no space left (the disk or the database is full); nothing was written, "
            "and what was saved before is intact",
        ),
    ],
    ids=["read-only", "full"],
)
def test_write_faults_say_what_is_wrong_and_that_nothing_was_lost(
    store_with_deck: Store, pragma: str, message: str
) -> None:
    store = store_with_deck
    with store._database.connection() as con:
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(pragma.format(pages=pages))
    saved = 0
    with pytest.raises(QuizzerError) as caught:  # answers until the file can take no more
        for saved in range(5000):
            _answer(store, saved)
    assert str(caught.value) == message.format(db=store.path)
    # every answer before the failing one is there, the failing one is not
    assert len(store.answers("parameters-and-hyperparameters")) == saved


# -- empty names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "argument"),
    [
        (["scores", ""], "DECK"),
        (["review", ""], "DECK"),
        (["speed", ""], "DECK"),
        (["stats", ""], "DECK"),
        (["check", ""], "PATH"),
        (["--db", "", "stats"], "--db"),
        (["stats", "--decks", ""], "--decks"),
    ],
    ids=["scores", "review", "speed", "stats", "check", "db", "decks"],
)
def test_an_empty_deck_name_or_path_is_a_usage_error(
    tmp_path: Path, args: list[str], argument: str
) -> None:
    result = quizzer(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one line
    assert f"error: argument {argument}: must not be empty" in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []
