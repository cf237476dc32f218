"""What real Anki makes of an exported package's cloze texts and tags: each shows in
Anki as the review shows it, and comes back to quizzer so."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import exported, run_cli

from quizzer.core.content import ClozeContent, render
from quizzer.core.loader import load_deck
from quizzer.interchange.markdown_html import markdown_to_html
from quizzer.markdown_parser import card_parser


def _deck(folder: Path, yaml: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "d.yaml"
    path.write_text(f"title: D\ncards:\n{yaml}", "utf-8")
    return path


def _cards_in_anki(folder: Path, package: Path) -> list[tuple[str, str, list[str]]]:
    """Import `package` into a fresh real Anki collection: per card, in note order, its
    question and answer as text (tags taken out) and its note's tags."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    def text(rendered: str) -> str:
        return html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", "", rendered))

    col = Collection(str(folder / f"check-{package.stem}.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
        )
        cards = []
        for note_id in sorted(col.find_notes("")):
            note = col.get_note(note_id)
            for card in sorted(note.cards(), key=lambda card: card.ord):
                cards.append((text(card.question()), text(card.answer()), list(note.tags)))
        return cards
    finally:
        col.close()


def _shown(text: str, gap: int) -> str:
    """The front of the card of a cloze `text` that hides `gap`, as the review draws it."""
    return card_parser().render(render("cloze", ClozeContent(text, gap)).front)


CLOZE_AFTER_BACKSLASH = r"""  - type: cloze
    text: 'path C:\{{c1::Users}} and {{c2::y}}'
  - type: cloze
    text: '\{{c1::x}} then `C:\{{c2::code}}`, and \\{{c3::z}}'
"""


def test_a_backslash_before_a_cloze_marker_shows_in_anki(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review takes a cloze's markers out before it reads the Markdown, so the
    card of the marker's other gap shows `C:\\Users`; the export read `\\{` as
    Markdown's escape of the `{` and wrote `C:{{c1::Users}}`: Anki showed `C:Users` (and
    `C:[...]`) on every card. A backslash that is itself escaped (`\\\\{{c3::z}}`) and
    one in code are as before."""
    deck = _deck(tmp_path / "src", CLOZE_AFTER_BACKSLASH)
    package = exported(capsys, tmp_path / "q.db", deck, tmp_path / "d.apkg")
    shown = [(question, answer) for question, answer, _ in _cards_in_anki(tmp_path, package)]
    assert shown == [
        (r"path C:\[...] and y", r"path C:\Users and y"),
        (r"path C:\Users and [...]", r"path C:\Users and y"),
        (r"\[...] then C:\code, and \z", r"\x then C:\code, and \z"),
        (r"\x then C:\[...], and \z", r"\x then C:\code, and \z"),
        (r"\x then C:\code, and \[...]", r"\x then C:\code, and \z"),
    ]


def test_only_a_cloze_text_keeps_a_backslash_before_a_marker() -> None:
    """Elsewhere (a basic card's back, a cloze's extra) the review reads the text as
    Markdown whole: `\\{` is a `{` there, as in Anki."""
    text = r"C:\{{c1::x}}"
    assert markdown_to_html(text, str, cloze=True) == r"C:\{{c1::x}}"
    assert markdown_to_html(text, str) == "C:{{c1::x}}"
    assert markdown_to_html(r"C:\{{c1:x}}", str, cloze=True) == "C:{{c1:x}}"  # no marker


def test_a_backslash_before_a_cloze_marker_comes_back_showing_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Back from the package, the backslash is one Markdown shows (`C:\\\\{{c1::`), so
    each card of a gap the marker does not hide shows what it showed, the hidden
    gap's card shows it too, and exporting the deck again writes the same notes."""
    deck = _deck(tmp_path / "src", CLOZE_AFTER_BACKSLASH)
    package = exported(capsys, tmp_path / "a.db", deck, tmp_path / "d.apkg")
    status, out, err = run_cli(capsys, "--db", str(tmp_path / "b.db"), "import", str(package),
                               "-o", str(tmp_path / "back"), "--json")  # fmt: skip
    assert status == 0, err
    assert json.loads(out)["warnings"] == []
    back, source = load_deck(tmp_path / "back" / "d.yaml"), load_deck(deck)
    assert not isinstance(back, list) and not isinstance(source, list)
    texts = [card.text for card in back.deck.cards]  # type: ignore[union-attr]
    assert texts == [
        r"path C:\\{{c1::Users}} and {{c2::y}}",
        r"\\{{c1::x}} then `C:\{{c2::code}}`, and \\{{c3::z}}",
    ]
    assert [card.id for card in back.cards] == [card.id for card in source.cards]
    written = source.deck.cards[0].text  # type: ignore[union-attr]
    assert _shown(texts[0], gap=2) == _shown(written, gap=2) == "<p>path C:\\Users and [...]</p>\n"
    again = exported(capsys, tmp_path / "b.db", tmp_path / "back" / "d.yaml", tmp_path / "e.apkg")
    assert _cards_in_anki(tmp_path, again) == _cards_in_anki(tmp_path, package)


TAGGED = """\
  - type: cloze
    text: '{{c1::x}}'
    tags: ['::', 'a::::b', '::x', 'y::', 'ok', 'two words', '"', 'q::"::r', '::']
"""


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_empty_tag_parts_are_left_out_not_blank_in_anki(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anki names each empty part of a tag (between its `::`, or of only `"`) "blank":
    `::` was the tag `blank::blank` in Anki, `y::` `y::blank`. The parts are left out,
    and a tag of nothing else is left out with a warning (once)."""
    err, tags = _exported_tags(capsys, tmp_path, TAGGED, suffix)
    assert err == _left_out("::") + _left_out('"')
    assert tags == ["a::b", "ok", "q::r", "two_words", "x", "y"]


def _exported_tags(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, items: str, suffix: str
) -> tuple[str, list[str]]:
    """The export's warnings, and the tags of its one note: in Anki, once the real Anki
    has imported the package, or as the CSV row lists them (sorted)."""
    deck = _deck(tmp_path / "src", items)
    output = tmp_path / f"d{suffix}"
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(output)
    )
    assert (status, out) == (0, f"{output}: 1 note from deck d\n")
    if suffix == ".csv":
        row = output.read_text("utf-8").splitlines()[-1]
        return err, sorted(row.split("\t")[-1].split(" "))
    ((_, _, tags),) = _cards_in_anki(tmp_path, output)
    return err, tags


def _left_out(tag: str) -> str:
    """The warning for a tag of nothing Anki keeps."""
    reason = "it holds nothing Anki keeps as a tag (Anki names it 'blank')"
    return f"warning: tag {tag!r} left out: {reason}\n"


def test_an_export_without_warnings_says_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--json` gives `warnings` only when there are some (the output is as before)."""
    deck = _deck(tmp_path / "src", "  - front: a\n    back: b\n    tags: [ok, 'a::b']\n")
    output = tmp_path / "d.apkg"
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(output), "--json"
    )
    assert (status, err) == (0, "")
    assert json.loads(out) == {"deck": "d", "path": str(output), "notes": 1, "media": 0}


def test_a_formula_that_cuts_a_cloze_marker_is_text_in_anki(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review takes a cloze's markers out before it reads a formula: in
    `${{c1::y} }$ z}}` the marker runs to `z}}`, and the cards show `$[...]` and
    `$y} }$ z` (no formula). The export read `${{c1::y} }$` as a formula first and
    wrote `\\({{c1::y} }\\) z}}`: Anki's gap took the formula's end into it, and its
    cards showed an unclosed `\\(` and a stray `</span>`. A formula that holds a
    whole marker is still MathJax."""
    yaml = "  - type: cloze\n    text: 'cost ${{c1::y} }$ z}} and {{c2::w}}'\n"
    deck = _deck(tmp_path / "src", yaml)
    package = exported(capsys, tmp_path / "q.db", deck, tmp_path / "d.apkg")
    shown = [(question, answer) for question, answer, _ in _cards_in_anki(tmp_path, package)]
    assert shown == [
        ("cost $[...] and w", "cost $y} }$ z and w"),
        ("cost $y} }$ z and [...]", "cost $y} }$ z and w"),
    ]
    assert markdown_to_html("$a {{c1::b}} c$", str, cloze=True) == r"\(a {{c1::b}} c\)"


BLANK_PARTS = """\
  - type: cloze
    text: '{{c1::x}}'
    tags: [':: ::', 'a:: ::b', "b::\\t::c", '" "::c', 'd::  " ::', 'e:: f::g', 'ok']
"""


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_tag_parts_of_white_space_alone_are_left_out_as_empty_ones(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A part of a tag of white space alone is as empty as one of nothing: `:: ::` was
    exported as `_` (a tag of one underscore in Anki) and `a:: ::b` as `a::_::b`; now
    the first is left out with a warning and the second is `a::b` (`" "::c`, a part of
    a space between quotes, was `"_"::c` in Anki). A part with text beside its spaces
    keeps them as `_` (`e:: f::g` is `e::_f::g`)."""
    err, tags = _exported_tags(capsys, tmp_path, BLANK_PARTS, suffix)
    assert err == _left_out(":: ::")
    assert tags == ["a::b", "b::c", "c", "d", "e::_f::g", "ok"]


DOUBLED = """\
  - type: cloze
    text: '{{c1::x}}'
    tags: ['two words', 'x', 'two_words', 'Two_Words', 'X', 'ß', 'SS', "e\\u0301t\\u00e9", 'été']
"""


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_a_tag_anki_takes_for_another_one_of_the_note_is_exported_once(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anki keeps one of a note's tags that differ only in case (`ß` and `SS` too) or in
    Unicode normalization, the first (checked with the real Anki, from a package and a
    CSV alike): `two words` and `two_words` were both `two_words` in the CSV row (and in
    the package's note, where Anki dropped the second), and came back into quizzer
    twice. Now each is written once, as Anki keeps it, with no warning, as before."""
    err, tags = _exported_tags(capsys, tmp_path, DOUBLED, suffix)
    first = ["two_words", "x", "ß", "e\u0301t\u00e9"]
    assert (err, sorted(tags)) == ("", sorted(first if suffix == ".csv" else _nfc(first)))
    output, folder = tmp_path / f"d{suffix}", tmp_path / "back"
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "back.db"), "import", str(output), "-o", str(folder)
    )
    assert status == 0, err
    back = load_deck(folder / "d.yaml")
    assert not isinstance(back, list)
    assert sorted(back.deck.cards[0].tags) == sorted(first)  # type: ignore[union-attr]


def _nfc(texts: list[str]) -> list[str]:
    """`texts` as Anki stores them (composed: NFC)."""
    return [unicodedata.normalize("NFC", text) for text in texts]
