"""Laying out the Anki import's Markdown (html.py): the converted pieces joined, with the
marks html.py leaves in them made Markdown: hard breaks, emphasis, blank lines (white
space as a browser shows it: html_spaces.py).

The marks are Unicode noncharacters (U+FDD0..U+FDEF, reserved for a program's internal
use): a field's text holds none once `NONCHARACTERS` are dropped from it. A reference to
a noncharacter (`&#xfdd0;`, as the export writes one of deck text) is one a browser
shows, but `html.unescape` makes nothing of it: `unmarked` holds each as `KEPT` while the
field is converted, and `kept_back` puts them back in the Markdown made. A private-use
character, a mark before, is text a field may hold (an icon font's glyph): it stays what
it is."""

from __future__ import annotations

import re

from quizzer.interchange.html_controls import (
    ATTRIBUTE,
    addresses_encoded,
    dropped_control,
    without_controls,
)
from quizzer.interchange.html_emphasis import MARKS, emphasised
from quizzer.interchange.html_spaces import BLANK_LINE, blank_lines_shown, no_break_spaces
from quizzer.interchange.html_tables import TABLE_END, tables_ended

__all__ = [
    "BRACKET_END", "BREAK", "CODE_BLANK", "KEPT", "NONCHARACTERS", "UNSHOWN", "end_line",
    "kept_back", "layout", "nothing_on_line", "unmarked",
]  # fmt: skip

