"""Bold, italic and strikethrough from Anki's HTML as delimiters the review's parser
(CommonMark's flanking rules) reads back as the same styles.

The converter marks where a `<b>`, `<i>` or `<s>` opens and closes (noncharacters, html_layout.py)
and hands the laid-out text here. Written as they come, the marks would give `**a****b**`
(`<b>a</b><b>b</b>`: one run of eight `*`), `** a **` (a delimiter beside a space opens
or closes nothing) or crossed runs. Here each character gets the styles it is shown
with; a style neither starts nor ends beside white space (the space goes outside), ends
at a blank line, and runs of one style are one; the delimiters are then written nested,
the style that lasts longer outside.
"""

from __future__ import annotations

import re
from html import unescape

__all__ = [
    "CLOSE", "MARKS", "OPEN", "SPAN_STYLES", "STYLES", "STYLE_OF", "OpenStyles", "SetBack",
    "emphasised", "plain_styles", "span_styles",
]  # fmt: skip

OPEN = {"b": "\ufde1", "i": "\ufde3", "s": "\ufde5"}
CLOSE = {"b": "\ufde2", "i": "\ufde4", "s": "\ufde6"}
MARKS = re.compile("[\ufde1-\ufde6]")
_STYLE = {"\ufde1": "b", "\ufde2": "b", "\ufde3": "i", "\ufde4": "i", "\ufde5": "s", "\ufde6": "s"}
STYLES = {"b": "b", "strong": "b", "i": "i", "em": "i"}
"""The tags of bold and italic in the fast path (html_inline.py), and the style of each."""
SPAN_STYLES = {"span b": "b", "span i": "i", "span s": "s"}
"""The styles a `<span>`'s CSS sets (`span_styles`), each as the tag the converter opens
for it (no element has a name with a space)."""
STYLE_OF = {**STYLES, "s": "s", "del": "s", "strike": "s", **SPAN_STYLES}
"""Every tag of a style the converter (html_converter.py) keeps, and the style of each."""
_BOLD = frozenset({"bold", "bolder", "600", "700", "800", "900"})
_NOT_BOLD = frozenset({"normal", "lighter", "100", "200", "300", "400", "500"})
_SHOWS_NOTHING = frozenset({"u", "span"})
"""The tags of the fast path (html_inline.py) that put nothing in the output."""
_SPLIT = re.compile("([\ufde1-\ufde6])")
_WHITE = "\\s\ufdd0\ufdeb"
"""What a style is not seen on (it starts and ends past them): white space, a hard break
(html_layout.py: `BREAK`) and an empty line the review draws as `&nbsp;` (html_spaces.py:
`BLANK_LINE`; styled, `**&nbsp;**`, the export wrote `<b>&nbsp;</b>`, which the import
reads as nothing: a row lost on the way back)."""
_EDGES = re.compile(f"([{_WHITE}]*)(.*?)([{_WHITE}]*)", re.S)
_BLANK_LINE = re.compile("\n[ \t\ufdd0]*\n")
_WORDS = re.compile(f"[{_WHITE}]|[^{_WHITE}]+")
"""A text holding a blank line, cut for `emphasised`: each white space on its own (the
blank line ends the styles), each run of the rest as one."""
_DELIMITER = {"b": "**", "i": "*", "s": "~~"}
_ORDER = ("b", "i", "s")
"""Which of the styles that open at one place and end at one place is outside: bold."""
_SIMPLE = re.compile(
    "(?:\ufde1(?:\ufde3\ufde4|\ufde5\ufde6)*\ufde2|\ufde3(?:\ufde1\ufde2|\ufde5\ufde6)*\ufde4"
    "|\ufde5(?:\ufde1\ufde2|\ufde3\ufde4)*\ufde6)*"
)
"""Marks in an order that nests (one style in another at most, none in itself)."""
_TROUBLE = re.compile(
    f"[\ufde1-\ufde6][\ufde1-\ufde6]|[\ufde1\ufde3\ufde5][{_WHITE}]|[{_WHITE}][\ufde2\ufde4\ufde6]"
    "|\n[ \t\ufdd0]*\n"
    "|^[\ufde2\ufde4\ufde6]|[\ufde1\ufde3\ufde5]$|(?:[^\\w\\s]|_)[\ufde1\ufde3](?:[^\\w\\s]|_)"
    "|~[\ufde5\ufde6]|[\ufde5\ufde6]~"
)
"""Marks that, written as delimiters as they stand, may read otherwise: two side by side,
one beside white space on its inner side, a blank line (a paragraph's end) anywhere, a
bold or italic one between punctuation (`_underscore` decides its delimiter), a struck
one beside a `~` (`_tildes_apart`)."""


