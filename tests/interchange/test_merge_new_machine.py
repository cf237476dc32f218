"""Another machine's database merged into a new one, the deck files already here (the
learner copied their decks folder and their quizzer.db over, and imports before ever
starting quizzer here). The cards it brings are those of the files here: active and due
as there. Before, all of them came in retired, with a warning that no deck file here had
them, until the next command synced the folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run_cli
from test_merge_files import DECK, START, _machine

from quizzer.store import Store


def test_the_cards_of_the_deck_files_here_come_in_active(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "w.yaml").write_text(DECK, encoding="utf-8")
    other = _machine(capsys, tmp_path / "other.db", decks)
    here = tmp_path / "here.db"  # quizzer never ran here
    status, out, err = run_cli(
        capsys, "--db", str(here), "--decks", str(decks), "import", str(other)
    )
    assert (status, err) == (0, "")
    assert out == (
        "merged 2 answers (0 already here); 1 card rescheduled from their merged history\n"
    )
    with Store.open(other) as there:
        theirs = there.card_state("w/cards/one")
    with Store.open(here) as store:
        assert store.card_state("w/cards/one") == theirs
        assert theirs is not None and not theirs.retired
        assert [e.grade for e in store.history("w/cards/one")] == [4, 5]
        two = store.card_state("w/cards/two")  # the rest of the file came with it
        assert two is not None and not two.retired


def test_a_card_no_file_here_has_is_still_said_to_come_in_retired(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the cards the files here lack are counted in the warning."""
    theirs = tmp_path / "their-decks"
    theirs.mkdir()
    (theirs / "w.yaml").write_text(DECK + "  - front: three\n    back: 3\n", encoding="utf-8")
    other = _machine(capsys, tmp_path / "other.db", theirs)
    with Store.open(other) as store:
        store.record_answer(
            "w/cards/three", 4, response_ms=900, kind="scheduled",
            reviewed_at=START, study_day=START.date(),
        )  # fmt: skip
    shutil.rmtree(theirs)  # on the other machine
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "w.yaml").write_text(DECK, encoding="utf-8")
    here = tmp_path / "here.db"
    status, _, err = run_cli(capsys, "--db", str(here), "--decks", str(decks), "import", str(other))
    assert status == 0
    assert err == (
        "warning: 1 card(s) that no deck file here has came in retired, with their history;"
        " each comes back when a deck file here has it\n"
    )
    with Store.open(here) as store:
        one, three = store.card_state("w/cards/one"), store.card_state("w/cards/three")
        assert one is not None and not one.retired
        assert three is not None and three.retired
