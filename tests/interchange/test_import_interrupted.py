"""An import cut short: a Ctrl-C as its database commits, a second import into the same
folder at the same moment, a crash while its files are put in place. The database, the
deck files and their media are always of one import: all old or all new."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

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
