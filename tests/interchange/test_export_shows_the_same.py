"""Random Markdown of the constructs a card uses: Anki shows the text the review shows
(the export reads it with the review's parser), and the way back through Anki gives
Markdown that the review shows the same."""

from __future__ import annotations

import itertools
import re
from html import unescape

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html, parsed_to_html
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|pre|h\d|blockquote|hr|table|tr|td|th)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_UNFLANKED = re.compile(
    r"(?:[^\w\s>]|_|</code>|</a>|</s>(?=</[bi]>)|</[bi]>(?=</s>))(?:</[bis]>)+(?:<[bis]>)*[^\W_]"
    r"|[^\W_](?:</[bis]>)*(?:<[bis]>)+(?:[^\w\s<]|_|<code>|<a\b|(?<=<[bi]>)<s>|(?<=<s>)<[bi]>)"
)
"""A style ending between punctuation and a letter, or starting between a letter and
punctuation: `_` is punctuation (the import escapes it, `\\_`), and so are a code span's
fence (a backtick), a link's brackets (`<b><a>a</a></b>a` is `**[a](u)**a`: that `**`
cannot close), and a strikethrough's `~~` beside a `*` run (`<s>a</s></b>a` is `~~**a`)."""

_WORDS = st.sampled_from(["a", "b", "word", "snake_case", "x1", "Größe", "猫", "C++", "&", "<b>"])
_MARKS = st.sampled_from(["*", "**", "_", "__", "***", "\\*", "\\_", "\\", "`", "]", "[", "!"])
_SPACES = st.sampled_from([" ", "", "\n", "\\\n", "  \n", "\n\n"])


