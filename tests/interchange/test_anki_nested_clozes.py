"""A cloze note with a gap inside a gap (`{{c1::capital of {{c2::France}}}}`, which Anki
2.1.56 and later make) comes in as one cloze item per gap, each asking what Anki's card
of that gap asks, its history with it; a deck's cloze cannot nest its gaps, and the
whole note used to be left out. Checked against the real Anki's own cards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from anki_build import answer_card, export_apkg, export_notes_csv, import_into_anki
from conftest import imported, run_cli

from quizzer.core.content import CLOZE_MARKER
from quizzer.interchange.cloze_nesting import one_text_per_gap
from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store

TEXTS = (
    "The {{c1::capital of {{c2::France}} is Paris}}.",
    "{{c1::a {{c2::<b>b</b>::hb}} c::h1}} and {{c3::d}} {{c1::e}}",
    "{{c1::x::h::k}} {{c2::y {{c3::z}}}}",
    "x {{c1::a::h {{c2::b}} k}} y",  # a gap in a hint ends it: ` k` is c1's answer
    "Flat {{c1::one}} and {{c2::two}}",  # no nesting: one item, as always
)


@pytest.fixture(scope="module")
def anki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The packages of TEXTS (both flavours), each note's guid, and what Anki asks on each
    card (by the note's guid and the card's gap number): its question as text."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("nested")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Nested")
        guids, asks = [], {}
        for text in TEXTS:
            note = col.new_note(col.models.by_name("Cloze"))
            note["Text"] = text
            col.add_note(note, deck)
            guids.append(note.guid)
            for card in note.cards():
                asks[(note.guid, card.ord + 1)] = _anki_question(card.question())
        first = col.get_note(col.find_notes("")[0])
        answer_card(col, first.cards()[1].id, [CardAnswer.AGAIN, CardAnswer.GOOD])
        packages = {f: export_apkg(col, folder / f"{f}.apkg", legacy=f == "legacy")
                    for f in ("modern", "legacy")}  # fmt: skip
        packages["text"] = export_notes_csv(col, deck, folder / "notes.txt")
        return {"packages": packages, "guids": guids, "asks": asks}
    finally:
        col.close()


def _anki_question(html: str) -> str:
    """What Anki's question shows, as text: each gap it asks `[...]` or `[hint]`."""
    html = re.sub(r"<style.*?</style>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", "", html).strip()


def _quizzer_question(text: str) -> str:
    """The same of a deck's cloze text of one gap number (Markdown bold as Anki's)."""
    return CLOZE_MARKER.sub(lambda m: f"[{m.group(3) or '...'}]", text).replace("**", "")


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_each_gap_of_a_nested_note_comes_in_as_anki_asks_it(
    anki: dict, flavour: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, anki["packages"][flavour])
    items = yaml.safe_load((tmp_path / "decks" / "nested.yaml").read_text("utf-8"))["cards"]
    by_id = {item["id"]: item for item in items}
    asks: dict[tuple[str, int], str] = anki["asks"]
    assert len(by_id) == len(items) == 2 + 3 + 3 + 2 + 1
    for (guid, number), question in asks.items():
        key = key_for_guid(guid)
        if guid == anki["guids"][4]:  # the flat note: one item of both gaps
            assert by_id[key]["text"] == "Flat {{c1::one}} and {{c2::two}}"
            continue
        item = by_id[key if number == 1 else f"{key}-{number}"]
        assert {int(m.group(1)) for m in CLOZE_MARKER.finditer(item["text"])} == {number}
        assert _quizzer_question(item["text"]) == question, (guid, number)
    assert report["decks"][0]["cards"] == len(asks) == 12
    assert report["warnings"] == [
        "4 cloze note(s) have a gap inside a gap, which a deck's cloze cannot hold: each "
        "came in as one cloze item per gap, as Anki shows its cards (first: 'The "
        "{{c1::capital of {{c2::France}} is P')"
    ]
    key = key_for_guid(anki["guids"][0])
    with Store.open(tmp_path / "q.db") as store:  # c2's two answers came with its card
        assert [a.grade for a in store.history(f"nested/cards/{key}-2/c2")] == [1, 4]
        assert store.history(f"nested/cards/{key}/c1") == []


def test_a_second_import_and_a_round_trip_keep_every_card(
    anki: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = anki["packages"]["modern"]
    imported(capsys, tmp_path, package)
    deck = tmp_path / "decks" / "nested.yaml"
    first = deck.read_bytes()
    again = imported(capsys, tmp_path, package)
    assert deck.read_bytes() == first
    assert again["answers_added"] == 0
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o",
        str(tmp_path / "out.apkg"),
    )  # fmt: skip
    assert status == 0, err
    notes = import_into_anki(tmp_path, tmp_path / "out.apkg")
    assert sorted(fields[0] for _, _, fields in notes) == sorted(
        item["text"].replace("**", "<b>", 1).replace("**", "</b>", 1)
        for item in yaml.safe_load(first)["cards"]
    )


def test_anki_text_export_gives_the_same_items(
    anki: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    packaged = imported(capsys, tmp_path / "apkg", anki["packages"]["modern"])
    texts = imported(capsys, tmp_path / "text", anki["packages"]["text"])
    assert [d["cards"] for d in texts["decks"]] == [d["cards"] for d in packaged["decks"]]
    apkg, text = (
        yaml.safe_load((tmp_path / where / "decks" / "nested.yaml").read_text("utf-8"))["cards"]
        for where in ("apkg", "text")
    )
    assert sorted(map(str, text)) == sorted(map(str, apkg))


def test_a_csv_without_guids_keys_each_gap_by_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "clozes.csv"
    csv.write_text("#separator:tab\n#notetype:Cloze\n{{c1::a {{c2::b}} c}} d\tmore\n", "utf-8")
    imported(capsys, tmp_path, csv)
    items = yaml.safe_load((tmp_path / "decks" / "clozes.yaml").read_text("utf-8"))["cards"]
    assert items == [
        {"type": "cloze", "text": "{{c1::a b c}} d", "extra": "more"},
        {"type": "cloze", "text": "a {{c2::b}} c d", "extra": "more"},
    ]


@pytest.mark.parametrize(
    "text",
    [
        "no gap",
        "{{c1::one}}",
        "{{c1::one}} {{c2::two::hint}}",
        "{{c1::a {{c2::b}} c",  # does not close: the check says why
        "}} :: {{c1::a}} {{c2::b}}",
    ],
)
def test_text_without_nested_gaps_is_left_as_it_is(text: str) -> None:
    assert one_text_per_gap(text) is None


def test_a_gap_inside_a_hint_ends_the_hint() -> None:
    assert one_text_per_gap("{{c1::a::{{c2::b}}}}") == {1: "{{c1::ab}}", 2: "a{{c2::b}}"}


def test_a_gap_inside_a_gap_of_the_same_number_is_its_answer() -> None:
    assert one_text_per_gap("{{c1::a {{c1::b}} c}} {{c2::d}}") == {
        1: "{{c1::a b c}} d",
        2: "a b c {{c2::d}}",
    }


def test_gaps_nested_deeper_than_a_note_holds_are_not_read() -> None:
    """A field of a thousand `{{c1::` (a hostile package) is left as it is, which the
    deck check refuses: it took Python's recursion to its limit."""
    assert one_text_per_gap("{{c1::" * 1000 + "x" + "}}" * 1000) is None
    deep = "{{c2::" * 31 + "x" + "}}" * 31
    assert one_text_per_gap(f"{{{{c1::{deep}}}}}") == {
        1: "{{c1::x}}",
        2: "{{c2::x}}",
    }
