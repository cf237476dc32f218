"""Anki's Image Occlusion notes (Anki 23.10 and later): an image with shapes drawn over
it, one card per cloze number of its shapes. A deck's card shows images, not shapes
over them, so the import draws each card's two images once, as Anki's review shows
them, and writes them beside the deck: the question (front) and the answer (back).

The note's Occlusion field holds one `{{cN::image-occlusion:SHAPE:key=value:...}}` per
shape: `rect` (left, top, width, height), `ellipse` (left, top, rx, ry: the corner of
its box and its radii), `polygon` (points: `x,y x,y ...`), each turned by `angle`
degrees about its `left, top` (the drawing's origin in Anki's editor), and `text`
(text, left, top, fs: a label, shown on every card). Positions are fractions of the
image's size; those of Anki 23.10 are pixels (a value over 1 says so). Shapes of one
number are one card's ("group"). A shape with `oi=1` (Anki's "hide all, guess one") is
hidden on every card of the note; one without shows only on its own card.

As Anki's review draws them: the question fills the card's shapes with #ff8e8e and the
other hidden ones with #ffeba2, each with a thin #212121 border; the answer leaves the
card's shapes open, outlined in #ff8e8e, the others as on the question.

The image is read once before the deck is written (`readable`): a note whose image
cannot be read is left out with the others the import cannot draw, never written with
a card that would show nothing.
"""

from __future__ import annotations

import functools
import html
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from quizzer.core.images import IMAGE_MAX_BYTES
from quizzer.core.media_names import safe_media_name
from quizzer.errors import QuizzerError
from quizzer.interchange.anki_notetypes import OCCLUSION
from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.html_escape import escaped
from quizzer.interchange.identity import numbered

if TYPE_CHECKING:
    from PIL import Image, ImageDraw

    from quizzer.interchange.apkg import AnkiCard, AnkiCollection, AnkiNote, NoteType
    from quizzer.interchange.safezip import SafeZip

__all__ = ["Drawing", "Media", "draw", "occlusion_cards", "package_images", "readable"]

_SHAPE = re.compile(r"\{\{c(\d{1,3})::image-occlusion:(\w+):(.*?)\}\}", re.DOTALL)
_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_POINT = re.compile(r"(-?[\d.]+)\s*,\s*(-?[\d.]+)")
_SIDES = {"rect": ("left", "top", "width", "height"), "ellipse": ("left", "top", "rx", "ry")}

ACTIVE, INACTIVE, BORDER, HIGHLIGHT = "#ff8e8e", "#ffeba2", "#212121", "#ff8e8e"
ASKED, SHOWN = "what the red shape hides", "the red shape's part"
"""The images' alt texts: what a terminal that draws no image shows (`o` opens it)."""


@dataclass(frozen=True, slots=True)
class Shape:
    number: int
    kind: str
    values: tuple[tuple[str, str], ...]

    def value(self, name: str, default: str = "") -> str:
        return next((value for key, value in self.values if key == name), default)

    @property
    def hides_all(self) -> bool:
        """Hidden on every card of its note, not only on its own (`oi=1`)."""
        return self.value("oi") == "1"


@dataclass(frozen=True, slots=True)
class Drawing:
    """One image a card shows: `source` (the package's media-list name) with `shapes`
    drawn as card `number`'s question shows them (its answer: `answer`), as `target`."""

    source: str
    target: str
    shapes: tuple[Shape, ...]
    number: int
    answer: bool