def span_styles(attrs: list[tuple[str, str | None]]) -> list[str]:
    """The styles a `<span>` with these attributes sets in its `style` (text pasted into
    Anki from a web page or a document: `font-weight: 700`, `font-style: italic`,
    `text-decoration: line-through`), as SPAN_STYLES' tags, bold first; its last
    declaration of each property counts, as in CSS."""
    declared = _declared(attrs)
    if not declared:
        return []
    line = declared.get("text-decoration-line", declared.get("text-decoration", []))
    found = [
        ("span b", declared.get("font-weight", [""])[0] in _BOLD),
        ("span i", declared.get("font-style", [""])[0] in ("italic", "oblique")),
        ("span s", "line-through" in line),
    ]
    return [tag for tag, shown in found if shown]


def _declared(attrs: list[tuple[str, str | None]]) -> dict[str, list[str]]:
    """The properties an element's `style` declares, each its last value's words."""
    style = next((value for name, value in attrs if name == "style"), None)
    declared: dict[str, list[str]] = {}
    for declaration in (style or "").lower().split(";"):
        name, _, value = declaration.partition(":")
        declared[name.strip()] = value.replace("!important", "").split() or [""]
    return declared if style else {}


class SetBack:
    """The `<b>`, `<strong>`, `<i>` and `<em>` elements whose CSS sets their own style
    back (`<b style="font-weight: normal">`: Google Docs wraps a whole paste in one, and
    Anki shows it plain), read as `<span>`s with that `style`. Kept by name, as an end
    tag closes the last open element of its name; only once such an element is met."""

    def __init__(self) -> None:
        self._open: dict[str, list[bool]] = {}  # per name: whether each one open sets back

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        """`tag`, or "span" for an element of it that sets its style back."""
        opened = self._open.get(tag)
        if not attrs and not opened:
            return tag  # nearly always
        declared = _declared(attrs)
        value = declared.get("font-weight" if STYLES[tag] == "b" else "font-style", [""])[0]
        back = value in _NOT_BOLD if STYLES[tag] == "b" else value == "normal"
        self._open.setdefault(tag, []).append(back)
        return "span" if back else tag

    def end(self, tag: str) -> str:
        """`tag`, or "span" where the element it closes set its style back."""
        opened = self._open.get(tag)
        return "span" if opened and opened.pop() else tag


class OpenStyles:
    """The styles open at the end of html_converter.py's output, counted as `emphasised` counts
    their marks: so that block syntax (a list item's marker, a heading's `#`s, a code
    block) is written outside them. Delimiters around it would make it text (`**- a**`
    is a paragraph); Anki shows the text in the block in the style (`- **a**`).

    Counted by tag: an end tag closes only an open element of its own name, as a
    browser reads it (`<strong>a</b>b</strong>`: `b` is bold too)."""

    def __init__(self) -> None:
        self._open = dict.fromkeys(STYLE_OF, 0)

    def open(self, tag: str) -> str:
        """The mark of the style of `tag` (a key of `STYLE_OF`) opening."""
        self._open[tag] += 1
        return OPEN[STYLE_OF[tag]]

    def close(self, tag: str) -> str:
        """The mark of the style of `tag` closing; none where no element of that name is
        open (a browser ignores such an end tag)."""
        if not self._open[tag]:
            return ""
        self._open[tag] -= 1
        return CLOSE[STYLE_OF[tag]]

    def closing(self) -> str:
        """The marks that close every open style, for now (`opening` opens them again)."""
        return "".join(CLOSE[STYLE_OF[tag]] * count for tag, count in self._open.items())

    def opening(self) -> str:
        return "".join(OPEN[STYLE_OF[tag]] * count for tag, count in self._open.items())

    def since(self, depths: dict[str, int]) -> tuple[str, str]:
        """The marks that close the styles opened since `depths` (`depths()` then) and
        those that open them again: to write syntax outside them (a link's `](url)`)."""
        if depths == self._open:  # nearly always: none
            return "", ""
        opened = [(STYLE_OF[tag], count - depths[tag]) for tag, count in self._open.items()]
        closing = "".join(CLOSE[style] * count for style, count in opened if count > 0)
        return closing, "".join(OPEN[style] * count for style, count in opened if count > 0)

    def count(self, tag: str) -> int:
        """How many elements of the name `tag` are open now."""
        return self._open[tag]

    def depths(self) -> dict[str, int]:
        """How many elements of each name are open now, for `restore`."""
        return dict(self._open)

    def restore(self, depths: dict[str, int]) -> None:
        self._open = dict(depths)

    def around(self, syntax: str) -> str:
        """`syntax` outside the open styles: closed before it, opened again after."""
        return self.closing() + syntax + self.opening()


