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
from html import unescape
from urllib.parse import quote

from quizzer.core.control_chars import control_character
from quizzer.interchange.html_emphasis import MARKS, emphasised
from quizzer.interchange.html_spaces import BLANK_LINE, blank_lines_shown, no_break_spaces
from quizzer.interchange.html_tables import TABLE_END, tables_ended

__all__ = [
    "BRACKET_END", "BREAK", "CODE_BLANK", "KEPT", "NONCHARACTERS", "RAW_CONTROLS", "UNSHOWN",
    "addresses_encoded", "dropped_control", "end_line", "kept_back", "layout", "nothing_on_line",
    "tags_as_parsed", "unmarked", "url_read",
]  # fmt: skip

BREAK = "\ufdd0"  # marks a hard break until convert() ends
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
_PARAGRAPH = re.compile(r"\ufdd0[ \t]*\n(?:[ \t]*\ufdd0[ \t]*\n)+(?![ \t])")
_LEADING = re.compile(r"(^|\n[ \t]*\n)(?:[ \t]*\ufdd0[ \t]*\n)+")
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
are the blank line between the blocks, as `a<br><br><ul>` is: Anki's editor sets
paragraphs apart with `<br><br>`, and so does the export between blocks
(markdown_html.py), which comes back as it went. None where nothing shown follows (only
marks, a quote's `>` of blank lines: `<b><p>a</p><br>`), as a break at the end shows
nothing."""
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


_NUMBERED = r"&#(?:[xX](?P<hex>[0-9a-fA-F]+)|(?P<decimal>[0-9]+));?"
"""A numeric character reference, as `html.unescape` reads one."""
_FINDS_NUMBERED = re.compile(_NUMBERED)
_TAG_OR_NUMBERED = re.compile(f"<[a-zA-Z/!?][^<>]*>|{_NUMBERED}")
_MAX_DIGITS = 4300
"""Python's limit on reading an integer's digits (`sys.get_int_max_str_digits`): past
it `int()`, and so `html.unescape`, raises ValueError."""
_LONG_DECIMAL = re.compile(f"&#([0-9]{{{_MAX_DIGITS},}});?")
_ADDRESS_TAG = re.compile(r"<(?:(img)|a)\s[^<>]*>", re.I)
"""An image's or a link's start tag with attributes (a tag as `_REFERENCE` finds one)."""
_IMAGE = re.compile(r"<img\s", re.I)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s>"']+))?""")
"""An attribute in a start tag, its value quoted or not, as html_tokens.py reads one."""
_TO_READ = re.compile("[\x00-\x1f\x7f-\x9f\ufdd0-\ufdef]|&#")
"""What an address may hold that a browser does not send as written (`_address`)."""
_ADDRESS_UNIT = re.compile(f"{_NUMBERED}|.", re.S)
"""A character of an address, as it is or as a numeric reference."""
RAW_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1e\x7f-\x9f]")
"""What `as_deck_text` drops from a field as an import reads it (apkg.py): a control
character but for tab, line feed, CR (a line break) and the unit separator between an
Anki note's fields."""
_TAG = re.compile(r"</?[a-zA-Z][^<>\x1f]*>")
"""A start or end tag, as html_tokens.py reads one (in one field of a note's)."""


def dropped_control(html: str) -> str | None:
    """The first control character a reference in `html` stands for (`&#1;`, `&#x81;`)
    that the import drops (deck text may not hold one: control_chars.py), or None. One
    in an image's or a link's address is kept, percent-encoded (`addresses_encoded`)."""
    if "&#" not in html:
        return None
    char = _first_dropped(html)
    if char is not None and "<" in html:
        char = _first_dropped(addresses_encoded(html))
    return char


def _first_dropped(html: str) -> str | None:
    for found in _FINDS_NUMBERED.finditer(html):
        if (char := _dropped_by(found)) is not None:
            return char
    return None