BREAK = "\ufdd0"
"""Marks a hard break, the converter's and inline_markdown's alike, until `layout` makes it
Markdown: a `\\` at the line's end, a paragraph break (two or more: Anki's blank line),
or nothing (where it ends a paragraph or the text)."""
CODE_BLANK = "\ufdea"
"""Marks a blank line of a code block, until `layout` has made each run of blank lines
elsewhere one: a browser shows every line of a `<pre>`."""
_CODE_BLANKS = re.compile("[ \t]*\ufdea")
BRACKET_END = "\ufde8"
"""Marks a `]` that ends a piece of text, until the pieces are joined: text after a tag
(`[a]<span></span>(x)`, `[a]<span>: x</span>`) would make it a link's, or a link
definition's (which shows nothing); `layout` escapes it then, as `escape` does in one
piece of text."""
_BRACKET_BEFORE = re.compile("\\]\ufde8(?=[(:])")
_DANGLING = re.compile(r"\ufdd0(?:[ \t]*\n[ \t]*\ufdd0)*(?=[ \t]*\n[ \t]*(?:\n|$)|[ \t]*$)")
_PARAGRAPH = re.compile(r"\ufdd0[ \t]*\n(?:[ \t]*\ufdd0[ \t]*\n)+(?![ \t\ufdd0])")
"""Two hard breaks or more, the whole run, before a line with no indent: Anki's blank line.
Before a line that starts with a space they stay hard breaks (`a<br><br> b`, as the
export writes two breaks of the Markdown); so does a longer run there, which was read as
a paragraph break and a line (`a<br><br><br> b` a row short)."""
_LEADING = re.compile(r"(^|\n[ \t]*\n)(?:[ \t]*\ufdd0[ \t]*\n)+")
_BREAK_RUN = re.compile(
    "(?<=[^\\s\ufdd0])[ \t]*\ufdd0[ \t]*\n(?:[ \t]*\ufdd0[ \t]*\n){2,}"
    "(?![ \t])(?=[\ufde1-\ufde6]*[^\\s\ufdd0\ufdd2-\ufdea\ufdec-\ufdee])"
)
"""Three hard breaks or more after text, before text on a line with no indent, where
`_PARAGRAPH` would make them one paragraph break: Chromium shows each break after the
first as an empty line (`a<br><br><br>b` 47 px, four breaks 70, five 93; a line 23 px,
a paragraph break 24), as it shows a line of `&nbsp;` there (`a<br><br>&nbsp;<br>b` 47
px). `_empty_lines` makes them the rows the review draws. After a block or at the
text's start too, where a `BLANK_LINE` stands before the breaks (`_BREAKS_AFTER_BLOCK`,
`_BREAK_FIRST`) or after them (`_NBSP_PARAGRAPH`, html_spaces.py); in a note quizzer
exported (no export wrote three breaks in a row between text), but after a block, where
it wrote `<br><br>` as the blank line. In a list item (indented lines) each break stays
a hard break, a row each, as before."""
_BREAKS_BEFORE_BLOCK = re.compile(
    "(?<=[^\\s\ufdd0])((?:[ \t]*\ufdd0[ \t]*\n)+)[ \t]*\ufdd0"
    "(?=[ \t]*\n(?:[ \t]*\n)+(?![ \t\n]).*?[^\\s>\ufdd0\ufdd2-\ufdee])",
    re.S,
)
"""Two hard breaks or more after text, before a block on a line with no indent: Chromium
shows the last as an empty line, above the block's margin (`a<br><br><ul>` 44 px,
`a<br><ul>` 21 as `a<ul>`; three breaks 67), as a line of `&nbsp;` (`a<br>&nbsp;<ul>`
44): a `BLANK_LINE` (`a\\`, `&nbsp;`, the list: two rows in the review; three breaks
`a`, blank, `&nbsp;`, the list: three). The breaks before it are a `_BREAK_RUN`'s, as
before text. After a block too (a `BLANK_LINE` before them: `_BREAKS_AFTER_BLOCK`), as
`</ul><br><br><ul>` shows four lines (87 px: blank, `&nbsp;\\`, `&nbsp;`, blank), and
at the text's start. Before a table (no margins) the last break is the table's blank
line (html_tables.py: `_BREAK_BEFORE_TABLE`). Not in a field quizzer exported: its
versions before 2026-12-06 wrote `<br><br>` before a block for the blank line."""
_BREAK_FIRST = re.compile("[ \t\ufde1-\ufde6]*\ufdd0")
"""A hard break before any text shown (`<br>a`, `<div>&nbsp;</div>a`): Chromium shows the
empty line above the text (46 px, `a` 23 px), which the text cannot start with (a hard
break there is none): a `BLANK_LINE` stands before it, shown as `&nbsp;` (two breaks, as
`<br><br>a`, are then a paragraph of it, as two are a blank line elsewhere)."""
_BREAK_AFTER_BLOCK = re.compile(
    "(\n\n[ \t]*)([ \t\ufde1-\ufde6]*\ufdd0)(?![ \t]*\n[ \t\ufde1-\ufde6]*\ufdd0)"
    "(?=.*?[^\\s>\ufdd0\ufdd2-\ufdee])",
    re.S,
)
"""A hard break alone before any text of a block after another (the blank line before
it a block's: run before `_PARAGRAPH`): `<p>a</p><br>b` (after a list, quote, heading,
code block or table too) shows an empty line above `b` in Chromium (109 px, `<p>a</p>b`
86 px), a `BLANK_LINE` as at the text's start; a break alone before the next block
(`<p>a</p><br><p>b</p>`, 149 px) a paragraph of it, as `<p>&nbsp;</p>` is. Two or more
are the blank line between the blocks in a field quizzer exported: its versions before
2026-12-06 wrote `<br><br>` there, as Anki's editor sets paragraphs apart, and it comes
back as it went (elsewhere: `_BREAKS_AFTER_BLOCK`). None where nothing shown follows
(only marks, a quote's `>` of blank lines: `<b><p>a</p><br>`), as a break at the end
shows nothing."""
_BREAKS_AFTER_BLOCK = re.compile(
    "(\n\n[ \t]*)([ \t\ufde1-\ufde6]*\ufdd0)(?=.*?[^\\s>\ufdd0\ufdd2-\ufdee])", re.S
)
"""`_BREAK_AFTER_BLOCK`, two breaks or more too: `<ul><li>a</li></ul><br><br>b` (which
Anki's editor makes) shows two empty lines between the list's margin and `b` in Chromium
(67 px, `<ul><li>a</li></ul><br>b` 44, a paragraph break 24): a `BLANK_LINE` before them,
which `_PARAGRAPH` makes a paragraph of `&nbsp;` (the review's blank line, `&nbsp;`,
blank line), as `</ul>&nbsp;<br><br>b` is. Not in a field quizzer exported (`exported`):
exports before 2026-12-06 wrote `<br><br>` beside a block for its blank line."""
_BLANK_LINES = re.compile(r"\n{3,}")
NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
"""The characters the import's marks are made of (breaks, emphasis, cells in a cell,
held formulas): dropped from a field before it is read, so none comes from the field."""
KEPT = "\ufdef"
"""Stands for a noncharacter a field writes as a reference, until the Markdown is made."""
UNSHOWN = "\ufdee"
"""Stands for a `KEPT` of an image's alt text that the Markdown does not show (the image
is named as text): its noncharacter is not put back (`kept_back`), the others are."""
_KEPT_OR_UNSHOWN = re.compile("([\ufdee\ufdef])")
_NONCHARACTER_CODES = [
    *range(0xFDD0, 0xFDF0),
    *(plane + last for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)),
]
_NONCHARACTER_REFERENCE = (
    "&#(?:[xX]0*(?:"
    + "|".join(f"{code:x}" for code in _NONCHARACTER_CODES)
    + ")(?![0-9a-fA-F])|0*(?:"
    + "|".join(str(code) for code in _NONCHARACTER_CODES)
    + ")(?![0-9]));?"
)
"""A reference to a noncharacter (`&#xfdd0;`, `&#65007;`; the `;` may be left out, as a
browser reads one)."""
_FINDS_ONE = re.compile(_NONCHARACTER_REFERENCE, re.I)
_REFERENCE = re.compile(f"<[a-zA-Z/!?][^<>]*>|({_NONCHARACTER_REFERENCE})", re.I)
"""Such a reference, or a tag (whose attributes' references stay as they were; an
address's are percent-encoded before: `addresses_encoded`)."""
_MAX_DIGITS = 4300
"""Python's limit on reading an integer's digits (`sys.get_int_max_str_digits`): past
it `int()`, and so `html.unescape`, raises ValueError."""
_LONG_DECIMAL = re.compile(f"&#([0-9]{{{_MAX_DIGITS},}});?")
_IMAGE = re.compile(r"<img\s", re.I)


