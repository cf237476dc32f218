"""quizzer Markdown -> the simple HTML an Anki field holds (for export).

The text is read by the review's own parser (quizzer/markdown_parser.py: CommonMark with
tables and strikethrough, HTML read as text), so Anki shows what the review shows:
bold, italic, strikethrough, inline code, fenced code (with its language as a class),
line breaks, lists, headings, quotes, rules and tables. Blocks set apart by a blank line
are set apart by `<br><br>`, as Anki's editor writes paragraphs, unless one of the two
has margins of its own in Anki (a list, code, a quote, a heading, a rule), which are the
blank line there, and text or a table after a table (none) by one `<br>`
(tests/interchange/test_export_block_spacing.py measures it in Chromium; faithful.py
matches a note on each HTML); a single paragraph is bare text. A loose list's paragraphs
are `<p>`, as CommonMark writes them: their margins are the blank rows the review draws
between its items and blocks (and before a nested one right after a tight item's text),
and the import reads them back as a loose list's
(tests/interchange/test_export_loose_lists.py). Images
are `<img>` with the `src` that `image(path)` gives. A link is an Anki link only to the
web or to mail (`[text](https://...)`, `mailto:`): a link of any other scheme, a
relative one or one with no text stays text as written, and a bare address is text as
written (so that it comes back as it was). A word's reading written after it in
parentheses (`日本(にほん)`: kanji, then kana alone, as the import writes a ruby's) is
ruby, the parentheses its `<rp>`: Anki shows the reading above the word, and the import
reads it back as written (html_added_text.py). quizzer's math (`$x$`, `$$x$$`: a formula
the review renders, core/math_text.py) is Anki's MathJax (`\\(x\\)`, `\\[x\\]`), its
LaTeX never read as Markdown (anki_math.py); a `$` that is no such formula is text, as
written. A cloze marker is text, and so is a backslash right before one in a cloze
text (`cloze=True`); U+001F is `&#31;`, a noncharacter U+FDD0..U+FDEF `&#xfdd0;`.
`html.html_to_markdown` reads this HTML back to Markdown that the review shows the same
(tests/interchange/test_export_shows_the_same.py), so a deck survives the round trip.
"""

from __future__ import annotations

import dataclasses
import html
import re
import threading
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.reference import reference as reference_rule
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.image import image as image_rule
from markdown_it.token import Token

from quizzer.core.content import CLOZE_MARKER
from quizzer.core.images import images
from quizzer.core.math_text import formulas, render_math
from quizzer.interchange.anki_math import read_as_math, to_mathjax
from quizzer.interchange.html_layout import NONCHARACTERS
from quizzer.markdown_parser import card_parser

__all__ = ["LINK_SCHEMES", "markdown_to_html"]

LINK_SCHEMES = re.compile(r"(?:https?|mailto):", re.I)
"""The links that are links both ways (export and import): to the web and to mail. A
`javascript:`, `file:` or relative link stays text."""

_INLINE_OPEN = {"em_open": "i", "strong_open": "b", "s_open": "s"}
_INLINE_CLOSE = {"em_close": "i", "strong_close": "b", "s_close": "s"}
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # any ASCII punctuation, as in CommonMark
_PLAIN = re.compile(r"(?!\s|[-+#=]|\d{1,9}[.)])[^\n\r\x00\\`*_\[\]<>!&~|$:@]*(?<!\s)")
"""One line that Markdown reads as its characters: none that may start markup (`*`,
`[`, `<`, `&`, `$`, ...), no line-start mark (`#`, `-`, `1.`), no white space at either
end (trimmed), no `:` or `@` (a bare address; it would be text here too)."""
_CONTAINERS = frozenset({"list_item_open", "blockquote_open"})
_CONTAINERS_CLOSE = frozenset({"list_item_close", "blockquote_close"})
_MARGINS = frozenset({"blockquote_open", "heading_open", "fence", "code_block", "hr"})
_LISTS = frozenset({"bullet_list_open", "ordered_list_open"})
_AFTER_TABLE = frozenset({"paragraph_open", "table_open"})
"""The blocks one `<br>` apart from a table before them (`_Renderer.blocks`)."""
_threads = threading.local()
_BAR = "\ufdd0"
"""A noncharacter: stands for a `|` of a formula while the text is parsed (`_bars_held`)."""


