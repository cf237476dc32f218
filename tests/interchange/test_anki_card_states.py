"""Anki cards in each state an export can hold them in (real Anki backend): learning
and relearning (due in epoch seconds; answered today, due the next day), new, buried by
hand and as a sibling, sitting in a filtered deck (at home in its original deck, due
from `odue`), and one card of a two-card note suspended: that card comes in retired,
its sibling active."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from anki_build import answer_card, export_apkg
from conftest import imported, run_cli

from quizzer.core.schedule import study_day
from quizzer.interchange.history import day_zero
from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store


@dataclass
class Built:
    packages: dict[bool, Path]
    """legacy -> the package exported in that flavour."""
    keys: dict[str, str]
    due: dict[str, date]
    """label -> the due day Anki gives (review cards), as a date."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("states")
    col = Collection(str(folder / "collection.anki2"))
    try:
        home = col.decks.id("Home")
        notes = {}
        for label, kind in [
            ("learning", "Basic"), ("relearning", "Basic"), ("new", "Basic"),
            ("buried", "Basic"), ("sibling", "Basic (and reversed card)"),
            ("filtered", "Basic"), ("half", "Basic (and reversed card)"),
        ]:  # fmt: skip
            note = col.new_note(col.models.by_name(kind))
            note["Front"], note["Back"] = label, f"{label} back"
            col.add_note(note, home)
            notes[label] = note

        def answer(label: str, ratings: list[object]) -> None:
            answer_card(col, notes[label].cards()[0].id, ratings)

        good, again = CardAnswer.GOOD, CardAnswer.AGAIN
        answer("learning", [again])
        answer("relearning", [good, good, again])
        for label in ("buried", "sibling", "filtered", "half"):
            answer(label, [good, good])
        col.sched.bury_cards([notes["buried"].cards()[0].id], manual=True)
        col.sched.bury_cards([notes["sibling"].cards()[1].id], manual=False)
        col.sched.suspend_cards([notes["half"].cards()[0].id])
        filtered = col.decks.new_filtered("Filtered")
        deck = col.decks.get(filtered)
        deck["terms"] = [['"deck:Home" front:filtered', 100, 0]]
        col.decks.save(deck)
        col.sched.rebuild_filtered_deck(filtered)
        in_filter = col.get_card(notes["filtered"].cards()[0].id)
        assert in_filter.did == filtered and in_filter.odid == home  # it sits there
        zero = day_zero(col.crt)
        due = {
            label: zero + timedelta(days=col.get_card(notes[label].cards()[0].id).due)
            for label in ("buried", "sibling", "half")
        }
        due["filtered"] = zero + timedelta(days=in_filter.odue)
        packages = {}
        for legacy in (False, True):
            packages[legacy] = folder / f"states-{legacy}.apkg"
            export_apkg(col, packages[legacy], legacy=legacy)
        keys = {label: key_for_guid(note.guid) for label, note in notes.items()}
    finally:
        col.close()
    return Built(packages, keys, due)


@pytest.mark.parametrize("legacy", [False, True])
def test_each_card_comes_in_in_its_anki_state(
    built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str], legacy: bool
) -> None:
    for _ in range(2):  # and a re-import changes nothing
        report = imported(capsys, tmp_path, built.packages[legacy])
        assert [(d["id"], d["title"]) for d in report["decks"]] == [("home", "Home")]
        status, out, err = run_cli(capsys, "check", str(tmp_path / "decks"))
        assert status == 0, out + err
        today = study_day(datetime.now(UTC))
        k = {label: f"home/cards/{key}" for label, key in built.keys.items()}
        with Store.open(tmp_path / "q.db") as store:

            def state(card_id: str) -> tuple[date | None, bool]:
                found = store.card_state(card_id)
                assert found is not None
                return found.due, found.retired

            # answered today, due again later today in Anki: quizzer's next day (a
            # second answer today would be a re-drill, leaving the schedule as it is)
            tomorrow = today + timedelta(days=1)
            assert state(k["learning"]) == (tomorrow, False)
            assert state(k["relearning"]) == (tomorrow, False)
            for label in ("learning", "relearning"):  # the log ends where the schedule is
                assert [e.after.due for e in store.history(k[label])][-1] == tomorrow
            assert state(k["new"]) == (None, False)
            assert state(k["buried"]) == (built.due["buried"], False)
            assert state(k["sibling"]) == (built.due["sibling"], False)
            assert state(k["sibling"] + "/reverse") == (None, False)
            assert state(k["filtered"]) == (built.due["filtered"], False)
            assert state(k["half"]) == (built.due["half"], True)  # suspended in Anki
            assert state(k["half"] + "/reverse") == (None, False)
            assert len(store.history(k["half"])) == 2


@pytest.fixture(scope="module")
def all_suspended(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A deck whose every note is suspended, with answers: (package, the card's key)."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("suspended")
    col = Collection(str(folder / "collection.anki2"))
    try:
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = "old fact", "kept"
        col.add_note(note, col.decks.id("Old"))
        card = note.cards()[0]
        answer_card(col, card.id, [CardAnswer.GOOD, CardAnswer.GOOD])
        col.sched.suspend_cards([card.id])
        package = folder / "old.apkg"
        export_apkg(col, package)
        key = key_for_guid(note.guid)
    finally:
        col.close()
    return package, key


def test_a_deck_of_suspended_notes_only_comes_in_with_its_history(
    all_suspended: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The notes are in the deck file, as every suspended note is (so the file is not
    empty), their cards out of the schedule, their answers logged."""
    package, key = all_suspended
    for _ in range(2):
        report = imported(capsys, tmp_path, package)
        assert [(d["id"], d["cards"], d["retired"]) for d in report["decks"]] == [("old", 0, 1)]
        status, out, err = run_cli(capsys, "check", str(tmp_path / "decks"))
        assert status == 0, out + err
        with Store.open(tmp_path / "q.db") as store:
            state = store.card_state(f"old/cards/{key}")
            assert state is not None and state.retired
            assert len(store.history(f"old/cards/{key}")) == 2
            assert store.cards("old") == []