class Media(Protocol):
    """Where a deck's media files go (anki_decks.AnkiDeckPlan)."""

    deck_id: str

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
    extension: Callable[[str], str | None],
) -> list[tuple[int, str, Item]] | str:
    """The card items of an Image Occlusion note, one per card of `cards` that has a
    shape: (its number, its key, the item), each noting its two drawings in
    `media.drawings`. The note's key `key` is its first
    card's if its number is 1; the others add their number (`key-2`). The Occlusion
    field is the one holding shapes, the image the first other field's; of the others,
    the first (Header) goes on the front, the next (Back Extra) on the back, and any
    more on the back under their names. `extension(name)`: how the image named `name`
    in the package is drawn (`readable`). None if the note cannot be drawn: no image
    in the package, one that cannot be read, or no shape: why (the import's warning)."""
    fields, names = note.fields, note_type.fields
    at = next((i for i, field in enumerate(fields) if OCCLUSION in field), 0)
    image = next(
        (i for i, field in enumerate(fields) if i != at and image_source(field) is not None), None
    )
    if image is None:
        return "no image in the note"
    src = image_source(fields[image]) or ""
    if (name := media.media_file(src)) is None:
        return "their image is not in the package"
    if media.media_path(src) is None:
        return f"their image is over {IMAGE_MAX_BYTES // 2**20} MiB"
    if (ext := extension(name)) is None:
        return "their image cannot be read"

    def target(number: int, answer: bool) -> str:
        return f"occlusion-{numbered(key, number)}-{'answer' if answer else 'question'}.{ext}"

    drawings = drawings_of(shapes_of(fields[at]), name, {card.ord + 1 for card in cards}, target)
    if not drawings:
        return "no shape to hide that can be read"
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
        front = f"![{ASKED}]({media_path_of(media, question.target)})"
        back = f"![{SHOWN}]({media_path_of(media, answer.target)})"
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


def media_path_of(media: Media, name: str) -> str:
    return f"{media.deck_id}.media/{safe_media_name(name)}"


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
    """The `src` of the first image of the Image field's HTML."""
    match = _SRC.search(field)
    return None if match is None else html.unescape(next(g for g in match.groups() if g))


def drawings_of(
    shapes: Sequence[Shape], source: str, numbers: Iterable[int], name: Callable[[int, bool], str]
) -> dict[int, tuple[Drawing, Drawing]]:
    """The question's and the answer's drawing of each card `numbers` names that has a
    shape to hide (`name(number, answer)`: the target's name)."""
    shown = tuple(shape for shape in shapes if shape.kind == "text" or _outline(shape, (1, 1)))
    return {
        number: (
            Drawing(source, name(number, False), shown, number, answer=False),
            Drawing(source, name(number, True), shown, number, answer=True),
        )
        for number in numbers
        if any(shape.number == number and shape.kind != "text" for shape in shown)
    }


def package_images(package: SafeZip, collection: AnkiCollection) -> Callable[[str], str | None]:
    """`readable` of the package's media file of each media-list name, each read once."""

    @functools.cache
    def extension(name: str) -> str | None:
        member = collection.media.get(name)
        if member is None:
            return None
        modern = collection.modern_media
        return readable(package.read_inflated(member) if modern else package.read(member))

    return extension


def readable(data: bytes) -> str | None:
    """The extension the drawings of an image of bytes `data` are written with (`jpg`
    for a JPEG, else `png`); None if it cannot be read as an image (damaged, a format
    Pillow does not read, or more pixels than it opens: a decompression bomb)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return "jpg" if image.format == "JPEG" else "png"
    except Exception:  # Pillow raises many kinds (OSError, ValueError, SyntaxError, ...)
        return None


def draw(folder: Path, drawings: Iterable[Drawing]) -> None:
    """Write each drawing into the staging `folder`, which holds its source (as its
    `safe_media_name`). One source is open at a time: a note's drawings come together."""
    from PIL import Image

    source, image = "", None
    try:
        for drawing in drawings:
            if image is None or drawing.source != source:
                if image is not None:
                    image.close()
                with Image.open(folder / safe_media_name(drawing.source)) as opened:
                    source, image = drawing.source, _on_white(opened)
            canvas = _drawn(image, drawing)
            target = folder / safe_media_name(drawing.target)
            if drawing.target.endswith(".jpg"):
                canvas.save(target, "JPEG", quality=90)
            else:
                canvas.save(target, "PNG")
    except OSError as error:  # a full disk: the folder written, not the package
        raise QuizzerError(f"{folder.parent}: cannot write: {error.strerror or error}") from None
    finally:
        if image is not None:
            image.close()