@st.composite
def _inline(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(
        st.sampled_from(["word", "mark", "emphasis", "code", "link", "image", "cloze", "struck"])
    )
    if kind == "word":
        return draw(_WORDS)
    if kind == "mark":
        return draw(_MARKS)
    if kind == "code":
        return f"`{draw(_WORDS)}{draw(_MARKS)}`"
    if kind == "image":
        return f"![{draw(_WORDS)}](img/{draw(st.sampled_from(['p.png', 'a_b.png']))})"
    inner = draw(_WORDS) if depth > 1 or kind == "struck" else draw(_inline(depth + 1))
    if kind == "link" and "](" in inner:  # a link in a link's text: not in a card
        inner = draw(_WORDS)
    if kind in ("emphasis", "struck"):
        mark = draw(st.sampled_from(["*", "**", "_", "__"] if kind == "emphasis" else ["~~"]))
        return f"{mark}{inner}{mark}"
    if kind == "link":
        url = draw(st.sampled_from(["https://e.org/a_b", "mailto:a@b.c", "http://e.org/x_y"]))
        return f"[{draw(_WORDS)} {inner}]({url})"
    return f"{{{{c1::{inner}::{draw(_WORDS)}}}}}"


@st.composite
def _markdown(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        starts = ["", "", "- ", "1. ", "  - ", "3. ", "## ", "> ", "* ", "2) "]
        start = draw(st.sampled_from(starts))
        if start == "## ":  # a heading: one line
            lines.append(f"{start}{draw(_inline())} {draw(_WORDS)}\n")
            continue
        if draw(st.integers(0, 5)) == 0:  # a table: a blank line before and after
            cells = st.lists(_inline(), min_size=2, max_size=2).map(" | ".join)
            rows = draw(st.lists(cells, min_size=1, max_size=3))
            lines.append("\n| " + " |\n| ".join([rows[0], "--- | :-:", *rows[1:]]) + " |\n")
            continue
        pieces = draw(st.lists(st.tuples(_inline(), _SPACES), min_size=1, max_size=6))
        lines.append(start + "".join(piece + space for piece, space in pieces))
    if draw(st.booleans()):
        lines.append(f"```{draw(st.sampled_from(['', 'python']))}\n{draw(_WORDS)} *x*\n```")
    return "\n".join(lines).strip()


def _shown(html: str) -> str:
    """The text a browser shows of `html`, runs of white space as one space."""
    return " ".join(unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", html))).split())


def _a_link_stays_text(markdown: str) -> bool:
    """Whether the review reads a link in `markdown` that the export keeps as text, as
    written (test_export_links.py): one with no text (nothing to click on in Anki) or
    one not to the web or to mail (`\\![a](img/p.png)` is a link to a file); or an
    image that is a URL, which no deck holds (`quizzer check`) and the import names."""
    for block in _REVIEW.parse(markdown):
        children = block.children or []
        for child, after in itertools.pairwise([*children, block]):
            if child.type == "link_open" and (
                after.type == "link_close"
                or not str(child.attrs["href"]).startswith(("https:", "http:", "mailto:"))
            ):
                return True
            if child.type == "image" and ":" in str(child.attrs["src"]):
                return True
    return False


def _a_block_starts_with_a_break(markdown: str) -> bool:
    """Whether a paragraph of `markdown` starts with a hard line break: the import drops
    the line breaks that start a field or a paragraph (Anki's editor leaves them)."""
    for block in _REVIEW.parse(markdown):  # (past the styles it starts with)
        first = next(
            (c for c in block.children or [] if c.nesting != 1 and (c.type != "text" or c.content)),
            None,
        )
        if first is not None and first.type == "hardbreak":
            return True
    return False


def _a_rule_or_nothing_in_a_list(markdown: str) -> bool:
    """Whether a list item of `markdown` holds a rule (`- ***`) or nothing (`- *`): the
    import keeps rules outside lists only, and an empty item would read as a rule; or
    a quote holds nothing (`> [a]: b`, a link definition), which the import drops."""
    kinds = [token.type for token in _REVIEW.parse(markdown) if token.type != "inline"]
    return any(
        (a == "list_item_open" and b in ("list_item_close", "hr"))
        or (a == "blockquote_open" and b == "blockquote_close")  # an empty quote: dropped
        for a, b in itertools.pairwise(kinds)
    )


def _an_empty_code_block(markdown: str) -> bool:
    """Whether a code block of `markdown` holds only white space (an empty box in the
    review): Anki shows its `<pre>` as nothing, and the import so makes it none."""
    return any(
        token.type in ("fence", "code_block") and not token.content.strip()
        for token in _REVIEW.parse(markdown)
    )


def _drawn(markdown: str) -> list[tuple[str, ...]]:
    """What the review draws of `markdown`: its blocks, and each piece of text with its
    styles (italic in italic is italic), runs of white space as one space, a hard line
    break as "↵"; white space (or a break) only with the styles of the text on both
    sides of it (the import moves it out of a style it ends or starts: CommonMark's
    delimiters may not stand beside it; bold or italic space looks the same)."""
    drawn: list[tuple[str, ...]] = []
    chars: list[tuple[str, frozenset[str]]] = []  # the text since the last other piece
    for token in _REVIEW.parse(markdown):
        if token.type != "inline":
            drawn.extend(_pieces(chars))
            info = token.info if token.type == "fence" else str(token.attrGet("start") or "")
            info += str(token.attrGet("style") or "")  # a table column's alignment
            drawn.append((token.type, token.tag, info.strip(), token.content.strip()))
            continue
        styles: list[str] = []
        for child in token.children or []:
            if child.nesting:
                styles.append(child.tag) if child.nesting == 1 else styles.pop()
                if child.type == "link_open":
                    drawn.extend(_pieces(chars))
                    drawn.append(("link", str(child.attrs["href"])))
                continue
            if child.type == "image":
                drawn.extend(_pieces(chars))
                drawn.append(("image", str(child.attrs["src"]), child.content))
                continue
            text = {"hardbreak": "\u21b5", "softbreak": " "}.get(child.type, child.content)
            code = {"code"} if child.type == "code_inline" else set()
            chars.extend((char, frozenset({*styles, *code})) for char in text)
    drawn.extend(_pieces(chars))
    return [(kind, *(" ".join(part.split()) for part in rest)) for kind, *rest in drawn]


def _pieces(chars: list[tuple[str, frozenset[str]]]) -> list[tuple[str, str]]:
    """`chars` (emptied) as pieces of one style each, white space as `_drawn` says."""
    white = [(c.isspace() or c == "\u21b5") and "code" not in s for c, s in chars]
    shown = [s for (_, s), w in zip(chars, white, strict=True) if not w]
    before = [frozenset[str]()]
    for (_, style), w in zip(chars, white, strict=True):
        before.append(before[-1] if w else style)
    pieces: list[tuple[str, str]] = []
    seen = 0
    for at, (char, style) in enumerate(chars):
        if white[at]:
            after = shown[seen] if seen < len(shown) else frozenset()
            style = before[at] & after if seen else frozenset()
            char = f" {char} " if char == "\u21b5" else char
        else:
            seen += 1
        name = " ".join(["text", *sorted(style)])
        if pieces and pieces[-1][0] == name:
            pieces[-1] = (name, pieces[-1][1] + char)
        else:
            pieces.append((name, char))
    chars.clear()
    return pieces


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_markdown())
def test_anki_shows_the_text_the_review_shows(markdown: str) -> None:
    assume(not _a_link_stays_text(markdown))
    exported = markdown_to_html(markdown, lambda path: path)
    assert _shown(exported) == _shown(_REVIEW.render(markdown)), exported


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_markdown())
@example("[\n\\[a a](https://e.org/a_b)")  # a link's text over two lines (found in CI)
@example("[\\\n\\[a a](https://e.org/a_b)")  # ... and over a hard break
@example("a\n\n[a {{c1::]::a}}](https://e.org/a_b)\na")  # a reference definition between
@example("a\n\n[b]: /x\na")  # ... two paragraphs (found by a random run)
@example("- a\n* b")  # two lists side by side: they came back one
@example("1. a\n\n3) b\n- c\n  - d\n  + e")
@example("- ```\n  x")  # a code block in a list item: its lines at the margin ended the item
@example("1. a\n\n   ```\n   x\n   ```\n2. b")
@example("- a \n  - * a")  # a list first in an item after text: `  -` read as an underline
@example("a\\\n\\\n\\\na")  # three hard breaks: they came back a paragraph break and one
@example("a***a***")  # bold italic after a letter: it came back `a**_a_**`, its `**` text
def test_the_way_back_through_anki_shows_the_same(markdown: str) -> None:
    assume(not _a_rule_or_nothing_in_a_list(markdown) and not _an_empty_code_block(markdown))
    assume(not _a_block_starts_with_a_break(markdown) and not _a_link_stays_text(markdown))
    exported = markdown_to_html(markdown, lambda path: path)
    # A style that ends between punctuation and a letter (`<s>C++</s>a`) or starts
    # between a letter and punctuation has no Markdown delimiter (CommonMark's flanking
    # rules): the import writes one, which shows as text.
    assume(_UNFLANKED.search(exported) is None)
    back = html_to_markdown(exported, lambda name: name)
    assert _drawn(back) == _drawn(markdown), back


def test_a_rule_from_anki_is_a_rule() -> None:
    """`<hr>` (a deck's `---` or `***`, exported) comes in as a rule, not dropped
    (`a<hr>b` read `ab`)."""
    assert html_to_markdown("a<hr>b", lambda name: name) == "a\n\n---\n\nb"
    assert _drawn(html_to_markdown(markdown_to_html("***", lambda p: p), lambda n: n)) == [
        ("hr", "hr", "", "")
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<ul><li>a</li></ul><ul><li>b</li></ul><ul><li>c</li></ul>", "- a\n\n* b\n\n- c"),
        ('<ol><li>a</li></ol><ol start="3"><li>b</li></ol>', "1. a\n\n3) b"),
        ("<ul><li>a<ul><li>x</li></ul><ul><li>y</li></ul></li></ul>", "- a\n  - x\n  * y"),
        ("<blockquote><ol><li>a</li></ol><ol><li>b</li></ol></blockquote>", "> 1. a\n>\n> 1) b"),
        ("<ul><li>a</li></ul>b<ul><li>c</li></ul>", "- a\n\nb\n\n- c"),  # apart already
        ("<blockquote><ul><li>a</li></ul></blockquote><ul><li>b</li></ul>", "> - a\n\n- b"),
    ],
)
def test_lists_side_by_side_come_in_as_two(html: str, expected: str) -> None:
    """Two lists of one kind side by side are two lists in Anki; written with one bullet
    (or one delimiter after the numbers) they were one loose list, numbered on. The
    second changes its bullet (`-`, `*`) or its delimiter (`.`, `)`), as CommonMark
    tells two lists apart; the review draws two (an ordered one numbered afresh), and
    the export gives Anki two again."""
    markdown = html_to_markdown(html, lambda name: name)
    assert markdown == expected
    kinds = [t.type for t in _REVIEW.parse(markdown) if t.type.endswith("list_open")]
    assert len(kinds) == html.count("<ul>") + html.count("<ol")
    exported = markdown_to_html(markdown, lambda path: path)  # (text apart: `<br><br>`)
    assert exported.replace("<br><br>", "") == html


def test_a_list_in_a_numbered_item_comes_in_nested() -> None:
    """A list inside a numbered item is indented past the number (`1. ` is three
    characters wide): indented by two, CommonMark reads a list of its own."""
    html = "<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>"
    markdown = html_to_markdown(html, lambda name: name)
    assert markdown == "1. a\n   - b\n2. c"
    assert markdown_to_html(markdown, lambda path: path) == html


def test_a_bracket_in_code_in_a_link_is_code() -> None:
    """A code span binds before a link's brackets (CommonMark): `]` in it is code, and
    an escape there would show as a backslash."""
    html = '<a href="https://e.org"><code>a]</code> b</a>'
    assert html_to_markdown(html, lambda name: name) == "[`a]` b](https://e.org)"


@settings(max_examples=1500, deadline=None)
@given(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
    | st.text(" \t\u00a0\u2028\x1f-+#=1.)aw:/@", max_size=10)
)
def test_the_shortcut_for_plain_text_is_what_the_parser_makes(text: str) -> None:
    """Plain one-line text skips the parser (a large deck's fields are mostly that):
    the same HTML either way, whatever the text."""
    assert markdown_to_html(text, lambda p: p) == parsed_to_html(text, lambda p: p)
