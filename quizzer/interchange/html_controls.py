"""Control characters in an Anki field's HTML, read as a browser reads them, for the
imports: a reference to one in text (`&#1;`) is dropped and named, as deck text may hold
none (control_chars.py); one written as it is in a tag is read as the HTML parser reads
it (`<b\fclass=x>` is a `<b>`); one in an image's or a link's address, written either
way, is kept percent-encoded, as a browser requests the file or sends the address
(dropped, the address would name another file or page), and so is a noncharacter there.

Apart from html_layout.py, which lays out the Markdown the converter made: this reads a
field before it is converted (html_layout.unmarked), and the readers of packages and
text files (apkg.py, anki_decks.py, text.py, text_table.py, text_images.py) use it
without the converter."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

from quizzer.core.control_chars import control_character

__all__ = [
    "ATTRIBUTE", "RAW_CONTROLS", "addresses_encoded", "dropped_control", "tags_as_parsed",
    "url_read", "without_controls",
]  # fmt: skip

_NUMBERED = r"&#(?:[xX](?P<hex>[0-9a-fA-F]+)|(?P<decimal>[0-9]+));?"
"""A numeric character reference, as `html.unescape` reads one."""
_FINDS_NUMBERED = re.compile(_NUMBERED)
_TAG_OR_NUMBERED = re.compile(f"<[a-zA-Z/!?][^<>]*>|{_NUMBERED}")
_ADDRESS_TAG = re.compile(r"<(?:(img)|a)\s[^<>]*>", re.I)
"""An image's or a link's start tag with attributes (a tag as `_TAG_OR_NUMBERED` finds
one, and html_layout.py's `_REFERENCE`)."""
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s>"']+))?""")
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
    for attribute in ATTRIBUTE.finditer(text):
        name, equals, value = attribute.groups()
        if value is not None and name.lower() == address:
            value = _address(value)
        gap = text[at : attribute.start()] + name + (equals or "")
        pieces += [gap.replace("\f", " "), value or ""]
        at = attribute.end()
    return "".join(pieces) + text[at:].replace("\f", " ")


def _in_address(tag: re.Match[str]) -> str:
    encoded = _source_encoded if tag.group(1) else _href_encoded
    return ATTRIBUTE.sub(encoded, tag.group())


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


def without_controls(html: str) -> str:
    """`html` without the references to control characters the import drops, outside
    tags (an address keeps one, percent-encoded, as a browser sends it: run after
    `addresses_encoded`)."""
    return _TAG_OR_NUMBERED.sub(lambda found: "" if _dropped_by(found) else found.group(), html)
