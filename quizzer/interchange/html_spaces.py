"""White space in the Anki import's Markdown (html.py) as Chromium shows it in the field:
text between tags with its runs of spaces squashed as a browser squashes them, and no-break
spaces (`&nbsp;`), which a browser never squashes, kept where they show: a paragraph of them
alone a blank line, a run of them between words as wide as it is (html_layout.py calls
these as it lays the Markdown out)."""

from __future__ import annotations

import re

__all__ = ["BLANK_LINE", "blank_lines_shown", "data_text", "no_break_spaces", "spaces_as_shown"]

BLANK_LINE = "\ufdeb"
"""Marks a line of a `<pre>` of white space (html_writer.py: `_end_blank_code`), a
blank line to a browser, until `layout` has the text: none at its end, nor at the end of
a quote that ends it (nothing shown comes after it), else a no-break space, `&nbsp;`
(the review draws it blank). At the start of the text (a field's, a quote's) too:
Chromium shows the blank line above the text, and a paragraph of `&nbsp;` can start one
(a hard break cannot)."""
_END_BLANK_LINES = re.compile(
    "(?:\\\\(?=\n))?(?:\\s|(?<![^\n])[ \t>]*>)*\ufdeb(?:\\\\\n[ \t>]*\ufdeb)*$"
)
"""The `BLANK_LINE`s at the text's end, a quote's too (its lines start with `>`:
html_layout.py lays a quote's text out with its marks kept), and the blank lines before,
or the hard break (a list item's first line of them is `&nbsp;`: html_writer.py)."""
_TWO_BREAKS = "\ufdd0[ \t]*\n(?:[ \t]*\ufdd0[ \t]*\n)+(?![ \t])"
"""Two line breaks or more, before a line with no indent: a paragraph break (Anki's
blank line, `<br><br>`; html_layout.py's `_PARAGRAPH` makes it one)."""
_BREAK_BEFORE_BLANK = "\ufdd0[ \t]*\n(?=[ \t]*\xa0[ \t\xa0]*\n[ \t]*\n)"
"""A line break before a line of no-break spaces alone that a blank line follows (a
block: `a<br>&nbsp;<ul>`, 44 px in Chromium, as `a<br><br><ul>`, an empty line above the
list's margin, which html_layout.py's `_BREAKS_BEFORE_BLOCK` writes as `a\\`, `&nbsp;`,
a blank line, and the export as `a<br>&nbsp;<ul>`)."""
_NBSP_PARAGRAPH = re.compile(
    f"(\\A|\n\n|{_TWO_BREAKS}|{_BREAK_BEFORE_BLANK})([ \t]*)\xa0[ \t\xa0]*"
    f"(?=\n[ \t]*\n|\\Z|{_TWO_BREAKS}|\ufdd0[ \t]*\n[ \t]*\n)"
)
"""A paragraph of no-break spaces alone (`<p>&nbsp;</p>`, Anki's common empty line): a
blank line to a browser, as tall as a `<pre>` of white space (`BLANK_LINE`); its
indent kept (a list item's). Set apart by `<br><br>` too, as the export writes the
paragraph `&nbsp;` (markdown_html.py): `a<br><br>&nbsp;<br><br>b` is three empty lines
in Chromium (70 px; a paragraph break 24), as the review draws `a`, a blank line,
`&nbsp;`, a blank line, `b`; it came in as a paragraph break alone. After one break
before a block too (`_BREAK_BEFORE_BLANK`), and before one break a block follows, which
shows nothing (`</ul>&nbsp;<br><br><table>`: the last break the table's blank line)."""
_SHOWN = "[^\\s\ufdd0\ufdd2-\ufdee]"
"""A character that shows: no white space, none of the import's marks but a held formula
(anki_math.py: `HELD`, U+FDD1) and a noncharacter of the field's (html_layout.py: `KEPT`,
U+FDEF)."""
_WIDE_RUN = re.compile(
    f"(?<={_SHOWN})(?=[\ufde1-\ufde8]*[ \xa0][\ufde1-\ufde8]*[ \xa0])"
    f"[ \ufde1-\ufde8]*\xa0[ \xa0\ufde1-\ufde8]*(?={_SHOWN})"
)
"""A run of spaces wider than one that holds a no-break space, between characters that
show on a line (`a&nbsp;&nbsp;&nbsp;b`), with the marks in it of the styles that end or
start there (`<b>a</b>&nbsp;&nbsp;<b>b</b>`) and of a `]` before it (html_layout.py:
`BRACKET_END`), which show nothing."""
_BESIDE = re.compile("\xa0(?:[\ufde1-\ufde8]*[ \xa0]|(?<=[ \ufde1-\ufde8]\xa0))")
"""A no-break space beside a space or another, or a mark: where a wide run may be
(searched before `_WIDE_RUN`, which is slower to find none; it starts with the no-break
space, which a search finds quickest)."""
_LINE_START_RUN = re.compile(
    f"(?<=\n)([ \t\ufde1-\ufde8]*)(\xa0[ \xa0\ufde1-\ufde8]*)(?=({_SHOWN}|\ufdd0))"
)
"""A run of no-break spaces (and spaces after the first) that starts a line, before text
that shows (`<p>a</p>&nbsp;&nbsp;&nbsp;&nbsp;b`) or a line break, after the line's
indent and the marks of the styles that start there (`_kept_at_line_start`)."""
_ON_MARKER_RUN = re.compile(
    "(?<![^\n])([ \t]*(?:[-*]|[0-9]{1,9}[.)]) [ \ufde1-\ufde8]*)"
    "(\xa0[ \xa0\ufde1-\ufde8]*)(?=\ufdd0)"
)
"""No-break spaces alone on a list item's marker's line, before a line break
(`<li>&nbsp;<br><br><blockquote>`, as the export writes `- &nbsp;`, a blank line, `> a`):
`&nbsp;`, after the styles' marks, as Chromium shows the bullet's line; dropped at the
line's end, they left the marker alone, an empty item, and the block after it outside
the list. (A `-` of the text is escaped; a code block holds no no-break space.)"""
_KEPT_NO_BREAK = "\ufded"
"""Stands for a no-break space of a wide run while the others are made spaces."""
_MARKS = re.compile("[\ufde1-\ufde8]")
_BREAK = "\ufdd0"  # html_layout.BREAK, a hard break (html_layout.py imports this module)
_NEWLINE = re.compile(r"[ \t\r\f]*\n\s*")
_SPACES = re.compile(r"[ \t\r\f]+")


