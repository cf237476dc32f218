"""An import cut short: a Ctrl-C as its database commits, a second import into the same
folder at the same moment, a crash while its files are put in place. The database, the
deck files and their media are always of one import: all old or all new."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest
from conftest import listed, run_cli

from quizzer.core.loader import load_deck
from quizzer.store import Store
from quizzer.store.database import Database

OLD = "hola,hello\nadiós,goodbye\n"
NEW = "hola,hello\nadiós,goodbye\ngracias,thank you\n"


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> tuple[int, str, str]:
    source = tmp_path / "words.csv"
    source.write_text(text, encoding="utf-8")
    return run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(source), "-o", str(tmp_path / "d")
    )


def _fronts(deck: Path) -> list[str]:
    return sorted(card.front for card in load_deck(deck).cards)


def _stored(db: Path) -> list[str]:
    with Store.open(db) as store:
        return sorted(card.front for deck_id in store.deck_ids() for card in store.cards(deck_id))


class _SigintAfterCommit:
    """A connection that, once `deck` holds `marker`, sends this process a real SIGINT
    as soon as a COMMIT has succeeded: a Ctrl-C the moment the import's commit returns."""

    def __init__(self, con: Any, deck: Path, marker: str, sent: list[bool]) -> None:
        self._con, self._deck, self._marker, self._sent = con, deck, marker, sent

    def execute(self, sql: str, *args: Any) -> Any:
        result = self._con.execute(sql, *args)
        if sql == "COMMIT" and not self._sent and self._marker in _text(self._deck):
            self._sent.append(True)
            os.kill(os.getpid(), signal.SIGINT)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def test_ctrl_c_as_the_commit_returns_keeps_the_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, err = _import(capsys, tmp_path, OLD)
    assert status == 0, err
    deck = tmp_path / "d" / "words.yaml"
    sent: list[bool] = []
    plain = Database.connection

    @contextmanager
    def connection(self: Database) -> Iterator[Any]:
        with plain(self) as con:
            yield _SigintAfterCommit(con, deck, "gracias", sent)

    monkeypatch.setattr(Database, "connection", connection)
    status, out, err = _import(capsys, tmp_path, NEW)
    monkeypatch.undo()
    assert sent
    assert (status, err) == (0, "")
    assert "words.yaml: 3 cards" in out
    assert _fronts(deck) == ["adiós", "gracias", "hola"]
    assert _stored(tmp_path / "q.db") == ["adiós", "gracias", "hola"]
    assert [p.name for p in (tmp_path / "d").iterdir() if p.name.endswith(".tmp")] == []


def _spanish(folder: Path, tag: str, deck_id: int) -> Path:
    """A package of a deck named "Spanish" (genanki): two such packages are two decks."""
    import genanki

    deck = genanki.Deck(deck_id, "Spanish")
    for i in range(3):
        deck.add_note(
            genanki.Note(
                model=genanki.BASIC_MODEL, fields=[f"{tag} {i}", f"{tag}'s {i}"], guid=f"{tag}{i}"
            )
        )
    path = folder / f"spanish_{tag}.apkg"
    genanki.Package(deck).write_to_file(str(path))
    return path


def _quizzer(tmp_path: Path, *argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "HOME": str(tmp_path / "h"), "XDG_DATA_HOME": str(tmp_path / "x")}
    return subprocess.Popen(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), *argv],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def _line(stream: IO[str], seconds: float = 60) -> str:
    ready, _, _ = select.select([stream], [], [], seconds)
    return stream.readline() if ready else ""


def test_two_imports_into_one_folder_run_one_after_the_other(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    packages = [_spanish(tmp_path, "x", 2059400111), _spanish(tmp_path, "y", 2059400222)]
    with (folder / ".quizzer-import.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # an import into the folder, running
        runs = [_quizzer(tmp_path, "import", str(p), "-o", str(folder)) for p in packages]
        for run in runs:
            assert run.stderr is not None
            assert _line(run.stderr) == f"quizzer: waiting for another import into {folder}...\n"
        assert all(run.poll() is None for run in runs)
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(p.name for p in folder.glob("*.yaml")) == ["spanish-2.yaml", "spanish.yaml"]
    decks = sorted(_fronts(path) for path in folder.glob("*.yaml"))
    assert decks == [["x 0", "x 1", "x 2"], ["y 0", "y 1", "y 2"]]
    assert sorted(_stored(tmp_path / "q.db")) == sorted(decks[0] + decks[1])


def _pictures(folder: Path, version: int) -> Path:
    """A package of two decks: "Pics", a note showing a.png (its bytes `v<version>`),
    and "Words"; version 2 has one more note in each."""
    import genanki

    pics, words = genanki.Deck(2059400333, "Pics"), genanki.Deck(2059400444, "Words")
    image = folder / f"v{version}" / "a.png"
    image.parent.mkdir()
    image.write_bytes(f"v{version}".encode())
    for i in range(version):
        fields = [f'<img src="a.png"> {i}', f"picture {i}"]
        pics.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=fields, guid=f"p{i}"))
        fields = [f"word {i}", f"meaning {i}"]
        words.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=fields, guid=f"w{i}"))
    path = folder / f"pictures{version}.apkg"
    package = genanki.Package([pics, words])
    package.media_files = [str(image)]
    package.write_to_file(str(path))
    return path


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("pictures")
    return _pictures(folder, 1), _pictures(folder, 2)