def markdown_to_html(
    text: str,
    image: Callable[[str], str],
    *,
    math: bool = True,
    cloze: bool = False,
    loose: bool = True,
) -> str:
    """`text` as HTML; `image(path)` gives the `src` an image path is exported as.
    `math=False`: formulas as text, as exports before MathJax wrote them (faithful.py).
    `cloze=True`: `text` is a cloze's, whose markers the review takes out before it
    reads the Markdown (`_cloze_backslash`). `loose=False`: a loose list as a tight
    one, as exports before 2026-12-06 wrote it (faithful.py)."""
    if _PLAIN.fullmatch(text):  # most fields of a large deck: what the parser would make
        return _as_field(_with_readings(html.escape(text, quote=False)))
    return parsed_to_html(text, image, math=math, cloze=cloze, loose=loose)


def parsed_to_html(
    text: str,
    image: Callable[[str], str],
    *,
    math: bool = True,
    cloze: bool = False,
    loose: bool = True,
) -> str:
    """`markdown_to_html` without its shortcut for plain text (tests compare the two)."""
    parser: MarkdownIt | None = getattr(_threads, "parser", None)
    if parser is None:  # one per thread: reading an image swaps its link check
        parser = _threads.parser = _export_parser()
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # lines as the parser ends them
    held = math and "|" in text and "$" in text and _BAR not in text
    text = _bars_held(text) if held else text
    env = {"bars": held, "math_as_text": not math, "cloze": cloze}
    out = _Renderer(text.split("\n"), image, loose=loose).blocks(parser.parse(text, env))
    out = out.replace(_BAR, "|") if held else out
    return _as_field(out)


def _as_field(out: str) -> str:
    """HTML as a field holds it: U+001F, which separates the fields of an Anki note, as
    a reference (`&#31;`), and so is each noncharacter the import's marks are made of
    (U+FDD0..U+FDEF: it drops one written as it is, and reads a reference back)."""
    if out.isprintable():  # nearly every field
        return out
    out = out.replace("\x1f", "&#31;")
    if NONCHARACTERS.search(out) is None:
        return out
    return NONCHARACTERS.sub(lambda found: f"&#x{ord(found.group()):x};", out)


def _export_parser() -> MarkdownIt:
    parser = card_parser()
    parser.validateLink = _is_web_or_mail  # type: ignore[method-assign]
    parser.normalizeLink = _as_written  # type: ignore[method-assign]
    parser.normalizeLinkText = _as_written  # type: ignore[method-assign,assignment]
    parser.inline.ruler.at("image", _image)
    parser.block.ruler.at("reference", _reference)
    parser.inline.ruler.before("escape", "math", _math)
    parser.inline.ruler.before("escape", "cloze_backslash", _cloze_backslash)
    # A bare address is exported as the text it is (below): finding it, a fifth of the
    # parse (bench/bench_export.py), changes nothing here.
    parser.disable("linkify")
    return parser


def _is_web_or_mail(url: str) -> bool:
    return LINK_SCHEMES.match(url.strip()) is not None


def _as_written(url: str) -> str:
    """A destination as the deck wrote it (unescaped), not percent-encoded."""
    return url


def _any_path(url: str) -> bool:
    return True


def _image(state: StateInline, silent: bool) -> bool:
    """An image of any path (the callback maps it), though a link must be to the web.
    Its path is the one the review shows (core/images.py), as written: `a&amp;b.png`
    and `a\\_b.png` name those files, where Markdown reads `a&b.png` and `a_b.png`."""
    check = state.md.validateLink  # an image's alt text may hold images: put back, not reset
    state.md.validateLink = _any_path  # type: ignore[method-assign]
    start = state.pos
    try:
        found = image_rule(state, silent)
    finally:
        state.md.validateLink = check  # type: ignore[method-assign]
    if found and not silent:
        shown = images(state.src[start : state.pos])
        if len(shown) == 1 and shown[0].start == 0 and shown[0].end == state.pos - start:
            state.tokens[-1].attrSet("src", shown[0].target)
    return found