def plain_styles(parts: list[str]) -> bool:
    """Whether the bold and italic tags among `parts` (text, then slash, tag name and
    text per tag, html_inline.py's) may be written as delimiters as they come: none
    beside a space (`&nbsp;`, say) or another such tag, in itself, holding a line break,
    or not closed, nor an end tag but the innermost open one's (one of another name
    closes nothing, one that crosses another ends only its own style: both for
    `emphasised`, as the rest). The text beside a tag is read as shown, its entities
    decoded (`&amp` before `<b>` is `&`)."""
    opened = ""  # the styles open: "b", "bi", ...
    names: list[str] = []  # the tags open, innermost last
    for at in range(3, len(parts), 3):
        name = parts[at - 1].lower()
        style = STYLES.get(name)
        if style is None:
            if opened and name in ("div", "br"):
                return False
        elif parts[at - 2]:
            before = parts[at - 3]
            if "&" in before:  # as shown
                before = unescape(before)
            if not names or names[-1] != name:
                return False
            if not before or before[-1].isspace() or before[-1] == ";":
                return False
            names.pop()
            opened = opened[:-1]
        else:
            after = parts[at]
            if "&" in after:
                after = unescape(after)
            if style in opened or not after or after[0].isspace() or after[0] == "&":
                return False
            before, back = _shown_before(parts, at)
            if not before and back >= 3 and parts[back - 1].lower() in STYLES:  # `</b><i>`
                return False
            if before and not (before[-1].isalnum() or before[-1].isspace() or after[0].isalnum()):
                return False  # punctuation on both sides: `_underscore` decides
            opened += style
            names.append(name)
    return not opened


def _shown_before(parts: list[str], at: int) -> tuple[str, int]:
    """The text shown right before the tag `parts[at - 1]` (`plain_styles`' parts),
    entities decoded, read back past tags that show nothing (`<span>`, `<u>`), as the
    converter's output has it; and where in `parts` it is."""
    back = at - 3
    while True:
        text = parts[back]
        if "&" in text:
            text = unescape(text)
        if text or back < 3:
            return text, back
        name = parts[back - 1].lower()
        if name not in _SHOWS_NOTHING:
            return text, back
        back -= 3


def emphasised(text: str) -> str:
    """`text` with its marks made delimiters (see the module)."""
    if _TROUBLE.search(text) is None and _SIMPLE.fullmatch("".join(MARKS.findall(text))):
        # Nearly every field (`<b>word</b> more`): each mark as its delimiter.
        text = text.replace("\ufde1", "**").replace("\ufde2", "**").replace("\ufde3", "*")
        return text.replace("\ufde4", "*").replace("\ufde5", "~~").replace("\ufde6", "~~")
    # The text in pieces of one style: each white space at either end on its own, each
    # other piece starting and ending with what is not white space, cut at a blank line
    # (`chars`, as the rest reads it).
    chars: list[str] = []
    styles: list[frozenset[str]] = []
    depth = {"b": 0, "i": 0, "s": 0}
    shown = frozenset[str]()  # the styles of the text from here
    for at, piece in enumerate(_SPLIT.split(text)):
        if at % 2:
            style = _STYLE[piece]
            depth[style] = depth[style] + 1 if piece == OPEN[style] else max(0, depth[style] - 1)
            shown = frozenset(s for s, n in depth.items() if n)
        elif piece:
            head, core, tail = _EDGES.fullmatch(piece).groups()  # type: ignore[union-attr]
            blank = "\n" in core and _BLANK_LINE.search(core) is not None
            words = _WORDS.findall(core) if blank else [core] if core else []
            cut = [*head, *words, *tail]
            chars.extend(cut)
            styles.extend([shown] * len(cut))
    _spaces_outside(chars, styles)
    return _written(chars, styles)


def _white(char: str) -> bool:
    return char.isspace() or char in "\ufdd0\ufdeb"  # (`_WHITE`: a piece of text is one or none)


