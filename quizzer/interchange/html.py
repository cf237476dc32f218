"""Anki field HTML -> quizzer Markdown (deck-format.md: every text is Markdown).

Kept: bold and italic, line breaks and paragraphs, lists, code (inline and `<pre>` as a
fenced block), images (as Markdown images pointing into the deck's media folder).
Everything else is dropped to its text, entities decoded (`&nbsp;` becomes a space).
Characters Markdown would read as markup are escaped, so the text reads as it did.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

__all__ = ["SOUND", "html_to_markdown", "plain_text"]

SOUND = re.compile(r"\[sound:([^\]]+)\]")
_ESCAPED = re.compile(r"([\\`*]|<(?=[A-Za-z/!?])|(?<!\w)_|_(?!\w))")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s)", re.M)
_BLOCKS = frozenset({"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table"})


def plain_text(html: str) -> str:
    """The field's text without any markup (for warnings and sort keys)."""
    return _Converter(lambda name: name, markdown=False).convert(html)


def html_to_markdown(html: str, image: Callable[[str], str]) -> str:
    """`html` as Markdown; `image(src)` gives the path an `<img src>` is written as."""
    if "<" not in html and "&" not in html:  # plain text: no parser needed
        return _escape(re.sub(r"[ \t\r\n]+", " ", html)).strip()
    return _Converter(image, markdown=True).convert(html)


class _Converter(HTMLParser):
    def __init__(self, image: Callable[[str], str], *, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._image = image
        self._markdown = markdown
        self._out: list[str] = []
        self._pre = 0
        self._code = 0
        self._lists: list[list[int]] = []  # per open list: [next number] or [] for bullets

    def convert(self, html: str) -> str:
        self.feed(html)
        self.close()
        text = "".join(self._out).replace("\xa0", " ")
        lines = [line.rstrip() for line in text.split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
        return text.strip("\n").strip()

    # -- events ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        md = self._markdown
        if tag == "br":
            self._out.append("\n" + "  " * len(self._lists))
        elif tag in _BLOCKS or (tag == "li" and not self._lists):
            self._block()
        elif tag in ("b", "strong") and md:
            self._out.append("**")
        elif tag in ("i", "em") and md:
            self._out.append("*")
        elif tag == "code" and md and self._pre and "".join(self._out).endswith("```\n"):
            language = (dict(attrs).get("class") or "").removeprefix("language-")
            if re.fullmatch(r"[\w+-]+", language):
                self._out[-1] = self._out[-1].replace("```\n", f"```{language}\n")
        elif tag == "code" and md and not self._pre:
            self._out.append("`")
            self._code += 1
        elif tag == "pre":
            self._block()
            self._out.append("```\n" if md else "")
            self._pre += 1
        elif tag in ("ul", "ol"):
            self._block() if not self._lists else self._out.append("\n")
            self._lists.append([1] if tag == "ol" else [])
        elif tag == "li" and self._lists:
            depth = "  " * (len(self._lists) - 1)
            numbers = self._lists[-1]
            bullet = f"{numbers[0]}." if numbers else "-"
            if numbers:
                numbers[0] += 1
            self._line()
            self._out.append(f"{depth}{bullet} " if md else depth)
        elif tag == "img":
            src = dict(attrs).get("src") or ""
            if src:
                name = src.rsplit("/", 1)[-1]
                self._out.append(f"![{_escape(name)}]({self._image(name)})" if md else name)

    def handle_endtag(self, tag: str) -> None:
        md = self._markdown
        if tag in _BLOCKS:
            self._block()
        elif tag in ("b", "strong") and md:
            self._out.append("**")
        elif tag in ("i", "em") and md:
            self._out.append("*")
        elif tag == "code" and md and not self._pre:
            self._out.append("`")
            self._code = max(0, self._code - 1)
        elif tag == "pre" and self._pre:
            self._pre -= 1
            self._line()
            self._out.append("```\n\n" if md else "\n")
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
            if not self._lists:
                self._block()

    def handle_data(self, data: str) -> None:
        if self._pre:
            self._out.append(data.replace("\t", "    "))
            return
        text = re.sub(r"[ \t\r\n]+", " ", data)
        if self._markdown and not self._code:
            text = _escape(text)
        self._out.append(text)

    # -- layout ---------------------------------------------------------------------

    def _line(self) -> None:
        if self._out and not "".join(self._out[-2:]).endswith("\n"):
            self._out.append("\n")

    def _block(self) -> None:
        if self._out:
            self._out.append("\n\n")


def _escape(text: str) -> str:
    text = _ESCAPED.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2", text)
