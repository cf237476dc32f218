"""A cloze note with an empty cloze (`{{c1::}} empty cloze {{c2::ok}}`, two cards in
Anki) comes in with its other clozes, the empty one's text (nothing) left as text, and
one warning per deck counting such notes: the whole note was left out ("cloze marker
'{{c1::}}' has an empty answer"). A note whose clozes are all empty is left out as
before. One whose gaps nest comes in as one item per gap (test_anki_nested_clozes.py),
without its empty one as the others do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from anki_build import answer_card, export_apkg
from conftest import imported

from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store

NOTES = {  # deck -> its cloze notes' texts
    "Empty": (
        "{{c1::}} empty cloze {{c2::ok}}",
        "{{c1:: ::hint}} gap {{c3::y}}",
        "{{c1::}} nothing else",
        "{{c1::a {{c2::b}} c}}",
    ),
    "Other": ("{{c1::}} {{c2::a {{c3::b}} c}}", "{{c1::fine}}"),
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], str]:
    """(flavour -> the package of NOTES, the guid of the first note, whose c2 card was
    answered in Anki)."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("empty")
    col = Collection(str(folder / "collection.anki2"))
    try:
        model = col.models.by_name("Cloze")
        first = None
        for deck, texts in NOTES.items():
            deck_id = col.decks.id(deck)
            for text in texts:
                note = col.new_note(model)
                note["Text"] = text
                col.add_note(note, deck_id)
                first = first or note
        assert first is not None and [c.ord for c in first.cards()] == [0, 1]
        answer_card(col, first.cards()[1].id, [CardAnswer.GOOD])
        paths = {
            flavour: export_apkg(col, folder / f"{flavour}.apkg", legacy=flavour == "legacy")
            for flavour in ("modern", "legacy")
        }
        return paths, first.guid
    finally:
        col.close()


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_a_cloze_note_keeps_its_clozes_besides_an_empty_one(
    package: tuple[dict[str, Path], str], flavour: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    paths, guid = package
    report = imported(capsys, tmp_path, paths[flavour])
    text = (tmp_path / "decks" / "empty.yaml").read_text("utf-8")
    assert [item["text"] for item in yaml.safe_load(text)["cards"]] == [
        "empty cloze {{c2::ok}}", "gap {{c3::y}}", "{{c1::a b c}}", "a {{c2::b}} c",
    ]  # fmt: skip
    other = (tmp_path / "decks" / "other.yaml").read_text("utf-8")
    assert [item["text"] for item in yaml.safe_load(other)["cards"]] == [
        "{{c2::a b c}}", "a {{c3::b}} c", "{{c1::fine}}",
    ]  # fmt: skip
    assert {d["id"]: d["cards"] for d in report["decks"]} == {"empty": 4, "other": 3}
    warnings = report["warnings"]
    assert (
        "empty.yaml: 2 cloze note(s) came in without their empty clozes ({{c1::}}, which "
        "ask for nothing; an Anki card of those alone was left out; first: 'empty cloze "
        "{{c2::ok}}')"
    ) in warnings
    # all empty: left out as before
    assert [w for w in warnings if "left out '" in w] == [
        "empty.yaml: left out '{{c1::}} nothing else': cloze marker '{{c1::}}' has an empty answer",
    ]
    assert (
        "other.yaml: 1 cloze note(s) came in without their empty clozes ({{c1::}}, which "
        "ask for nothing; an Anki card of those alone was left out; first: '{{c2::a "
        "{{c3::b}} c}}')"
    ) in warnings
    assert len(warnings) == 4
    with Store.open(tmp_path / "q.db") as store:  # the answer in Anki came with its card
        assert len(store.history(f"empty/cards/{key_for_guid(guid)}/c2")) == 1