def _reference(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A link reference definition (`[a]: page.html`) of any destination, as the review
    reads it (it shows nothing); a link to it that is not to the web is its text."""
    state.md.validateLink = _any_path  # type: ignore[method-assign]
    try:
        return reference_rule(state, start, end, silent)
    finally:
        state.md.validateLink = _is_web_or_mail  # type: ignore[method-assign]


_OPENER = re.compile(r"\\([(\[])")
"""A MathJax opener: `\\(` or `\\[`."""


def _text(text: str) -> str:
    """Text as HTML. A formula in MathJax's delimiters written as text (`\\(x\\)`: the
    review shows it as typed) gets a tag between each backslash and its bracket: Anki's
    MathJax then shows it as text too, and the import reads it back as text, not as the
    math it would make of it; so does one written inside it (`\\[a \\(b\\)\\]`). MathJax
    that quizzer would not render anyway (a text kept so by the import) goes as written,
    for Anki to render as before. A word's reading is ruby (`_READING`) in a text without
    a backslash."""
    if "\\" not in text:
        return _with_readings(html.escape(text, quote=False))
    out, last = [], 0
    for match in read_as_math(text):
        out.append(_lone_openers_apart(html.escape(text[last : match.start()], quote=False)))
        opening, body, closing = match[0][:2], match[0][2:-2], match[0][-2:]
        out.append(f"\\<span></span>{opening[1]}{_text(body)}\\<span></span>{closing[1]}")
        last = match.end()
    out.append(_lone_openers_apart(html.escape(text[last:], quote=False)))
    return "".join(out)  # (no ruby: a MathJax pair in it goes as written, for Anki)


_KANA = "\u3041-\u309f\u30a0-\u30ff"
_READING = re.compile(
    f"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+)(?:\\(([{_KANA}]+)\\)|（([{_KANA}]+)）)"
)
"""A word of kanji and its reading, in kana, right after it in parentheses."""


def _with_readings(text: str) -> str:
    """HTML `text` with each word's reading after it (`_READING`) as ruby."""
    if "(" not in text and "（" not in text:
        return text
    return _READING.sub(_ruby, text)


def _ruby(found: re.Match[str]) -> str:
    word, reading, wide = found.groups()
    opening, closing = ("(", ")") if reading is not None else ("（", "）")
    return f"<ruby>{word}<rp>{opening}</rp><rt>{reading or wide}</rt><rp>{closing}</rp></ruby>"


def _lone_openers_apart(text: str) -> str:
    """`text` (HTML) with a tag between the backslash and the bracket of each MathJax
    opener that no closer of its kind follows in it (`\\[` alone, as the review shows
    it): Anki's MathJax would pair it with the closer of a formula after it (`\\[` then
    `$$x$$` went as `\\[\\[x\\]`, one formula from the first `\\[`). A pair in it stays
    as written (MathJax quizzer does not render, for Anki to render as before)."""
    if "\\(" not in text and "\\[" not in text:
        return text

    def apart(opener: re.Match[str]) -> str:
        closer = "\\)" if opener[1] == "(" else "\\]"
        return opener[0] if closer in text[opener.end() :] else f"\\<span></span>{opener[1]}"

    return _OPENER.sub(apart, text)


def _bars_held(text: str) -> str:
    """`text` with the `|` of each formula the review renders as `_BAR`: the review
    renders its math before it reads the text, so a table's row does not end there."""
    for formula in reversed(formulas(text)):
        if "|" in formula.source and render_math(formula.source) is not None:
            held = text[formula.start : formula.end].replace("|", _BAR)
            text = text[: formula.start] + held + text[formula.end :]
    return text