def _spaces_outside(chars: list[str], styles: list[frozenset[str]]) -> None:
    """Each run of white space keeps only the styles it shares with the text on both
    sides of it (none at either end, none over a blank line)."""
    at = 0
    while at < len(chars):
        if not _white(chars[at]):
            at += 1
            continue
        end = at
        while end < len(chars) and _white(chars[end]):
            end += 1
        before = styles[at - 1] if at else frozenset()
        after = styles[end] if end < len(chars) else frozenset()
        shared = before & after if "".join(chars[at:end]).count("\n") < 2 else frozenset()
        for index in range(at, end):
            shared &= styles[index]
        for index in range(at, end):
            styles[index] = shared
        at = end


def _written(chars: list[str], styles: list[frozenset[str]]) -> str:
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # the styles open with their delimiters, innermost last
    count = len(chars)
    for at, char in enumerate(chars):
        want = styles[at]
        if {style for style, _ in stack} != want:
            # Close down to the first style that ends here, then open what is missing,
            # the one that lasts longer outside.
            keep = 0
            while keep < len(stack) and stack[keep][0] in want:
                keep += 1
            closed = len(stack) > keep
            out.extend(delimiter for _, delimiter in reversed(stack[keep:]))
            del stack[keep:]
            if _white(char):  # what closes and opens again, opens past the space
                out.append(char)
                continue
            ends: dict[str, int] = {}
            opened = {style for style, _ in stack}
            for style in _ORDER:  # not the set's order, which changes from run to run
                if style not in want or style in opened:
                    continue
                end = at
                while end < count and style in styles[end]:
                    end += 1
                ends[style] = end
            lead = out[-1][-1] if out else " "  # before the delimiters opening here
            for style in sorted(ends, key=lambda s: -ends[s]):
                delimiter = _DELIMITER[style]
                beside = out[-1][-1] if (closed or len(ends) > 1) and out else ""
                if style != "s" and _underscore(
                    chars, styles, style, at, ends[style], beside, lead
                ):
                    delimiter = delimiter.replace("*", "_")
                out.append(delimiter)
                stack.append((style, delimiter))
                closed = True  # the next one opens beside this one
        out.append(char)
    out.extend(delimiter for _, delimiter in reversed(stack))
    _tildes_apart(out)
    return "".join(out)


def _tildes_apart(out: list[str]) -> None:
    """Escape each `~` of the text beside a `~~` delimiter in `out` (`_written`'s pieces
    and delimiters): one run with it reads otherwise (`~~a~~~`: the `~` outside the
    strikethrough; `~~~a~~` at a line's start: a code fence). Text holds no `~~` of its
    own (escaped), so a piece `~~` is a delimiter."""
    for at, piece in enumerate(out):
        if piece != "~~":
            continue
        before = out[at - 1] if at else ""
        backslashes = len(before[:-1]) - len(before[:-1].rstrip("\\"))
        if before.endswith("~") and not backslashes % 2:  # (`\\~`: a backslash, then it)
            out[at - 1] = before[:-1] + "\\~"
        if at + 1 < len(out) and out[at + 1].startswith("~"):
            out[at + 1] = "\\" + out[at + 1]


def _underscore(
    chars: list[str],
    styles: list[frozenset[str]],
    style: str,
    at: int,
    end: int,
    beside: str,
    lead: str,
) -> bool:
    """Whether the bold or italic `style` from `at` to `end` is written with `_`: where a
    `*` delimiter comes right before it (one run with it, which may then read otherwise:
    `*\\_***a**`) or punctuation is on both sides of its start (a `*` there may close as
    well as open), and where `_` opens and closes: no letter or digit before it, nor
    after it (unless another delimiter opens first). Not after a `*` opening after a
    letter or digit (`lead`): the `*` cannot open before the `_` (`a**_a_**` shows its
    `**`; `a***a***` is bold italic)."""
    before = beside or (chars[at - 1][-1] if at else " ")
    if beside == "_" or before.isalnum() or (beside == "*" and lead.isalnum()):
        return False
    if beside != "*" and (before.isspace() or chars[at][0].isalnum()):
        return False
    if end >= len(chars) or not chars[end][0].isalnum():
        return True
    # Before a letter, `_` closes only when another delimiter comes first: one that
    # opens there. One that closes there would follow the `_` and could not close before
    # the letter (`**_a_**a`); all `*` are one run that does (`***a***a`).
    others = (styles[end] ^ styles[end - 1]) - {style}
    return bool(others) and not others & styles[end - 1]
