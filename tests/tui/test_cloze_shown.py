"""A cloze card as the review draws it: the hidden gap as its brackets and the gap's
answer in bold, wherever they stand in the text (core/content.py `shown_cloze`,
tui/widgets/cloze_marks.py). With Markdown's own marks, `{{c1::print}}(x)` showed a
link "..." on the front, a gap in a code span showed `**len**` on the back, and `**`
around an answer that is bold itself, padded with spaces, or beside punctuation within a
word (Japanese brackets) was drawn as asterisks."""

from __future__ import annotations

import pytest
from tui_helpers import card_bold, card_rows, code_marked

from quizzer.core.cards import Card
from quizzer.core.content import ClozeContent, shown_cloze
from quizzer.tui.card_media import CardMedia
from quizzer.tui.markdown_line import markdown_line


async def _rows(markdown: str) -> list[str]:
    return [line.strip() for line in await card_rows(markdown) if line.strip()]


def _card(text: str, gap: int = 1) -> Card:
    return Card.make(
        id="d/cards/x/c1", deck_id="d", section="cards", kind="cloze",
        content=ClozeContent(text, gap), ordinal=0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "front", "back", "bold"),
    [
        ("{{c1::print}}(x) writes x", "[...](x) writes x", "print(x) writes x", ["print"]),
        ("see {{c1::x::the hint}}[1]", "see [the hint][1]", "see x[1]", ["x"]),
        ("Call `{{c1::len}}(xs)` here", "Call [...](xs) here", "Call len(xs) here", ["len"]),
        ("私は{{c1::「学生」}}です", "私は[...]です", "私は「学生」です", ["「学生」"]),
        ("{{c1::学生です。}}私は", "[...]私は", "学生です。私は", ["学生です。"]),
        ("{{c1::**mito**chondria}} is", "[...] is", "mitochondria is", ["mitochondria"]),
        ("{{c1::*the* cell}} x", "[...] x", "the cell x", ["the cell"]),
        ("{{c1:: padded }} answer", "[...] answer", "padded  answer", [" padded "]),
        ("a{{c1::(b)}}c", "a[...]c", "a(b)c", ["(b)"]),
        ("{{c1::x}} and {{c2::y}}", "[...] and y", "x and y", ["x"]),
    ],
)
async def test_the_gap_and_its_answer_wherever_they_stand(
    text: str, front: str, back: str, bold: list[str]
) -> None:
    faces = shown_cloze(ClozeContent(text, 1))
    assert await _rows(faces.front) == [front]
    assert await card_bold(faces.front) == []
    assert await _rows(faces.back) == [back]
    assert await card_bold(faces.back) == bold


async def test_an_answer_over_paragraphs_is_bold_in_each() -> None:
    faces = shown_cloze(ClozeContent("{{c1::one\n\ntwo}} three", 1))
    assert await _rows(faces.back) == ["one", "two three"]
    assert await card_bold(faces.back) == ["one", "two"]


async def test_a_gap_in_a_code_block_shows_its_brackets_and_its_answer_marked() -> None:
    # (bold and underlined: the code's highlighting may bold an operator or a keyword)
    faces = shown_cloze(ClozeContent("```\nx = {{c1::len(xs)}} + 1\ny = 2\n```\n\nafter", 1))
    assert "x = [...] + 1" in "\n".join(await _rows(faces.front))
    assert await code_marked(faces.front) == []
    rows = await _rows(faces.back)
    assert "x = len(xs) + 1" in "\n".join(rows) and rows[-1] == "after"
    assert await code_marked(faces.back) == ["len(xs)"]
    assert await code_marked(faces.back, theme="textual-light") == ["len(xs)"]  # (again)


async def test_an_answer_from_text_into_a_code_block_is_marked_in_each() -> None:
    faces = shown_cloze(ClozeContent("see {{c1::this\n\n```\ncode()\n```\n\nand}} more", 1))
    assert await card_bold(faces.back) == ["this", "code()", "and"]
    assert await code_marked(faces.back) == ["code()"]


async def test_an_indented_code_block_marks_its_answer_too() -> None:
    faces = shown_cloze(ClozeContent("text\n\n    a = {{c1::b}}\n    c = d", 1))
    assert await code_marked(faces.back) == ["b"]


async def test_marks_of_the_text_itself_are_not_read_as_the_gap() -> None:
    faces = shown_cloze(ClozeContent("a\U0002fffeb {{c1::c}} \U0001fffed", 1))
    assert await _rows(faces.front) == ["ab [...] d"]
    assert await card_bold(faces.back) == ["c"]


@pytest.mark.parametrize(
    ("text", "front", "back", "bold"),
    [
        ("Energy: $E = {{c1::mc^2}}$ holds", "Energy: E = [...] holds", "Energy: E = mc² holds",
         "mc²"),
        ("$x^{{c1::2}}$", "x^([...])", "x²", "²"),  # (the answer is the superscript's group)
        ("$a_{{c1::n}}$", "a_([...])", "aₙ", "ₙ"),
        ("$\\sin {{c1::x}}$", "sin [...]", "sin x", "x"),  # (a name's space, as before x)
        ("$\\Delta {{c1::G}}$", "Δ [...]", "ΔG", "G"),
        ("$\\frac{ {{c1::a}} }{b}$", "[...]/b", "a/b", "a"),
    ],
)  # fmt: skip
async def test_a_gap_in_a_formula_is_drawn_with_the_formula(
    text: str, front: str, back: str, bold: str
) -> None:
    card = _card(text)
    media = CardMedia(None, graphics=False)
    assert (await _rows(media.front(card)))[0] == front
    shown = media.back(card)
    assert (await _rows(shown))[0] == back
    assert (await card_bold(shown))[0] == bold


async def test_a_formulas_source_is_listed_once_with_its_answer() -> None:
    # (the front's formula is the back's with its gap: not listed; nor one twice)
    back = CardMedia(None, graphics=False).back(_card("$E = {{c1::mc^2}}$, $E$ and $E$"))
    rows = await _rows(back)
    assert rows[rows.index("LaTeX:") + 1 :] == ["• E = mc^2", "• E"]
    assert "mc^2" in await card_bold(back)


def test_the_deck_map_line_shows_the_gap_as_the_review_does() -> None:
    card = _card("{{c1::print}}(x) writes x")
    assert markdown_line(card.shown[0], 60).plain == "[...](x) writes x"


def test_a_card_stored_before_payloads_shows_its_stored_faces() -> None:
    card = Card("d/cards/x/c1", "d", "cards", "cloze", "[...] x", "**a** x", "a", 0)
    assert card.shown == ("[...] x", "**a** x")
