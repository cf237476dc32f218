"""Audio, video and embedded pages in a note's HTML, which a terminal does not play,
kept as text the learner sees instead of dropped without a word: an `<audio>` or
`<video>` of a file in the package is Anki's own `[sound:name]` (which Anki plays, audio
or video alike, and which the import keeps as text and copies beside the deck, as it
does a note's sounds); one of an address on the web, or an `<iframe>` (a video site's
player), is a link to it.

Read as a browser reads the element: its `src`, else its first `<source src>`; what it
holds for a browser that plays nothing is not shown, as Anki's reviewer shows none."""

from __future__ import annotations

import re
from html import escape, unescape

from quizzer.interchange.html_controls import url_read

__all__ = ["has_media", "media_as_text"]

_MEDIA = re.compile(r"<(?:audio|video|iframe)(?=[\t\n\r\f />])", re.I)
_ELEMENT = re.compile(
    r"<(audio|video|iframe)(?=[\t\n\r\f />])([^>]*)>(?:(.*?)</\1[\t\n\r\f ]*>)?", re.I | re.S
)
"""An element, its attributes, and what it holds up to its end tag (none: it has none)."""
_SOURCE = re.compile(r"<source(?=[\t\n\r\f />])([^>]*)>", re.I)
_SRC = re.compile(
    r"""(?:^|[\t\n\r\f /])src[\t\n\r\f ]*=[\t\n\r\f ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\r\f >]+))""",
    re.I,
)
_WEB = re.compile(r"https?://", re.I)


def has_media(html: str) -> bool:
    """Whether `html` holds an `<audio>`, `<video>` or `<iframe>`."""
    return "<" in html and _MEDIA.search(html) is not None


def media_as_text(html: str) -> str:
    """`html` with each audio, video or embedded page as its text (the module's)."""
    return _ELEMENT.sub(_as_text, html)


def _as_text(found: re.Match[str]) -> str:
    sources = (_src(attributes) for attributes in _SOURCE.findall(found[3] or ""))
    src = _src(found[2]) or next((s for s in sources if s), "")
    if _WEB.match(src):
        address = escape(src)
        return f'<a href="{address}">{address}</a>'
    if not src or found[1].lower() == "iframe" or ":" in src.split("/", 1)[0]:
        return ""  # (a page of the package, or `data:`: nothing a deck can show)
    return escape(f"[sound:{src}]", quote=False)


def _src(attributes: str) -> str:
    found = _SRC.search(attributes)
    if found is None:
        return ""
    value = next(v for v in found.groups() if v is not None)
    return url_read(unescape(value))