def _on_white(image: Image.Image) -> Image.Image:
    """`image` in RGB, what is transparent in it white (as a card's page shows it)."""
    from PIL import Image

    if image.mode == "RGB":
        return image.copy()
    rgba = image.convert("RGBA")
    page = Image.new("RGB", rgba.size, "white")
    page.paste(rgba, mask=rgba.getchannel("A"))
    return page


def _drawn(image: Image.Image, drawing: Drawing) -> Image.Image:
    """A copy of `image` with `drawing`'s shapes drawn over it."""
    from PIL import ImageDraw

    canvas = image.copy()
    pen = ImageDraw.Draw(canvas)
    size = canvas.size
    scale = _scale(drawing.shapes, size)
    width = max(1, round(min(size) / 300))
    for shape in drawing.shapes:
        if shape.kind == "text":
            _label(pen, shape, scale, size)
            continue
        points = _outline(shape, scale)
        if shape.number == drawing.number and drawing.answer:
            pen.polygon(points, outline=HIGHLIGHT, width=width + 1)
        elif shape.number == drawing.number:
            pen.polygon(points, fill=ACTIVE, outline=BORDER, width=width)
        elif shape.hides_all:
            pen.polygon(points, fill=INACTIVE, outline=BORDER, width=width)
    return canvas


def _scale(shapes: Sequence[Shape], size: tuple[int, int]) -> tuple[float, float]:
    """What a shape's numbers are multiplied by: the image's size for fractions, 1 for
    pixels (Anki 23.10's: any value over 1)."""
    numbers = [_number(v) for s in shapes for k, v in s.values if k in ("left", "top")]
    pixels = any(n is not None and n > 1 for n in numbers)
    return (1.0, 1.0) if pixels else (float(size[0]), float(size[1]))


def _outline(shape: Shape, scale: tuple[float, float]) -> list[tuple[float, float]]:
    """The shape's corners in pixels (an ellipse's: 72 points on it); none if its
    numbers cannot be read."""
    sx, sy = scale
    if shape.kind == "polygon":
        points = [(_number(x), _number(y)) for x, y in _POINT.findall(shape.value("points"))]
        if len(points) < 3 or any(x is None or y is None for x, y in points):
            return []
        return [((x or 0.0) * sx, (y or 0.0) * sy) for x, y in points]
    names = _SIDES.get(shape.kind)
    numbers = [_number(shape.value(name)) for name in names or ()]
    if names is None or any(n is None for n in numbers):
        return []
    left, top, a, b = (n or 0.0 for n in numbers)
    if shape.kind == "rect":
        corners = [(0.0, 0.0), (a, 0.0), (a, b), (0.0, b)]
    else:
        steps = [2 * math.pi * i / 72 for i in range(72)]
        corners = [(a + a * math.cos(t), b + b * math.sin(t)) for t in steps]
    turn = math.radians(_number(shape.value("angle", "0")) or 0.0)
    cos, sin = math.cos(turn), math.sin(turn)
    return [((left + x * cos - y * sin) * sx, (top + x * sin + y * cos) * sy) for x, y in corners]


def _label(
    pen: ImageDraw.ImageDraw, shape: Shape, scale: tuple[float, float], size: tuple[int, int]
) -> None:
    """A text shape, black, its size `fs` (a fraction of the image's height, or pixels)."""
    from PIL import ImageFont

    left, top = _number(shape.value("left")), _number(shape.value("top"))
    if left is None or top is None or not shape.value("text"):
        return
    fs = _number(shape.value("fs", "0.05")) or 0.05
    font = ImageFont.load_default(size=max(8.0, fs * size[1] if fs <= 1 else fs))
    pen.text((left * scale[0], top * scale[1]), shape.value("text"), fill="black", font=font)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