def addresses_encoded(html: str) -> str:
    """`html` with each noncharacter and control character in an image's address
    (`src`) or a link's (`href`), written as it is or as a reference, percent-encoded as
    UTF-8 (those a browser strips stripped: `_address`), as a browser requests the file
    or sends the address (`a&#xFDD0;.png` as
    `a%EF%B7%90.png`, `b&#1;.png` as `b%01.png`, Chromium's `a.href` of
    `https://e.org/a&#1;b` `https://e.org/a%01b`): an image's file is looked up so and
    percent-decoded (anki_decks.py), a link's address kept so (the converter keeps `%`
    in one), where the import drops such a character from text, and the address would
    name another file or page. A control character written as it is went as the field
    was read (apkg.py)."""
    return _ADDRESS_TAG.sub(_in_address, html)


def tags_as_parsed(html: str) -> str:
    """`html` with the control characters written as they are in its tags as a browser's
    HTML parser reads them, for an import to read the rest as text (dropping them): a
    form feed between a tag's name and attributes is white space, like a space
    (`<b\fclass=x>` is a `<b>`), and one in an image's or a link's address is read as
    a browser reads it (`_address`: `b\x01.png` is sent as `b%01.png`, as
    `addresses_encoded` does a reference; dropped, the address would name another file,
    `b.png`). Chromium draws one in text, a form feed too, as a box: the import drops it."""
    if "<" not in html or RAW_CONTROLS.search(html) is None:
        return html
    return _TAG.sub(_tag_as_parsed, html)


def _tag_as_parsed(tag: re.Match[str]) -> str:
    text = tag.group()
    if RAW_CONTROLS.search(text) is None:
        return text
    kind = _ADDRESS_TAG.match(text)
    address = None if kind is None else "src" if kind.group(1) else "href"
    pieces, at = [], 0
    for attribute in _ATTRIBUTE.finditer(text):
        name, equals, value = attribute.groups()
        if value is not None and name.lower() == address:
            value = _address(value)
        gap = text[at : attribute.start()] + name + (equals or "")
        pieces += [gap.replace("\f", " "), value or ""]
        at = attribute.end()
    return "".join(pieces) + text[at:].replace("\f", " ")


def _in_address(tag: re.Match[str]) -> str:
    encoded = _source_encoded if tag.group(1) else _href_encoded
    return _ATTRIBUTE.sub(encoded, tag.group())


def _source_encoded(attribute: re.Match[str]) -> str:
    return _encoded(attribute, "src")


def _href_encoded(attribute: re.Match[str]) -> str:
    return _encoded(attribute, "href")


def _encoded(attribute: re.Match[str], address: str) -> str:
    name, equals, value = attribute.groups()
    if value is None or name.lower() != address:
        return attribute.group()
    return name + equals + _address(value)


def url_read(address: str) -> str:
    """An address (an attribute's value, references read) as a browser's URL parser
    reads it: the C0 controls and spaces at its ends stripped, a tab, line feed or CR
    anywhere dropped (`a&Tab;b.png` requests `ab.png`). As `_address` reads one written
    with references by number."""
    return address.strip(_C0_AND_SPACE).translate(_URL_DROPPED)


_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_URL_DROPPED = str.maketrans("", "", "\t\n\r")


def _address(value: str) -> str:
    """An address (an attribute's value as written, quoted or not) as a browser's URL
    parser reads it: the C0 controls and spaces at its ends stripped, a tab, line break
    or CR anywhere dropped (`&#1;b.png` is `b.png`), and each noncharacter or control
    character left percent-encoded as UTF-8 (`b&#1;c.png` is `b%01c.png`); the rest as
    written (a reference to anything else stays one)."""
    if _TO_READ.search(value) is None:  # nearly every address
        return value
    quote_mark = value[0] if value[0] in "'\"" else ""
    inner = value[1:-1] if quote_mark else value
    units = [(found.group(), _address_char(found)) for found in _ADDRESS_UNIT.finditer(inner)]
    start, end = 0, len(units)
    while start < end and units[start][1] <= " ":
        start += 1
    while end > start and units[end - 1][1] <= " ":
        end -= 1
    read = [
        quote(char, safe="") if _sent_encoded(written, char) else written
        for written, char in units[start:end]
        if char not in ("\t", "\n", "\r")
    ]
    return quote_mark + "".join(read) + quote_mark