@pytest.mark.parametrize(
    ("event", "count"),
    [("os.rename", n) for n in range(1, 6)] + [("shutil.rmtree", 1), ("shutil.rmtree", 2)],
)
def test_a_crash_while_the_files_are_put_in_place_is_undone_or_finished(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    pictures: tuple[Path, Path],
    event: str,
    count: int,
) -> None:
    folder, db = tmp_path / "d", tmp_path / "q.db"
    status, _, err = run_cli(capsys, "--db", str(db), "import", str(pictures[0]), "-o", str(folder))
    assert status == 0, err
    env = {**os.environ, "HOME": str(tmp_path / "h"), "XDG_DATA_HOME": str(tmp_path / "x")}
    crash = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("kill_at.py")), event, str(count),
         "--db", str(db), "import", str(pictures[1]), "-o", str(folder)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert crash.returncode == -signal.SIGKILL, crash.stderr
    status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(folder), "stats")
    assert status == 0, err
    version = len(_fronts(folder / "words.yaml"))
    assert _stored(db) == sorted(_fronts(folder / "pics.yaml") + _fronts(folder / "words.yaml"))
    assert len(_fronts(folder / "pics.yaml")) == version
    assert (folder / "pics.media" / "a.png").read_bytes() == f"v{version}".encode()
    if event == "shutil.rmtree":  # the import's cleanup, after its commit
        assert version == 2
        assert "was cut short after it was saved; it is now complete" in err
    elif count > 1:  # the journal was written (the first rename), then each change undone
        assert version == 1
        assert "was cut short before it was saved; its deck files and media were put back" in err
    status, _, err = run_cli(capsys, "--db", str(db), "import", str(pictures[1]), "-o", str(folder))
    assert status == 0, err
    assert listed(folder) == ["pics.media", "pics.yaml", "words.yaml"]  # nothing left hidden
    assert _fronts(folder / "pics.yaml") == [
        "![a.png](pics.media/a.png) 0",
        "![a.png](pics.media/a.png) 1",
    ]


@pytest.mark.parametrize(("event", "count"), [("os.rename", 1), ("os.link", 1), ("os.rename", 2)])
def test_a_crash_leaves_nothing_beside_a_linked_deck_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, event: str, count: int
) -> None:
    """A deck file that is a link (a deck kept in a git checkout) is written through it:
    its old bytes and the new bytes' temp file are beside the real file, outside the
    deck folder. A crash before the journal is in place, before the old bytes are kept
    or before the new bytes are renamed into place leaves neither there once the next
    run has read the folder."""
    status, _, err = _import(capsys, tmp_path, OLD)
    assert status == 0, err
    link, kept = tmp_path / "d" / "words.yaml", tmp_path / "repo" / "words.yaml"
    kept.parent.mkdir()
    link.rename(kept)
    link.symlink_to(kept)
    source = tmp_path / "words.csv"
    source.write_text(NEW, encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp_path / "h"), "XDG_DATA_HOME": str(tmp_path / "x")}
    crash = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("kill_at.py")), event, str(count),
         "--db", str(tmp_path / "q.db"), "import", str(source), "-o", str(tmp_path / "d")],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert crash.returncode == -signal.SIGKILL, crash.stderr
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "--decks", str(tmp_path / "d"), "stats"
    )
    assert status == 0, err
    assert _fronts(kept) == ["adiós", "hola"]  # the import was not saved: the old file
    assert sorted(p.name for p in kept.parent.iterdir()) == ["words.yaml"]
    status, _, err = _import(capsys, tmp_path, NEW)
    assert status == 0, err
    assert link.is_symlink() and _fronts(kept) == ["adiós", "gracias", "hola"]
    assert sorted(p.name for p in kept.parent.iterdir()) == ["words.yaml"]
    assert listed(tmp_path / "d") == ["words.yaml"]
