"""quizzer Markdown -> the simple HTML an Anki field holds (for export).

Paragraphs, line breaks, bold, italic, inline code, fenced code blocks, lists, images
and links to the web or to mail (`[text](https://...)`, `mailto:`; a link of any other
scheme, or a relative one, stays text); everything else is kept as escaped text.
`html.html_to_markdown` reads this HTML back to the same Markdown for these constructs,
so a deck survives the round trip.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

__all__ = ["LINK_SCHEMES", "markdown_to_html"]

_FENCE = re.compile(r"^```([\w+-]*)[^\n]*\n(.*?)\n?```[ \t]*$", re.S | re.M)
_LIST_ITEM = re.compile(r"^( *)([-*+]|\d+[.)]) (.*)$")
_CODE = re.compile(r"\\.|`([^`]+)`", re.S)
"""A code span, or an escaped character, which is passed over (an escaped backtick
opens no span)."""
_IMAGE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\]\(([^)\s]+)\)")  # `\]` does not end the alt text
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_LINK = re.compile(
    r"\\.|`[^`]+`|!\[(?:[^\]\\]|\\.)*\]\([^)\s]+\)"
    r"|\[(?P<text>(?:`[^`]+`|!\[(?:[^\]\\]|\\.)*\]\([^)\s]+\)|\\.|\[(?:[^\[\]\\`]|\\.)*\]|[^\[\]\\`]|`)++)\]"
    r"\((?P<href>(?:[^)\s\\]|\\.)+)\)"
)
r"""A link: its text (in which an escape, a code span, an image or a pair of brackets
is one piece: `\]` there does not end it) and its destination (no title, no spaces);
or an escape, a code span or an image outside a link, passed over (`\[` opens no link).
The text's pieces are taken possessively: a backtick opens a code span when one closes,
as CommonMark reads it, and a line of many backticks takes no time to try."""
_LINK_MARK = re.compile("\x02(o|\\d+)\x02")
LINK_SCHEMES = re.compile(r"(?:https?|mailto):", re.I)
"""The links that are links both ways (export and import): to the web and to mail. A
`javascript:`, `file:` or relative link stays text."""
_MARK_CHARS = re.compile("[\x00\x01]")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # any ASCII punctuation, as in CommonMark


def markdown_to_html(text: str, image: Callable[[str], str]) -> str:
    """`text` as HTML; `image(path)` gives the `src` an image path is exported as."""
    blocks: list[str] = []
    at = 0
    for fence in _FENCE.finditer(text):
        blocks += _paragraphs(text[at : fence.start()], image)
        language = f' class="language-{fence.group(1)}"' if fence.group(1) else ""
        code = html.escape(fence.group(2), quote=False)
        blocks.append(f"<pre><code{language}>{code}</code></pre>")
        at = fence.end()
    blocks += _paragraphs(text[at:], image)
    html_text = "<br><br>".join(block for block in blocks if block)
    # U+001F separates the fields of an Anki note: in a field, only as a reference.
    return html_text.replace("\x1f", "&#31;") if "\x1f" in html_text else html_text


def _paragraphs(text: str, image: Callable[[str], str]) -> list[str]:
    return [_block(part, image) for part in re.split(r"\n\s*\n", text.strip("\n")) if part.strip()]


def _block(text: str, image: Callable[[str], str]) -> str:
    lines = text.split("\n")
    if _LIST_ITEM.match(lines[0]) and all(
        _LIST_ITEM.match(line) or line.startswith("  ") for line in lines
    ):
        return _list(lines, image)
    out: list[str] = []
    for line in lines:  # a paragraph line's leading spaces are not text (CommonMark)
        text, hard = _hard_break(line.lstrip(" \t"))
        out.append(_inline(text, image) + ("<br>" if hard else "\n"))
    return "".join(out)[: -4 if out[-1].endswith("<br>") else -1]


def _hard_break(line: str) -> tuple[str, bool]:
    """The line without its hard-break mark (a backslash not itself escaped, or two
    spaces, at its end), and whether it had one: a hard break is a `<br>`, a plain
    newline (a soft break, shown as a space) stays a newline."""
    body = line.rstrip("\\")
    if (len(line) - len(body)) % 2:
        return line[:-1], True
    if line.endswith("  "):
        return line.rstrip(" "), True
    return line, False


def _list(lines: list[str], image: Callable[[str], str]) -> str:
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (indent, tag)
    hard = False  # the line above ended with a hard break mark
    for line in lines:
        match = _LIST_ITEM.match(line)
        if match is None:  # a continuation line of the item above
            text, next_hard = _hard_break(line.strip())
            out.append(("<br>" if hard else "\n") + _inline(text, image))
            hard = next_hard
            continue
        indent, marker, body = len(match.group(1)), match.group(2), match.group(3)
        tag = "ul" if marker in "-*+" else "ol"
        while stack and stack[-1][0] > indent:
            out.append(f"</li></{stack.pop()[1]}>")
        if stack and stack[-1] == (indent, "ul" if tag == "ol" else "ol"):
            out.append(f"</li></{stack.pop()[1]}>")  # a new kind of list: a new list
        if not stack or stack[-1][0] < indent:
            stack.append((indent, tag))
            out.append(f"<{tag}><li>")
        else:
            out.append("</li><li>")
        text, hard = _hard_break(body)
        out.append(_inline(text, image))
    while stack:
        out.append(f"</li></{stack.pop()[1]}>")
    return "".join(out)


def _inline(text: str, image: Callable[[str], str]) -> str:
    """One line: links to the web or to mail first (their text styled as the rest),
    passing over escapes, code spans and images, which a link's text may hold."""
    if "](" not in text:  # most lines: no link
        return _spans(text, image)
    links: list[str] = []

    def keep_link(link: re.Match[str]) -> str:
        if link.group("text") is None:  # an escape, a code span or an image: no link
            return link.group(0)
        href = _ESCAPE.sub(r"\1", link.group("href"))
        if LINK_SCHEMES.match(href) is None:
            return link.group(0)  # stays text
        links.append(f'<a href="{html.escape(href)}">{_spans(link.group("text"), image)}</a>')
        return f"\x02{len(links) - 1}\x02"

    # Each link is a mark while the line is styled (emphasis may hold a link); the
    # line's own \x02, which the marks are made of, another mark.
    text = _LINK.sub(keep_link, text.replace("\x02", "\x02o\x02"))
    styled = _spans(text, image)
    return _LINK_MARK.sub(lambda m: links[int(m[1])] if m[1] != "o" else "\x02", styled)


