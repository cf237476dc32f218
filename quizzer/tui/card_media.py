"""Images and math on the review screen.

A card's Markdown is shown with its math as Unicode text (core/math_text.py) and, on the
back, the LaTeX source of every formula of the card. Its images (`![alt](path)`, relative
to the deck file, core/images.py) are drawn inline with textual-image when the terminal
speaks a graphics protocol (Kitty's or Sixel); otherwise each is a line `[image: alt]`,
and `o` opens the card's first image in the system viewer. Text that cannot be rendered
is shown as written; nothing here raises on a deck's content.

textual-image asks the terminal what it supports when it is imported, which cannot
happen once the app runs: the command line imports it first (`prepare_graphics`) when
the database holds a card with an image and the output is a terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from quizzer.core.images import image_path, images
from quizzer.core.math_text import formulas, render_math, with_math
from quizzer.core.media_names import media_files
from quizzer.tui.text import clean

if TYPE_CHECKING:
    from PIL import Image as PILImage
    from textual.widget import Widget

    from quizzer.core.cards import Card

__all__ = [
    "CardMedia",
    "graphics_supported",
    "open_in_viewer",
    "prepare_graphics",
]

_GRAPHICS_MODULE = "textual_image.renderable"
_SOUND = re.compile(r"\[sound:((?:\\.|[^\]\\])+)\]")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def prepare_graphics() -> None:
    """Import textual-image while the terminal can still be asked what it draws."""
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return
    try:
        import textual_image.widget  # noqa: F401
    except Exception:  # a terminal that answers oddly: the `[image: alt]` lines then
        sys.modules.pop(_GRAPHICS_MODULE, None)


def graphics_supported() -> bool:
    """Whether images can be drawn as pictures (textual-image found Kitty's protocol or
    Sixel when `prepare_graphics` imported it)."""
    module = sys.modules.get(_GRAPHICS_MODULE)
    if module is None:
        return False
    from textual_image.renderable import SixelImage, TGPImage

    return getattr(module, "Image", None) in (SixelImage, TGPImage)


def _markdown_text(text: str) -> str:
    """`text` as Markdown that reads back as those characters."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~^$&])", r"\\\1", text)


def open_in_viewer(path: Path) -> str | None:
    """Open `path` in the system's viewer (or player), detached; the reason when it
    cannot be."""
    if sys.platform == "win32":  # pragma: no cover - not run on the CI's Linux
        os.startfile(path)  # type: ignore[attr-defined]
        return None
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    found = shutil.which(opener)
    if found is None:
        return f"no viewer found ({opener} is not installed); the file is {path}"
    try:
        subprocess.Popen(
            [found, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        return f"could not open the file: {error.strerror or error}"
    return None


@lru_cache(maxsize=8)
def _decoded(path: Path) -> PILImage.Image | None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.load()
                return image.copy()
    except Exception:  # Pillow raises many kinds on a file that is not a sound image
        return None


class CardMedia:
    """The images and math of the cards of one deck (its file: `deck_file`)."""

    def __init__(self, deck_file: str | None, *, graphics: bool | None = None) -> None:
        self.deck_file = deck_file
        self.graphics = graphics_supported() if graphics is None else graphics

    def front(self, card: Card | None) -> str:
        return self._markdown(card.shown[0]) if card is not None else ""

    def back(self, card: Card) -> str:
        """The back, then the LaTeX source of every formula of the card shown rendered
        (one left as written shows its source already), each once; a cloze's from its
        back alone (its front's are the same with the gap)."""
        front, back = card.shown
        sides = (back,) if card.kind == "cloze" else (front, back)
        sources = list(dict.fromkeys(
            f.source for text in sides for f in formulas(text)
            if render_math(f.source) is not None
        ))  # fmt: skip
        shown = self._markdown(back)
        if sources:
            lines = "\n".join(f"- `` {clean(source, one_line=True)} ``" for source in sources)
            shown += f"\n\nLaTeX:\n\n{lines}"
        return shown

    def _markdown(self, text: str) -> str:
        text = clean(text)
        parts, last = [], 0
        for ref in images(text):
            parts.append(with_math(text[last : ref.start]))
            if self._picture(ref.target) is None:
                alt = _markdown_text(clean(ref.alt, one_line=True) or ref.target)
                parts.append(f"\\[image: {alt}\\]")
            last = ref.end
        parts.append(with_math(text[last:]))
        return "".join(parts)

    def has_images(self, card: Card | None, revealed: bool) -> bool:
        return bool(self._targets(card, revealed))

    def sounds(self, card: Card | None, revealed: bool) -> list[str]:
        """The names the shown sides' `[sound:name]`s give (an Anki import's: the file is
        `<deck id>.media/` beside the deck, interchange/anki_decks.py)."""
        return [name for kind, name in self.openable(card, revealed) if kind == "sound"]

    def _targets(self, card: Card | None, revealed: bool) -> list[str]:
        if card is None:
            return []
        texts = (card.front, card.back) if revealed else (card.front,)
        return [ref.target for text in texts for ref in images(text)]

    def widgets(self, card: Card | None, revealed: bool) -> list[Widget]:
        """Picture widgets of the shown sides' images (none without graphics)."""
        if not self.graphics:
            return []
        from textual_image.widget import Image

        pictures = [self._picture(target) for target in self._targets(card, revealed)]
        return [Image(picture, classes="card-image") for picture in pictures if picture]

    def _picture(self, target: str) -> PILImage.Image | None:
        """The decoded image `target` names, when it can be drawn as a picture: graphics
        on, the file allowed (core/images.py) and an image Pillow reads whole (a broken
        or oversized one is its `[image: alt]` line instead of a crash while drawing)."""
        if not self.graphics or self.deck_file is None:
            return None
        path = image_path(self.deck_file, target)
        if isinstance(path, str):
            return None
        return _decoded(path)

    def openable(self, card: Card | None, revealed: bool) -> list[tuple[str, str]]:
        """What `o` opens on the shown sides, in turn, in the order they stand on the
        card (the front's, then the back's): each image and sound, as ("image", its
        target) or ("sound", its name)."""
        if card is None:
            return []
        found: list[tuple[int, int, str, str]] = []
        for side, text in enumerate((card.front, card.back) if revealed else (card.front,)):
            found += [(side, ref.start, "image", ref.target) for ref in images(text)]
            if "[sound:" in text:
                found += [(side, sound.start(), "sound", _UNESCAPE.sub(r"\1", sound[1]))
                          for sound in _SOUND.finditer(text)]  # fmt: skip
        return [(kind, name) for _, _, kind, name in sorted(found)]

    def open(
        self,
        card: Card,
        item: tuple[str, str],
        opener: Callable[[Path], str | None] = open_in_viewer,
    ) -> str | None:
        """Open an `openable` item of `card` with `opener` (the system's viewer or player
        unless told); the reason when it cannot be."""
        if self.deck_file is None:
            return "the deck has no file"
        kind, name = item
        if kind == "image":
            path = image_path(self.deck_file, name)
            return path if isinstance(path, str) else opener(path)
        files = media_files(card.deck_id, name)
        found = [path for f in files if isinstance(path := image_path(self.deck_file, f), Path)]
        if not found:
            return f"the sound {name[:60]!r} has no file beside the deck ({files[0][:80]})"
        return opener(found[0])