def _math(state: StateInline, silent: bool) -> bool:
    """A formula that the review shows as math (core/math_text.py: one that renders) is
    one piece of text, read before Markdown as the review reads it; a formula that does
    not render is Markdown there, and here. So is one that holds a cloze marker's start
    or end but not both (`${{c1::y} }$ z}}`): the review takes the marker out first, and
    as MathJax (`\\({{c1::y} }\\) z}}`) it broke the marker and the math in Anki."""
    if state.src[state.pos] != "$" or state.env["math_as_text"]:
        return False
    found = state.env.setdefault("math", {})
    starts = found.get(state.src)
    if starts is None:
        bars = state.env.get("bars")  # `_bars_held`: put the formulas' `|` back
        read = [
            dataclasses.replace(f, source=f.source.replace(_BAR, "|")) if bars else f
            for f in formulas(state.src)
        ]
        cloze = state.env["cloze"] and "{{c" in state.src
        shown = (
            f
            for f in read
            if render_math(f.source) is not None
            and not (cloze and _cuts_a_marker(state.src, f.start, f.end))
        )
        starts = found[state.src] = {f.start: f for f in shown}
    formula = starts.get(state.pos)
    if formula is None or formula.end > state.posMax:
        return False
    if not silent:
        token = state.push("math", "", 0)
        token.content = state.src[state.pos : formula.end]
        token.meta = {"source": formula.source, "display": formula.display}
    state.pos = formula.end
    return True


def _cuts_a_marker(text: str, start: int, end: int) -> bool:
    """Whether a cloze marker of `text` starts in `text[start:end]` and ends after it,
    or ends in it and starts before."""
    return any(
        start < marker.start() < end < marker.end() or marker.start() < start < marker.end() < end
        for marker in CLOZE_MARKER.finditer(text)
    )


def _cloze_backslash(state: StateInline, silent: bool) -> bool:
    """A backslash right before a cloze marker in a cloze's text (`C:\\{{c1::x}}`) is a
    backslash: the review takes each marker out before it reads the Markdown
    (core/content.py), so the backslash never escapes the marker's `{` there, and the
    cards of the marker's other gaps show it (`C:\\x`). Read as Markdown's escape of
    the `{`, it was lost on every card in Anki."""
    if not state.env["cloze"] or state.src[state.pos] != "\\":
        return False
    if CLOZE_MARKER.match(state.src, state.pos + 1) is None:
        return False
    if not silent:
        state.pending += "\\"
    state.pos += 1
    return True


def _spaced(token: Token, *, in_item: bool) -> bool:
    """Whether the block `token` opens has margins above and below it in Anki's card
    (Chromium's own style: a quote, code, a heading, a rule; a list, but not one in a
    list item). A table has none."""
    return token.type in _MARGINS or (token.type in _LISTS and not in_item)


