"""The images of an Anki field, for the import (html.py): an `<img>` of a file the deck
holds as a Markdown image, any other as a line of text that says which image it was."""

from __future__ import annotations

import re
from collections.abc import Callable

from quizzer.interchange.html_escape import escape
from quizzer.interchange.html_layout import KEPT, UNSHOWN

__all__ = ["picture"]

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
"""An image source that is a URL (`https:`, `data:`, ...), not a media file name."""
_ALT_ESCAPED = re.compile(r"([\[\]\\])")
"""What an image's alt text escapes: only what would end it (the review shows an alt
text as it is where it cannot draw the image)."""


def picture(src: str, alt: str, image: Callable[[str], str | None], *, markdown: bool) -> str:
    """An `<img>`: a Markdown image of the file `image(src)` gives, its alt text on
    one line (the file's name without one), or, for a remote or inline (`data:`)
    image and a file the caller has not got, a line of text that says which image it
    was (a deck shows local files only). Not `markdown`: the image's name as text. A
    noncharacter the alt text keeps (`KEPT`) is `UNSHOWN` where it is not shown."""
    remote = _URL.match(src) is not None
    shown = "embedded image" if src[:5].lower() == "data:" else src
    unshown = UNSHOWN * alt.count(KEPT)
    if not markdown:
        return (shown if remote else src.rsplit("/", 1)[-1]) + unshown
    target = None if remote else image(src)
    if target is None:
        return escape(f"[image: {shown}]") + unshown
    alt = " ".join(alt.split()) or target.rsplit("/", 1)[-1]
    alt = _ALT_ESCAPED.sub(r"\\\1", alt)
    return f"![{alt}]({target})"
