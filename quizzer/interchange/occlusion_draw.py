"""Image Occlusion shapes drawn over their image with Pillow (anki_occlusion.py reads
them from Anki's notes): each card's question and answer, as Anki's review draws them.
The question fills the card's shapes with #ff8e8e and the note's other shapes that hide
on every card (`oi=1`, "Hide All, Guess One") with #ffeba2, each with a thin #212121
border, and leaves the others open ("Hide One, Guess One"); the answer leaves the
card's shapes open, outlined in #ff8e8e, the others as on the question. A text shape
is drawn on every card.

Shapes: `rect` (left, top, width, height), `ellipse` (left, top, rx, ry: the corner of
its box and its radii), `polygon` (points: `x,y x,y ...`), each turned by `angle`
degrees about its `left, top` (the origin of Anki's editor), and `text` (text, left,
top, fs). Positions are fractions of the image's size; Anki 23.10's are pixels (a value
over 1 says so).

Drawing is most of an import of such notes (some 20 ms an image of 1200 x 900, its PNG
encoding most of it): images are drawn in threads (Pillow lets go of the interpreter
while it encodes), and a drawing the deck's media folder already holds (the same
image, shapes and card: its name says so, `Drawing.target`) is linked from there, not
drawn again.
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from quizzer.core.media_names import safe_media_name
from quizzer.errors import QuizzerError
from quizzer.interchange.log_worker import usable_cpus

if TYPE_CHECKING:
    from PIL import Image, ImageDraw

__all__ = ["ACTIVE", "HIGHLIGHT", "INACTIVE", "Drawing", "Shape", "draw", "readable"]

ACTIVE, INACTIVE, BORDER, HIGHLIGHT = "#ff8e8e", "#ffeba2", "#212121", "#ff8e8e"
_POINT = re.compile(r"(-?[\d.]+)\s*,\s*(-?[\d.]+)")
_SIDES = {"rect": ("left", "top", "width", "height"), "ellipse": ("left", "top", "rx", "ry")}


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

    @property
    def drawable(self) -> bool:
        """A text, or a shape whose numbers can be read."""
        return self.kind == "text" or bool(_outline(self, (1.0, 1.0)))


@dataclass(frozen=True, slots=True)
class Drawing:
    """One image a card shows: `source` (the package's media-list name) with `shapes`
    drawn as card `number`'s question shows them (its answer: `answer`), as `target`:
    a name that differs for another image, other shapes or another card."""

    source: str
    target: str
    shapes: tuple[Shape, ...]
    number: int
    answer: bool


def readable(data: bytes, *, whole: bool) -> str | None:
    """The extension the drawings of an image of bytes `data` are written with (`jpg`
    for a JPEG, else `png`); None if it cannot be read as an image (damaged, a format
    Pillow does not read, or more pixels than it opens without a warning: a
    decompression bomb). `whole`: all its pixels read (some 6 ms for 1200 x 900), else
    its header alone."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if whole:
                    image.load()
                return "jpg" if image.format == "JPEG" else "png"
    except Exception:  # Pillow raises many kinds (OSError, ValueError, SyntaxError, ...)
        return None


def draw(
    folder: Path,
    drawings: Sequence[Drawing],
    earlier: Path,
    done: Callable[[int], None] = lambda count: None,
) -> None:
    """Write each drawing into the staging `folder`, which holds its source (as its
    `safe_media_name`): linked from the `earlier` media folder when it holds it, else
    drawn, the images of each source in a thread of their own (at most one per CPU its
    container's quota gives: log_worker.usable_cpus).
    `done(count)` is told how many are written, as they are."""
    if not drawings:
        return
    kept = earlier.is_dir()
    todo = []
    pool = None
    try:
        for drawing in drawings:
            name = safe_media_name(drawing.target)
            if kept and (earlier / name).is_file() and not (earlier / name).is_symlink():
                _link(earlier / name, folder / name)
            else:
                todo.append(drawing)
        count = len(drawings) - len(todo)
        done(count)
        groups = [list(group) for _, group in groupby(todo, key=lambda d: d.source)]
        pool = ThreadPoolExecutor(max_workers=max(1, min(len(groups), usable_cpus())))
        for future in as_completed([pool.submit(_draw_all, folder, g) for g in groups]):
            count += future.result()
            done(count)
    except OSError as error:  # a full disk: the folder written, not the package
        raise QuizzerError(f"{folder.parent}: cannot write: {error.strerror or error}") from None
    finally:  # on an error or Ctrl-C, the images not begun are not drawn
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _link(old: Path, new: Path) -> None:
    try:
        os.link(old, new)
    except OSError:  # a file system without hard links
        shutil.copyfile(old, new)


def _draw_all(folder: Path, drawings: list[Drawing]) -> int:
    """Draw `drawings`, all of one source, into `folder`: how many."""
    from PIL import Image

    try:
        with Image.open(folder / safe_media_name(drawings[0].source)) as opened:
            image = _on_white(opened)
    except Exception:  # read whole before (PackageImages.whole): changed since?
        raise QuizzerError(
            f"{drawings[0].source[:60]!r}: the image of an Image Occlusion note cannot be read"
        ) from None
    try:
        for drawing in drawings:
            canvas = _drawn(image, drawing)
            target = folder / safe_media_name(drawing.target)
            if drawing.target.endswith(".jpg"):
                canvas.save(target, "JPEG", quality=90)
            else:
                canvas.save(target, "PNG")
    finally:
        image.close()
    return len(drawings)


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