class _Renderer:
    """Tokens to HTML: only the tags above, no newline between them (a newline in an
    Anki field is a space)."""

    def __init__(self, lines: Sequence[str], image: Callable[[str], str], *, loose: bool) -> None:
        self.lines = lines
        self.image = image
        self.loose = loose  # whether a loose list's paragraphs are `<p>` (not hidden)

    def blocks(self, tokens: Sequence[Token]) -> str:
        out: list[str] = []
        # Per container open (the text, a list item, a quote): its children's level,
        # whether one came yet, the line after the last one, whether the last one has
        # margins of its own in Anki (`_spaced`) and whether the container is a list
        # item. A child after a blank line is set apart with a blank line (`<br><br>`),
        # as Anki's editor writes paragraphs; so is one after lines that make no block
        # (a reference definition, `[a]: /x`), which end a paragraph in the review. Not
        # where either of the two has margins: they are the blank line there (a list
        # then text with `<br><br>` too stood three lines apart in Chromium). Text or a
        # table right after a table (which has none) is one `<br>` apart: in Chromium
        # that is the blank line (`<br><br>` two lines), and the import reads it so
        # (html_tables.py).
        containers: list[list[int]] = [[0, 0, 0, 0, 0]]
        paragraph = False  # whether the open paragraph is a `<p>`: a loose list item's
        for token in tokens:
            if token.nesting == -1:
                if token.type in _CONTAINERS_CLOSE:
                    containers.pop()
                if token.type == "paragraph_close":
                    out.append("</p>" if paragraph else "")
                else:
                    out.append(f"</{token.tag}>")
                continue
            if token.type == "inline":
                out.append(self.inline(token.children or []))
                continue
            container = containers[-1]
            in_item = bool(container[4])
            if token.type == "paragraph_open":  # a `<p>` has margins too
                paragraph = self.loose and in_item and not token.hidden
            own = token.type == "paragraph_open" and paragraph
            if token.level == container[0] and token.map is not None:
                start = token.map[0]
                apart = start > container[2] or not self.lines[start - 1].strip()
                spaced = own or _spaced(token, in_item=in_item)
                if container[1] and start and apart and not (spaced or container[3]):
                    after_table = out[-1] == "</table>" and token.type in _AFTER_TABLE
                    out.append("<br>" if after_table else "<br><br>")
                container[1:4] = 1, token.map[1], spaced
            out.append("<p>" if own else self._open(token))
            if token.type in _CONTAINERS:
                item = token.type == "list_item_open"
                containers.append([token.level + 1, 0, 0, 0, item])
        return "".join(out)

    def _open(self, token: Token) -> str:
        kind = token.type
        if kind in ("fence", "code_block"):
            language = token.info.split(maxsplit=1)[0] if token.info.strip() else ""
            attr = f' class="language-{html.escape(language)}"' if language else ""
            code = html.escape(token.content.removesuffix("\n"), quote=False)
            return f"<pre><code{attr}>{code}</code></pre>"
        if kind == "hr":
            return "<hr>"
        if kind == "paragraph_open":
            return ""
        if kind == "ordered_list_open":
            start = token.attrGet("start")
            return f'<ol start="{start}">' if start not in (None, 1) else "<ol>"
        style = token.attrGet("style")  # a table cell's alignment
        return f'<{token.tag} style="{html.escape(str(style))}">' if style else f"<{token.tag}>"

    def inline(self, tokens: Sequence[Token]) -> str:
        out: list[str] = []
        links: list[str] = []  # per link open: what closes it
        styles: list[str] = []  # the tags open, innermost last
        for at, token in enumerate(tokens):
            kind = token.type
            if kind == "math":  # as MathJax, or as written when MathJax would misread it
                mathjax = to_mathjax(token.meta["source"], token.meta["display"])
                out.append(mathjax or _text(token.content))
            elif kind == "text":
                out.append(_text(token.content))
            elif kind == "softbreak":
                out.append("\n")
            elif kind == "hardbreak":
                out.append("<br>")
                if at >= 1 and tokens[at - 1].type == "hardbreak" and at + 1 < len(tokens):
                    # Two line breaks, not a new paragraph: Anki's editor writes them so,
                    # and html.py reads them so (a browser shows no space at a line start).
                    out.append(" " if tokens[at + 1].type != "hardbreak" else "")
            elif kind == "code_inline":
                out.append(f"<code>{html.escape(token.content, quote=False)}</code>")
            elif kind == "image":
                out.append(self._image(token))
            elif kind == "link_open":
                href = str(token.attrGet("href") or "")
                if token.markup == "linkify" or not _is_web_or_mail(href):
                    links.append("")  # a bare address, or a reference not to the web: text
                elif tokens[at + 1].type == "link_close":  # no text: nothing to click on
                    out.append("[")
                    links.append(html.escape(f"]({href})", quote=False))
                else:
                    out.append(f'<a href="{html.escape(href)}">')
                    links.append("</a>")
            elif kind == "link_close":
                out.append(links.pop())
            elif kind in _INLINE_OPEN:  # italic in italic is italic: one tag
                tag = _INLINE_OPEN[kind]
                if out and out[-1] == f"</{tag}>":  # `_a_*b*`: one tag, as Markdown can say
                    out.pop()
                else:
                    out.append("" if styles.count(tag) else f"<{tag}>")
                styles.append(tag)
            elif kind in _INLINE_CLOSE:
                tag = styles.pop()
                out.append("" if styles.count(tag) else f"</{tag}>")
            else:  # nothing else is made with HTML read as text; its text, if any
                out.append(html.escape(token.content, quote=False))
        return "".join(out)

    def _image(self, token: Token) -> str:
        src = html.escape(self.image(str(token.attrGet("src") or "")))
        alt = _ESCAPE.sub(r"\1", token.content)  # as the review shows it (core/images.py)
        return f'<img src="{src}" alt="{html.escape(alt)}">' if alt else f'<img src="{src}">'