def end_line(out: list[str], mark: str, indent: str = "") -> None:
    """End the current line, if it has text (`<div>`: one line of Anki's editor);
    `mark` is the hard-break marker (none for plain text)."""
    if out and not nothing_on_line(out):  # (a no-break space shows: a line of its own)
        out.append(mark + "\n" + indent)


def nothing_on_line(out: list[str], marks: str = "") -> bool:
    """Whether the current line of the pieces written so far shows nothing yet (its last
    pieces read: one of text is rarely short); `marks`: what else shows nothing there
    (the `*` of a style written as its delimiter, not its mark)."""
    return not "".join(out[-3:]).rsplit("\n", 1)[-1].strip(_NO_TEXT + marks)


_NO_TEXT = " \t\r\f\ufde1\ufde2\ufde3\ufde4\ufde5\ufde6"
"""What a line may hold and show nothing: white space a browser squashes, and where a
style starts or ends (`<b><div>a</div></b>`: the line before the `<div>` is none)."""


def layout(
    out: list[str],
    *,
    marked: bool = True,
    markdown: bool = True,
    whole: bool = True,
    exported: bool = False,
) -> str:
    """The converted pieces as one text: hard breaks that end a paragraph or the text
    dropped, runs of blank lines made one, trailing spaces gone; the marks of emphasis
    made delimiters, unless there are none (not `marked`); a paragraph of no-break
    spaces a blank line in the Markdown, a run of them as wide as it shows
    (`no_break_spaces`; in the text alone, not `markdown`, spaces as before). A quote's
    text (not `whole`) keeps its `BLANK_LINE`s for the field's: those at its end show
    where more of the field comes after the quote. `exported`: the field is one
    quizzer exported, whose `<br><br>` after a block is the blank line
    (`_BREAKS_AFTER_BLOCK`)."""
    text = "".join(out)
    if TABLE_END in text:  # (first: a break after a table is its blank line)
        text = tables_ended(text, exported=exported)
    if "\xa0" in text:
        text = no_break_spaces(text) if markdown else text.replace("\xa0", " ")
    marked = marked and MARKS.search(text) is not None
    if "\n" not in text:  # one line (most fields): nothing to lay out
        text = _brackets_ended(emphasised(text) if marked else text).strip()
        return text.replace("\xa0", "&nbsp;") if "\xa0" in text else text
    # Each substitution only where it may apply (a search costs a fraction of a
    # substitution that finds nothing; a 10k-note deck has thousands of `<br>`s).
    if markdown and (first := _BREAK_FIRST.match(text)) is not None:
        text = BLANK_LINE + first[0].replace(" ", "").replace("\t", "") + text[first.end() :]
    if BREAK in text:
        if markdown and "\n\n" in text:
            after_block = _BREAK_AFTER_BLOCK if exported else _BREAKS_AFTER_BLOCK
            text = after_block.sub(_blank_line_before, text)
        if markdown and not exported and "\n\n" in text and text.count(BREAK) > 1:
            text = _BREAKS_BEFORE_BLOCK.sub(r"\1" + BLANK_LINE, text)
        if markdown and text.count(BREAK) > 2:
            text = _BREAK_RUN.sub(_empty_lines, text)
        if text.count(BREAK) > 1:
            text = _PARAGRAPH.sub("\n\n", text)  # `<br><br>`: Anki's blank line
        if _LEADING.search(text) is not None:
            text = _LEADING.sub(r"\1", text)
    if marked:  # bold, italic, struck as delimiters: after the paragraphs are known
        text = emphasised(text)
    if BREAK in text:  # a break a style began or ended with may start or end a line now
        if marked and _LEADING.search(text) is not None:
            text = _LEADING.sub(r"\1", text)
        text = _DANGLING.sub("", text).replace(BREAK, "\\")
    text = "\n".join([line.rstrip() for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    if CODE_BLANK in text:
        text = _CODE_BLANKS.sub("", text)
    text = _brackets_ended(text).strip("\n").strip()
    if whole and BLANK_LINE in text:
        text = blank_lines_shown(text)
    return text.replace("\xa0", "&nbsp;") if "\xa0" in text else text


def _blank_line_before(first: re.Match[str]) -> str:
    """A `_BREAK_AFTER_BLOCK` with its `BLANK_LINE`: after the line's indent (a list item's),
    before the marks of the styles that start there (the spaces among them show nothing)."""
    return first[1] + BLANK_LINE + first[2].replace(" ", "").replace("\t", "")


def _empty_lines(run: re.Match[str]) -> str:
    """A `_BREAK_RUN` of n breaks as the n - 1 empty lines Chromium shows: a paragraph
    break (one row in the review), then a `BLANK_LINE` and a paragraph break for each two
    more (`a`, blank, `&nbsp;`, blank, `b`: three rows, as the export writes
    `a<br><br>&nbsp;<br><br>b`), and one more a `BLANK_LINE` and a hard break
    (`&nbsp;\\`: a row)."""
    pairs, odd = divmod(run[0].count(BREAK) - 2, 2)
    paragraph = BREAK + "\n" + BREAK + "\n"
    return paragraph + (BLANK_LINE + paragraph) * pairs + (BLANK_LINE + BREAK + "\n") * odd


def _brackets_ended(text: str) -> str:
    """`text` without its `BRACKET_END` marks, a `]` escaped where one is followed by
    `(` or `:` (once the styles are delimiters: an empty one is none)."""
    if BRACKET_END not in text:
        return text
    return _BRACKET_BEFORE.sub("\\\\]", text).replace(BRACKET_END, "")


def unmarked(html: str) -> tuple[str, list[str]]:
    """`html` without the characters the converter marks its output with: a field that
    holds one would have it read as a line break or a bold's end. They are no text to
    show (Unicode keeps them for a program's own use), so one written as it is in a
    field is dropped; one written as a reference (`&#xfdd0;`: the export's) is `KEPT`
    in the text, and given back in order (the list) for `kept_back`. In a link's or an
    image's address, either way, it is kept as a browser sends it (`addresses_encoded`,
    as a reference to a control character is). In an image's alt text it is text, and
    goes as in text (`UNSHOWN` where the alt text is not shown: html_images.py).

    A reference to a control character the import drops (`&#x81;`) goes too, as one
    written as it is went as the field was read: a style or code span of nothing but
    one is then nothing (dropped from the Markdown, its delimiters stayed: `****`)."""
    numbered = "&#" in html  # one test for most fields, which hold no such reference
    if numbered and len(html) > _MAX_DIGITS:  # none shorter holds a reference so long
        html = _LONG_DECIMAL.sub(_shortened, html)
    raw = NONCHARACTERS.search(html) is not None
    if (raw or numbered) and "<" in html:  # in an address, either is kept
        html = addresses_encoded(html)
        raw = raw and NONCHARACTERS.search(html) is not None
    if numbered and dropped_control(html) is not None:
        html = without_controls(html)
    referenced = numbered and _FINDS_ONE.search(html) is not None
    if raw:
        html = NONCHARACTERS.sub("", html)
    kept: list[str] = []
    if referenced:

        def keep(match: re.Match[str]) -> str:
            if match.group(1) is None:  # a tag
                tag = match.group()
                return ATTRIBUTE.sub(keep_alt, tag) if _IMAGE.match(tag) else tag
            kept.append(_referenced(match.group(1)))
            return KEPT

        def keep_alt(attribute: re.Match[str]) -> str:
            name, equals, value = attribute.groups()
            if value is None or name.lower() != "alt":
                return attribute.group()
            return name + equals + _FINDS_ONE.sub(keep_in_alt, value)

        def keep_in_alt(found: re.Match[str]) -> str:
            kept.append(_referenced(found.group()))
            return KEPT

        html = _REFERENCE.sub(keep, html)
    return html, kept


def _shortened(found: re.Match[str]) -> str:
    """A decimal reference of more digits than `int()` reads, as a browser reads it:
    U+FFFD for a number past U+10FFFF, else the reference without its leading zeros."""
    number = found.group(1).lstrip("0")
    return "\ufffd" if len(number) > 7 else f"&#{number or 0};"


def _referenced(reference: str) -> str:
    """The character a reference to a noncharacter (`_NONCHARACTER_REFERENCE`) stands for."""
    number = reference[2:].rstrip(";")
    return chr(int(number[1:], 16) if number[0] in "xX" else int(number))


def kept_back(markdown: str, kept: list[str]) -> str:
    """`markdown` with each `KEPT` the noncharacter it stands for (`unmarked`), each
    `UNSHOWN` nothing; none, if some went with text the converter drops (a script's)
    and the rest cannot be told."""
    if not kept:
        return markdown
    if UNSHOWN not in markdown:
        pieces = markdown.split(KEPT)
        if len(pieces) != len(kept) + 1:
            return "".join(pieces)
        return "".join(piece + char for piece, char in zip(pieces, [*kept, ""], strict=True))
    pieces = _KEPT_OR_UNSHOWN.split(markdown)  # text, then (mark, text) per mark
    if len(pieces) != 2 * len(kept) + 1:
        return "".join(pieces[::2])
    marks = pieces[1::2]
    chars = [char if mark == KEPT else "" for mark, char in zip(marks, kept, strict=True)]
    return "".join(piece + char for piece, char in zip(pieces[::2], [*chars, ""], strict=True))
