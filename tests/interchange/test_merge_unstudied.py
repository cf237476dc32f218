"""Merging another machine's database brings only the cards someone answered there, and
only their decks: a deck nobody studied on that machine stayed here for good, retired,
and every `quizzer stats` said its file was gone; its cards were counted among those
that came in "with their history"."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from test_merge_files import DECK, START, _fresh, _import

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
    other = _fresh(capsys, tmp_path / "other.db", theirs)
    with Store.open(other) as store:
        store.record_answer(
            "w/cards/three", 4, response_ms=900, kind="scheduled",
            reviewed_at=START, study_day=START.date(),
        )  # fmt: skip
    here = _fresh(capsys, tmp_path / "here.db", decks)
    status, out, err = _import(capsys, here, other)
    assert (status, out.count("\n")) == (0, 1)
    assert err == (
        "warning: 1 card(s) that no deck file here has came in retired, with their history;"
        " each comes back when a deck file here has it\n"
    )
    with Store.open(here) as store:
        assert sorted(store.deck_ids()) == ["w"]
        assert store.card_state("w/cards/three") is not None
        assert store.card_state("w/cards/four") is None
        assert store.card_state("h/cards/eta") is None
    status, out, err = run_cli(capsys, "--db", str(here), "--decks", str(decks), "stats")
    assert (status, err) == (0, "")
    assert "gone" not in out
