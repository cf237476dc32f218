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
_START = re.compile(r"<(audio|video|iframe)(?=[\t\n\r\f />])([^>]*)>", re.I)
_END = {name: re.compile(rf"</{name}[\t\n\r\f ]*>", re.I) for name in ("audio", "video", "iframe")}
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
    """`html` with each audio, video or embedded page as its text (the module's): the
    element up to its end tag, or its start tag alone when it has none (the text after
    it kept). Each end tag is searched for once, whatever the number of start tags."""
    parts: list[str] = []
    at = 0
    ends: dict[str, re.Match[str] | None] = {}  # per name: its next end tag (None: no more)
    for found in _START.finditer(html):
        if found.start() < at:
            continue  # in the element before it, which is replaced whole
        name = found[1].lower()
        end = ends.get(name, found)  # (`found`: not searched yet)
        if end is not None and end.start() < found.end():
            end = ends[name] = _END[name].search(html, found.end())
        inside = html[found.end() : end.start()] if end is not None else ""
        parts += [html[at : found.start()], _as_text(name, found[2], inside)]
        at = end.end() if end is not None else found.end()
    return "".join(parts) + html[at:] if parts else html


def _as_text(name: str, attributes: str, inside: str) -> str:
    sources = (_src(source) for source in _SOURCE.findall(inside))
    src = _src(attributes) or next((s for s in sources if s), "")
    if _WEB.match(src):
        address = escape(src)
        return f'<a href="{address}">{address}</a>'
    if not src or name == "iframe" or ":" in src.split("/", 1)[0]:
        return ""  # (a page of the package, or `data:`: nothing a deck can show)
    return escape(f"[sound:{src}]", quote=False)


def _src(attributes: str) -> str:
    found = _SRC.search(attributes)
    if found is None:
        return ""
    value = next(v for v in found.groups() if v is not None)
    return url_read(unescape(value))
