"""Retired cards of a deck file (a leech, or a card suspended in Anki and imported) go
to Anki suspended: the real Anki reads `queue == -1` for exactly those cards, and a card
suspended in Anki stays suspended through Anki -> quizzer -> .apkg -> Anki."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import answer_card, export_apkg
from conftest import exported, imported

from quizzer.core.loader import load_deck
from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store

SUSPENDED = -1
DECK = """\
title: Leeches
terms:
  - term: Parameter
    definition: learned
    reverse: true
cards:
  - type: cloze
    text: A {{c1::first}} and a {{c2::second}} and a {{c3::third}}.
  - front: Kept
    back: active
mental_models:
  - name: Knobs
    summary: the model finds them
    mapping:
      knob: a weight
      rule: a setting
"""


def anki_queues(folder: Path, package: Path) -> dict[tuple[str, int], int]:
    """`package` imported into a fresh real Anki collection: (guid, ord) -> queue."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(folder / f"queues-{package.stem}.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(package),
                options=ImportAnkiPackageOptions(with_scheduling=True),
            )
        )
        queues = {}
        for card_id in col.find_cards(""):
            card = col.get_card(card_id)
            queues[(card.note().guid, card.ord)] = card.queue
        return queues
    finally:
        col.close()


def test_retired_cards_are_suspended_in_anki_and_only_they(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "src" / "leeches.yaml"
    deck.parent.mkdir()
    deck.write_text(DECK, encoding="utf-8")
    db = tmp_path / "q.db"
    exported(capsys, db, deck, tmp_path / "first.apkg")  # syncs the deck
    with Store.open(db) as store:
        for card_id in (
            "leeches/terms/parameter/reverse",
            "leeches/cards/a-and-a-and-a/c2",
            "leeches/mental_models/knobs/map-knob",  # a mapping card: no Anki card
        ):
            assert store.retire_leech(card_id)
    package = exported(capsys, db, deck, tmp_path / "leeches.apkg")
    queues = anki_queues(tmp_path, package)
    suspended = sorted(at for at, queue in queues.items() if queue == SUSPENDED)
    assert suspended == [
        ("qz:leeches/cards/a-and-a-and-a", 1),
        ("qz:leeches/terms/parameter", 1),
    ]
    assert len(queues) == 7  # the term's 2, the cloze's 3, Kept, the model's own card
    assert all(queue == 0 for at, queue in queues.items() if at not in suspended)


def test_a_card_suspended_in_anki_stays_suspended_through_quizzer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anki -> quizzer -> .apkg -> Anki: one card of a two-card note, and a cloze gap."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "source.anki2"))
    try:
        home = col.decks.id("Home")
        half = col.new_note(col.models.by_name("Basic (and reversed card)"))
        half["Front"], half["Back"] = "half", "one card suspended"
        col.add_note(half, home)
        cloze = col.new_note(col.models.by_name("Cloze"))
        cloze["Text"] = "{{c1::one}} {{c2::two}}"
        col.add_note(cloze, home)
        other = col.new_note(col.models.by_name("Basic"))
        other["Front"], other["Back"] = "other", "active"
        col.add_note(other, home)
        col.sched.suspend_cards([half.cards()[1].id, cloze.cards()[0].id])
        source = export_apkg(col, tmp_path / "source.apkg")
        guids = {"half": half.guid, "cloze": cloze.guid, "other": other.guid}
    finally:
        col.close()
    report = imported(capsys, tmp_path, source)
    (written,) = report["decks"]
    package = exported(capsys, tmp_path / "q.db", Path(written["path"]), tmp_path / "back.apkg")
    queues = anki_queues(tmp_path, package)
    labels = {guid: label for label, guid in guids.items()}  # notes keep their guid
    by_label = {(labels[guid], ord_): queue for (guid, ord_), queue in queues.items()}
    assert by_label == {
        ("half", 0): 0,
        ("half", 1): SUSPENDED,
        ("cloze", 0): SUSPENDED,
        ("cloze", 1): 0,
        ("other", 0): 0,
    }


def test_a_note_suspended_whole_goes_back_to_anki_suspended(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anki -> quizzer -> .apkg -> Anki keeps every note: one whose cards are all
    suspended (with answers, in a deck with active notes) is in the deck file, out of
    the schedule with its history, and comes back to Anki with its cards suspended."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    col = Collection(str(tmp_path / "source.anki2"))
    try:
        home = col.decks.id("Home")
        notes = {}
        for label, kind in [
            ("whole", "Basic (and reversed card)"), ("active", "Basic"),
            ("studied", "Basic (and reversed card)"),
        ]:  # fmt: skip
            note = col.new_note(col.models.by_name(kind))
            note["Front"], note["Back"] = label, f"{label} back"
            col.add_note(note, home)
            notes[label] = note
        for label in ("whole", "studied"):
            answer_card(col, notes[label].cards()[0].id, [CardAnswer.GOOD, CardAnswer.GOOD])
        col.sched.suspend_cards([card.id for card in notes["whole"].cards()])
        source = export_apkg(col, tmp_path / "source.apkg")
        guids = {label: note.guid for label, note in notes.items()}
    finally:
        col.close()
    report = imported(capsys, tmp_path, source)
    (written,) = report["decks"]
    assert (written["cards"], written["retired"]) == (3, 2)
    whole = f"home/cards/{key_for_guid(guids['whole'])}"
    deck = load_deck(Path(written["path"]))
    assert not isinstance(deck, list)
    assert {whole, f"{whole}/reverse"} <= {card.id for card in deck.cards}
    with Store.open(tmp_path / "q.db") as store:
        assert store.deck_leeches("home") == {whole, f"{whole}/reverse"}
        assert len(store.history(whole)) == 2
    package = exported(capsys, tmp_path / "q.db", Path(written["path"]), tmp_path / "back.apkg")
    queues = anki_queues(tmp_path, package)
    labels = {guid: label for label, guid in guids.items()}
    by_label = {(labels[guid], ord_): queue for (guid, ord_), queue in queues.items()}
    assert sorted(by_label) == [
        ("active", 0), ("studied", 0), ("studied", 1), ("whole", 0), ("whole", 1),
    ]  # fmt: skip
    assert by_label[("whole", 0)] == by_label[("whole", 1)] == SUSPENDED
    assert all(queue != SUSPENDED for (label, _), queue in by_label.items() if label != "whole")