def _address_char(found: re.Match[str]) -> str:
    """The character a unit of an address (`_ADDRESS_UNIT`) stands for, as a browser
    reads it (a NUL, or a reference to none, as U+FFFD)."""
    text = found.group()
    if len(text) == 1:
        return "\ufffd" if text == "\x00" else text
    number = (found.group("hex") or found.group("decimal")).lstrip("0") or "0"
    code = int(number, 16 if found.group("hex") else 10) if len(number) < 8 else 0x110000
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
        return "\ufffd"
    if code < 0x20 or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return chr(code)
    return _dropped_by(found) or unescape(text)


def _sent_encoded(written: str, char: str) -> bool:
    """Whether an address's character is kept percent-encoded: a control character, or
    a noncharacter written as a reference or one of the import's marks (as it is)."""
    if control_character(char) is not None:
        return True
    if len(written) == 1:
        return "\ufdd0" <= char <= "\ufdef"
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _dropped_by(found: re.Match[str]) -> str | None:
    """The control character the reference `found` stands for, where the import drops
    it; None for a tag (`_TAG_OR_NUMBERED`). A CR is white space (a line break; a form
    feed is none: Chromium draws one as a box); a reference
    `html.unescape` makes something else of is not one (`&#x80;` the euro sign, as a
    browser shows it)."""
    hex_digits, digits = found.group("hex"), found.group("decimal")
    if hex_digits is None and digits is None:
        return None
    number = (hex_digits or digits).lstrip("0") or "0"
    code = int(number, 16 if hex_digits else 10) if len(number) < 8 else 0x110000
    if code > 0x10FFFF or code == 0x0D:  # none, or white space
        return None
    char = chr(code)
    if control_character(char) and unescape(found.group()) in ("", char):
        return char
    return None


def _without_controls(html: str) -> str:
    """`html` without the references to control characters the import drops, outside
    tags (an address keeps one, percent-encoded, as a browser sends it: run after
    `addresses_encoded`)."""
    return _TAG_OR_NUMBERED.sub(lambda found: "" if _dropped_by(found) else found.group(), html)


def end_line(out: list[str], mark: str, indent: str = "") -> None:
    """End the current line, if it has text (`<div>`: one line of Anki's editor);
    `mark` is the hard-break marker (none for plain text)."""
    if out and not nothing_on_line(out):  # (a no-break space shows: a line of its own)
        out.append(mark + "\n" + indent)


def nothing_on_line(out: list[str]) -> bool:
    """Whether the current line of the pieces written so far shows nothing yet (its last
    pieces read: one of text is rarely short)."""
    return not "".join(out[-3:]).rsplit("\n", 1)[-1].strip(_NO_TEXT)


_NO_TEXT = " \t\r\f\ufde1\ufde2\ufde3\ufde4\ufde5\ufde6"
"""What a line may hold and show nothing: white space a browser squashes, and where a
style starts or ends (`<b><div>a</div></b>`: the line before the `<div>` is none)."""


def layout(
    out: list[str], *, marked: bool = True, markdown: bool = True, whole: bool = True
) -> str:
    """The converted pieces as one text: hard breaks that end a paragraph or the text
    dropped, runs of blank lines made one, trailing spaces gone; the marks of emphasis
    made delimiters, unless there are none (not `marked`); a paragraph of no-break
    spaces a blank line in the Markdown, a run of them as wide as it shows
    (`no_break_spaces`; in the text alone, not `markdown`, spaces as before). A quote's
    text (not `whole`) keeps its `BLANK_LINE`s for the field's: those at its end show
    where more of the field comes after the quote."""
    text = "".join(out)
    if TABLE_END in text:  # (first: a break after a table is its blank line)
        text = tables_ended(text)
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
            text = _BREAK_AFTER_BLOCK.sub(_blank_line_before, text)
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
        html = _without_controls(html)
    referenced = numbered and _FINDS_ONE.search(html) is not None
    if raw:
        html = NONCHARACTERS.sub("", html)
    kept: list[str] = []
    if referenced:

        def keep(match: re.Match[str]) -> str:
            if match.group(1) is None:  # a tag
                tag = match.group()
                return _ATTRIBUTE.sub(keep_alt, tag) if _IMAGE.match(tag) else tag
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
