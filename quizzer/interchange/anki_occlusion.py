"""Anki's Image Occlusion notes (Anki 23.10 and later): an image with shapes drawn over
it, one card per cloze number of its shapes. A deck's card shows images, not shapes
over them, so each card comes in as a card item whose front is its question's image and
whose back its answer's, which the import draws (occlusion_draw.py) and writes into the
deck's media folder.

The note's Occlusion field holds one `{{cN::image-occlusion:SHAPE:key=value:...}}` per
shape; shapes of one number are one card's (a group). The image is read once before the
deck is written (`package_images`): a note whose image cannot be read, or that has no
shape that can be, is left out with a warning, never written with a card that would
show nothing.

A drawing's name holds a digest of its image's bytes, its shapes and its card: the same
at each import while those stay, so importing again links the drawings the deck's
media folder holds rather than drawing them again.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol
from urllib.parse import unquote

from quizzer.core.images import IMAGE_MAX_BYTES
from quizzer.core.media_names import media_file, safe_media_name
from quizzer.interchange.anki_notetypes import OCCLUSION
from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.html_escape import escaped
from quizzer.interchange.identity import numbered
from quizzer.interchange.occlusion_draw import Drawing, Shape, readable

if TYPE_CHECKING:
    from quizzer.interchange.apkg import AnkiCard, AnkiCollection, AnkiNote, NoteType
    from quizzer.interchange.safezip import SafeZip

__all__ = ["Image", "Media", "PackageImages", "occlusion_cards"]

_SHAPE = re.compile(r"\{\{c(\d{1,3})::image-occlusion:(\w+):(.*?)\}\}", re.DOTALL)
_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_STYLE = "1"
"""The drawings' style: a new one (other colours, say) names every drawing anew."""

ASKED, SHOWN = "what the red shape hides", "the red shape's part"
"""The images' alt texts: what a terminal that draws no image shows (`o` opens it)."""


class Image(NamedTuple):
    """An image of the package that can be drawn on: the extension its drawings are
    written with (occlusion_draw.readable) and a digest of its bytes."""

    extension: str
    digest: str


class Media(Protocol):
    """Where a deck's media files go (anki_decks.AnkiDeckPlan)."""

    deck_id: str
    known: Mapping[str, str]
    sizes: Mapping[str, int]
    drawings: list[Drawing]

    def media_file(self, src: str) -> str | None: ...
    def media_path(self, src: str) -> str | None: ...


Item = dict[str, Any]


def occlusion_cards(
    note: AnkiNote,
    note_type: NoteType,
    cards: Iterable[AnkiCard],
    key: str,
    media: Media,
    images: PackageImages,
) -> list[tuple[int, str, Item]] | str:
    """The card items of an Image Occlusion note, one per card of `cards` that has a
    shape: (its number, its key, the item), each noting its two drawings in
    `media.drawings`. Card 1 keeps the note's key `key`, the others add their number
    (`key-2`). The Occlusion field is the one holding shapes, the image the first other
    field's; of the others, the first (Header) goes on the front, the next (Back Extra)
    on the back, and any more (Comments, which Anki's cards do not show) on the back
    under their names. `images`: the package's images. If the note cannot be drawn (no
    image in the package, one that cannot be read, no shape): why, for the import's
    warning."""
    fields, names = note.fields, note_type.fields
    at = next((i for i, field in enumerate(fields) if OCCLUSION in field), 0)
    image = next(
        (i for i, field in enumerate(fields) if i != at and image_source(field) is not None), None
    )
    if image is None:
        return "no image in the note"
    src = image_source(fields[image]) or ""
    name = src if src in media.known else unquote(src)  # (as media_file reads it)
    if name not in media.known:
        return "their image is not in the package"
    if media.sizes.get(name, 0) > IMAGE_MAX_BYTES:
        return f"their image is over {IMAGE_MAX_BYTES // 2**20} MiB"
    if (image_of := images.image(name)) is None:
        return "their image cannot be read"
    drawings = drawings_of(shapes_of(fields[at]), name, {card.ord + 1 for card in cards},
                           _namer(key, image_of))  # fmt: skip
    if not drawings:
        return "no shape to hide that can be read"
    targets = [drawing.target for pair in drawings.values() for drawing in pair]
    if not all(images.drawn(media.deck_id, t) for t in targets) and not images.whole(name):
        return "their image cannot be read"
    media.media_file(src)  # noted for copying: its drawings are drawn from it
    others = [i for i in range(len(fields)) if i not in (at, image)]
    rest = [html_to_markdown(fields[i], media.media_path) for i in others]
    labels = [names[i] if i < len(names) else "" for i in others]
    header, extra = [*rest, "", ""][:2]
    more = [
        f"**{escaped(label)}:** {text}"
        for label, text in zip(labels[2:], rest[2:], strict=False)
        if text and escaped(label)
    ]
    made = []
    for number, (question, answer) in drawings.items():
        front = f"![{ASKED}]({media_file(media.deck_id, question.target)})"
        back = f"![{SHOWN}]({media_file(media.deck_id, answer.target)})"
        own = key if number == 1 else numbered(key, number)
        item: Item = {
            "id": own,
            "front": "\n\n".join(filter(None, [header, front])),
            "back": "\n\n".join(filter(None, [back, extra, *more])),
        }
        if note.tags:
            item["tags"] = list(note.tags)
        made.append((number, own, item))
        media.drawings.extend((question, answer))
    return made


