"""Where an import puts a package's media files: beside the deck that uses them, in
`<deck id>.media/`, each under a name a deck's Markdown can hold (`safe_media_name`).
The import writes them there (interchange/media.py), the export packs the sounds back
(interchange/export.py), and the review opens them (tui/card_media.py)."""

from __future__ import annotations

import hashlib
import re

__all__ = ["media_file", "media_files", "safe_media_name"]

_UNSAFE = re.compile(r"[^\w.+,=@~-]")
"""What a media file name may not hold as it is: anything but letters, digits and a few
marks (no space, bracket or `&`: a deck's Markdown image path stops at some of those)."""
_MAX_STEM = 80


def safe_media_name(name: str) -> str:
    """The file name a media file of the package is written as (names come from the
    package): no folder part, not hidden, nothing a Markdown image path cannot hold. A
    name that had to change gets a short hash of the original, so two names that clean
    to the same text (`sub/x.png` and `x.png`, `a b.png` and `a_b.png`) stay two files,
    and the same name is the same file on every import."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    clean = _UNSAFE.sub("_", base).lstrip(".")
    stem, dot, ext = clean.rpartition(".")
    if not stem or len(ext) > 12:
        stem, dot, ext = clean, "", ""
    if clean == name and len(stem) <= _MAX_STEM:
        return clean
    tag = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{stem[:_MAX_STEM] or 'media'}-{tag}{dot}{ext}"


def media_file(deck_id: str, name: str) -> str:
    """Where the copy of the package's media file `name` is, relative to the file of
    deck `deck_id`."""
    return f"{deck_id}.media/{safe_media_name(name)}"


def media_files(deck_id: str, name: str) -> list[str]:
    """Where a deck's `[sound:name]` may be, relative to its file: where an import put
    it (`media_file`), else under `name` itself (a deck written by hand)."""
    return list(dict.fromkeys((media_file(deck_id, name), f"{deck_id}.media/{name}")))