def data_text(data: str, *, line_start: bool = False) -> str:
    """Text between tags (outside `<pre>`), its whitespace as a browser shows it. One of
    white space alone keeps its no-break spaces (they may be a line's one text, or a run
    between words, `<b>a</b>&nbsp;&nbsp;<b>b</b>`) and the spaces beside them, a space a
    run (`<b>a</b> &nbsp;<b>b</b>` is two spaces wide, as `a &nbsp;b`); at the start of
    a line (`line_start`: nothing shown on it yet but a list item's marker) without its
    spaces at either edge, as before: a browser shows none before the no-break spaces,
    and a paragraph of them alone stays one (`<p> &nbsp; </p>`)."""
    if data.isspace():
        if "\xa0" not in data:
            return " "
        text = _SPACES.sub(" ", data.replace("\n", " "))
        return text.strip(" ") if line_start else text
    return spaces_as_shown(data)


def spaces_as_shown(text: str) -> str:
    """`text` with each run of spaces, tabs, CRs and form feeds one space, and a line
    break with the white space around it one line break (a newline in the HTML source
    is kept as a soft break, shown as a space). Each substitution only where it has
    something to do: `in` tests are several times quicker than a substitution that
    changes nothing (most texts hold single spaces only) or a search for both."""
    if "\n" in text:
        text = _NEWLINE.sub("\n", text)
    if "  " in text or "\t" in text or "\r" in text or "\f" in text:
        text = _SPACES.sub(" ", text)
    return text


def no_break_spaces(markdown: str) -> str:
    """The converted `markdown` (its pieces joined, before the lines are laid out) with
    each no-break space as a space, as before, but where Chromium shows more than a
    space: a paragraph of them alone is a `BLANK_LINE`, and in a run between words
    (`_WIDE_RUN`) each stays U+00A0, for `layout` to write as `&nbsp;` once the styles
    are delimiters (`emphasised` reads it as the white space it is, kept outside a style
    that ends or starts beside it). The parser reads `&nbsp;` as U+00A0, which the review
    draws as a space of its own (card_markdown.py); a deck file shows the entity, where it
    would escape the character. One alone shows as a space; at a line's end they show
    nothing, and at its start the parser drops them."""
    if "\n\n" in markdown or "\n\xa0" in markdown:  # (a blank line or a break before)
        markdown = _NBSP_PARAGRAPH.sub(lambda found: found[1] + found[2] + BLANK_LINE, markdown)
    if _BESIDE.search(markdown) is None:
        return markdown.replace("\xa0", " ")
    markdown = _WIDE_RUN.sub(lambda run: run[0].replace("\xa0", _KEPT_NO_BREAK), markdown)
    if "\n" in markdown:
        markdown = _LINE_START_RUN.sub(_kept_at_line_start, markdown)
        markdown = _ON_MARKER_RUN.sub(_kept_on_marker, markdown)
    return markdown.replace("\xa0", " ").replace(_KEPT_NO_BREAK, "\xa0")


def _kept_on_marker(run: re.Match[str]) -> str:
    return run[1] + "".join(_MARKS.findall(run[2])) + "&nbsp;"


def _kept_at_line_start(run: re.Match[str]) -> str:
    """A `_LINE_START_RUN` as Chromium shows it, where it is wider than a space: before
    text each no-break space kept, as in a run between words; before a line break
    nothing (the line shows blank, as a break alone does: html_layout.py makes it one).
    As spaces the parser read them as the line's indent: after a block, four made an
    indented code block (`a`, a blank line, `    b`; `    &nbsp;\\` before a break), and
    two after a list's item (`- a`, a blank line, `  b`) its text; after a line break
    they were dropped (the review showed none). One alone is a space as before (the
    parser drops it)."""
    if len(_MARKS.sub("", run[2])) < 2:
        return run[0]
    if run[3] == _BREAK:
        return run[1] + "".join(_MARKS.findall(run[2]))
    return run[1] + run[2].replace("\xa0", _KEPT_NO_BREAK)


def blank_lines_shown(markdown: str) -> str:
    """The laid out `markdown` with each `BLANK_LINE` a paragraph of `&nbsp;`, but those
    at its end, which show nothing."""
    return _END_BLANK_LINES.sub("", markdown).replace(BLANK_LINE, "&nbsp;")