def shapes_of(field: str) -> list[Shape]:
    """The shapes an Occlusion field holds (its HTML's `<br>` between them)."""
    shapes = []
    for match in _SHAPE.finditer(field):
        values: list[tuple[str, str]] = []
        for piece in match.group(3).split(":"):
            name, equals, value = piece.partition("=")
            if equals and name.strip().isidentifier():
                values.append((name.strip(), html.unescape(value)))
            elif values:  # a `:` inside a value (a label's text)
                values[-1] = (values[-1][0], f"{values[-1][1]}:{html.unescape(piece)}")
        shapes.append(Shape(int(match.group(1)), match.group(2), tuple(values)))
    return shapes


def image_source(field: str) -> str | None:
    """The `src` of the first image of the Image field's HTML (None: none, or empty)."""
    match = _SRC.search(field)
    src = "" if match is None else html.unescape(next((g for g in match.groups() if g), ""))
    return src or None


def _namer(key: str, image: Image) -> Callable[[tuple[Shape, ...], int, bool], str]:
    """The name of a drawing of the note of key `key` on `image`: of its shapes, for its
    card `number`, its answer or its question."""

    def name(shapes: tuple[Shape, ...], number: int, answer: bool) -> str:
        side = "answer" if answer else "question"
        made = f"{_STYLE}|{image.digest}|{shapes!r}|{number}|{side}".encode()
        digest = hashlib.sha1(made, usedforsecurity=False).hexdigest()[:10]
        return f"occlusion-{numbered(key, number)}-{side}-{digest}.{image.extension}"

    return name


def drawings_of(
    shapes: Sequence[Shape],
    source: str,
    numbers: Iterable[int],
    name: Callable[[tuple[Shape, ...], int, bool], str],
) -> dict[int, tuple[Drawing, Drawing]]:
    """The question's and the answer's drawing of each card `numbers` names that has a
    shape to hide (`name(shapes, number, answer)`: the drawing's name)."""
    shown = tuple(shape for shape in shapes if shape.drawable)
    return {
        number: (
            Drawing(source, name(shown, number, False), shown, number, answer=False),
            Drawing(source, name(shown, number, True), shown, number, answer=True),
        )
        for number in numbers
        if any(shape.number == number and shape.kind != "text" for shape in shown)
    }


class PackageImages:
    """The package's images that Image Occlusion notes are drawn on, each read once:
    its header first (`image`), all of it only where a drawing of it is to be made
    (`whole`): importing again draws nothing, and reads no image whole."""

    def __init__(self, package: SafeZip, collection: AnkiCollection, folder: Path) -> None:
        self._package, self._collection, self._folder = package, collection, folder
        self._images: dict[str, Image | None] = {}
        self._whole: dict[str, bool] = {}

    def image(self, name: str) -> Image | None:
        """The image of media-list name `name`; None: no such file, or no image."""
        if name not in self._images:
            data = self._read(name)
            extension = None if data is None else readable(data, whole=False)
            digest = "" if data is None else hashlib.sha1(data, usedforsecurity=False).hexdigest()
            self._images[name] = None if extension is None else Image(extension, digest)
        return self._images[name]

    def whole(self, name: str) -> bool:
        """Whether each pixel of the image `name` can be read."""
        if name not in self._whole:
            data = self._read(name)
            self._whole[name] = data is not None and readable(data, whole=True) is not None
        return self._whole[name]

    def drawn(self, deck_id: str, target: str) -> bool:
        """Whether the deck's media folder in the import's folder holds the drawing
        `target` (named by what it is drawn from: occlusion_draw.Drawing)."""
        return (self._folder / f"{deck_id}.media" / safe_media_name(target)).is_file()

    def _read(self, name: str) -> bytes | None:
        """The file's bytes, read again each time: what is kept of an image is what was
        found in it (a deck of a thousand images would otherwise hold them all)."""
        member = self._collection.media.get(name)
        if member is None:
            return None
        if self._collection.modern_media:
            return self._package.read_inflated(member)
        return self._package.read(member)
