"""Images in card text: Markdown `![alt](path)`, the path relative to the deck file.

An image may only be a regular file inside the deck's folder (after following links: a
deck cannot show or open `/etc/passwd` or `../../secret.png`), no URL, at most
IMAGE_MAX_BYTES. `images` finds a text's images and `image_path` gives the file to show
or open, or why there is none: the review, the export and `quizzer check` (which reports
what breaks those rules with the line and column in the deck file: loader/deck_images.py)
all use these two.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from quizzer.core.files import regular_file_kind

__all__ = ["IMAGE_MAX_BYTES", "ImageRef", "image_path", "images"]

IMAGE_MAX_BYTES = 20 * 1024 * 1024
_IMAGE = re.compile(
    r"(?<!\\)!\[(?P<alt>(?:[^\]\\\n]|\\.)*)\]\(\s*"
    r"(?:<(?P<angled>[^<>\n]*)>|(?P<target>[^)\s<>]*))(?:\s+\"[^\"\n]*\")?\s*\)"
)
r"""`![alt](target)`, as Markdown reads it: not after a backslash (`\![` is text), an
escaped character (`\]`) inside the alt text does not end it, and a path in angle
brackets (`<img/cell 1.png>`) may hold spaces."""
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class ImageRef:
    """One `![alt](target)` of a text, at `start`..`end`."""

    alt: str
    target: str
    start: int
    end: int


def images(text: str) -> list[ImageRef]:
    return [
        ImageRef(
            _UNESCAPE.sub(r"\1", m.group("alt")),
            m.group("target") if m.group("angled") is None else m.group("angled"),
            m.start(),
            m.end(),
        )
        for m in _IMAGE.finditer(text)
    ]


def image_path(deck_file: str | Path, target: str) -> Path | str:
    """The image file `target` names, relative to `deck_file`; a str says why not."""
    if not target:
        return "the image has no path"
    if _URL.match(target) and not re.match(r"^[a-zA-Z]:[\\/]", target):
        return f"{target!r} is not a file in the deck's folder (images are local files)"
    if os.path.isabs(target):
        return f"{target!r} is an absolute path; give it relative to the deck file"
    folder = os.path.realpath(os.path.dirname(os.path.abspath(deck_file)))
    path = os.path.realpath(os.path.join(folder, target))
    if os.path.commonpath([path, folder]) != folder:
        return f"{target!r} is outside the deck's folder"
    try:
        info = os.stat(path)
    except OSError:
        return f"image {target!r} not found"
    kind = regular_file_kind(info.st_mode)
    if kind is not None:
        return f"image {target!r} is {kind}, not a file"
    if info.st_size > IMAGE_MAX_BYTES:
        return f"image {target!r} is too large (at most {IMAGE_MAX_BYTES // 1024 // 1024} MiB)"
    if not os.access(path, os.R_OK):
        return f"image {target!r} cannot be read"
    return Path(path)
