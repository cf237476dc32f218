"""Merging another machine's database brings only the cards someone answered there, and
only their decks: a deck nobody studied on that machine stayed here for good, retired,
and every `quizzer stats` said its file was gone; its cards were counted among those
that came in "with their history"."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from test_merge_files import DECK, merged_three

from quizzer.store import Store


def test_a_deck_nobody_studied_there_stays_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "w.yaml").write_text(DECK, encoding="utf-8")
    theirs = tmp_path / "their-decks"
    theirs.mkdir()
    more = "  - front: three\n    back: 3\n  - front: four\n    back: 4\n"
    (theirs / "w.yaml").write_text(DECK + more, encoding="utf-8")
    (theirs / "h.yaml").write_text("title: H\ncards:\n  - front: eta\n    back: 7\n")
    here = merged_three(capsys, tmp_path, theirs, decks)
    with Store.open(here) as store:
        assert sorted(store.deck_ids()) == ["w"]
        assert store.card_state("w/cards/three") is not None
        assert store.card_state("w/cards/four") is None
        assert store.card_state("h/cards/eta") is None
    status, out, err = run_cli(capsys, "--db", str(here), "--decks", str(decks), "stats")
    assert (status, err) == (0, "")
    assert "gone" not in out