def _spans(text: str, image: Callable[[str], str]) -> str:
    """Code spans first (their text is literal), then the rest."""
    parts: list[str] = []
    at = 0
    for code in _CODE.finditer(text):
        if code.group(1) is None:  # an escaped character (`\``): no span starts there
            continue
        parts.append(_styled(text[at : code.start()], image))
        parts.append(f"<code>{html.escape(code.group(1), quote=False)}</code>")
        at = code.end()
    parts.append(_styled(text[at:], image))
    return "".join(parts)


def _styled(text: str, image: Callable[[str], str]) -> str:
    images: list[str] = []

    def keep_image(match: re.Match[str]) -> str:
        text = _ESCAPE.sub(r"\1", match.group(1))  # the alt text as written, unescaped
        alt = f' alt="{html.escape(text)}"' if text else ""
        images.append(f'<img src="{html.escape(image(match.group(2)))}"{alt}>')
        return f"\x00{len(images) - 1}\x00"

    escapes: list[str] = []

    def keep_escape(match: re.Match[str]) -> str:
        escapes.append(match.group(match.lastindex or 0))
        return f"\x01{len(escapes) - 1}\x01"

    # The text's own \x00 and \x01 are kept aside first, as the marks are made of them;
    # images are put back before the escapes, which their alt texts may hold.
    text = _MARK_CHARS.sub(keep_escape, text)
    text = _ESCAPE.sub(keep_escape, _IMAGE.sub(keep_image, text))
    text = html.escape(text, quote=False)
    text = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", text)
    text = _ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", text)
    text = re.sub("\x00(\\d+)\x00", lambda m: images[int(m.group(1))], text)
    return re.sub("\x01(\\d+)\x01", lambda m: html.escape(escapes[int(m.group(1))]), text)
