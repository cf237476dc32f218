"""A cloze note in Anki's text export from an Anki in another language: Anki writes its
note types' names in its own language ("Lückentext" in a German Anki), so a row of a
note type that is not one of Anki's English names, its first field holding a cloze, is
a cloze note. It came in as a card whose front was `{{c1::Berlin}} ist die Hauptstadt`
and whose back was `(empty)`. A row of one of Anki's English Basic types, or of no note
type at all, stays a card whatever its front holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from anki_build import export_apkg, export_notes_csv
from conftest import run_cli
from test_anki_stock_types import _add, _german_copy

from quizzer.core.loader import load_deck


def _german_export(folder: Path) -> tuple[Path, Path]:
    """(the real Anki's text export, its package) of a deck of German notes."""
    from anki.collection import Collection

    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Deutsch")
        _add(col, _german_copy(col, "Basic"), deck, ("Hund", "dog"))
        cloze = _german_copy(col, "Cloze")
        _add(col, cloze, deck, ("{{c1::Berlin}} ist die {{c2::Hauptstadt}}", "von Deutschland"))
        _add(col, cloze, deck, ("Die {{c1::Spree}} fließt durch Berlin", ""))
        export_apkg(col, folder / "deutsch.apkg", deck=deck)
        return export_notes_csv(col, deck, folder / "notes.txt"), folder / "deutsch.apkg"
    finally:
        col.close()


def _cards(capsys: pytest.CaptureFixture[str], folder: Path, file: Path) -> list[tuple[str, ...]]:
    status, out, err = run_cli(
        capsys, "--db", str(folder / "q.db"), "import", str(file), "-o", str(folder / "decks"),
        "--json",
    )  # fmt: skip
    assert status == 0, err
    (deck,) = json.loads(out)["decks"]
    loaded = load_deck(Path(deck["path"]))
    assert not isinstance(loaded, list), loaded
    return [(c.id, c.kind, c.front, c.back) for c in loaded.cards]


def test_a_german_ankis_cloze_row_is_a_cloze(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, package = _german_export(tmp_path)
    assert "Lückentext" in text.read_text(encoding="utf-8")  # as Anki wrote it
    cards = _cards(capsys, tmp_path / "text", text)
    kinds = [(card_id.rsplit("/", 1)[-1], kind) for card_id, kind, _, _ in cards]
    assert [k for _, k in kinds] == ["basic", "cloze", "cloze", "cloze"]
    assert [c[2:] for c in cards[1:]] == [
        ("[...] ist die Hauptstadt", "**Berlin** ist die Hauptstadt\n\nvon Deutschland"),
        ("Berlin ist die [...]", "Berlin ist die **Hauptstadt**\n\nvon Deutschland"),
        ("Die [...] fließt durch Berlin", "Die **Spree** fließt durch Berlin"),
    ]
    # the same cards, of the same ids, as the package of that deck gives
    assert cards == _cards(capsys, tmp_path / "package", package)


@pytest.mark.parametrize(
    ("header", "front"),
    [
        ("#separator:tab\n#notetype:Basic\n", "{{c1::Berlin}} is a city"),
        ("", "{{c1::Berlin}} is a city"),  # no note type: Anki's Basic, as Anki reads it
    ],
    ids=["basic", "no-note-type"],
)
def test_a_basic_row_stays_a_card_whatever_its_front(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, front: str
) -> None:
    file = tmp_path / "rows.txt"
    file.write_text(f"{header}{front}\tthe back\n", encoding="utf-8")
    ((_, kind, shown, back),) = _cards(capsys, tmp_path, file)
    assert (kind, shown, back) == ("basic", front, "the back")
