"""The `<img>` tags of a `#html:true` text file, kept as their names in text.

A text file brings no image files (Anki's importer looks them up in its own media
folder), and a deck may not name an image it does not have: `quizzer check` would
refuse the deck written. So each tag becomes the text `(image: name)` before the HTML is
converted, which then escapes it as any other text. A noncharacter or a control
character in the name is percent-encoded, as a browser requests the file and the Anki
import names it (html_controls.py: `addresses_encoded`).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from quizzer.interchange.html_controls import addresses_encoded, url_read
from quizzer.interchange.html_tokens import first_values

__all__ = ["images_as_text"]


class _ImageTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, str]] = []
        """(the tag as written, its src) of each `<img>`."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            src = url_read(dict(first_values(attrs)).get("src") or "")
            self.tags.append((self.get_starttag_text() or "", src))


def images_as_text(source: str) -> tuple[str, list[str]]:
    """`source` with each `<img>` as `(image: name)` (dropped when it names none), and
    the names."""
    if "<img" not in source.lower():
        return source, []
    source = addresses_encoded(source)
    parser = _ImageTags()
    parser.feed(source)
    parser.close()
    names: list[str] = []
    for written, src in parser.tags:
        name = _shown_name(src)
        shown = html.escape(f"(image: {name})") if name else ""
        source = source.replace(written, shown, 1)
        if name:
            names.append(name)
    return source, names


def _shown_name(src: str) -> str:
    """The file name an image source names, as text: its last path part, printable."""
    base = src.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(ch for ch in base if ch.isprintable())
