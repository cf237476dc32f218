"""The pictures of a card's shown sides, under its text (terminals with a graphics
protocol only; elsewhere the card text holds an `[image: alt]` line: tui/card_media.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.containers import Vertical

from quizzer.tui.card_media import CardMedia, open_in_viewer

if TYPE_CHECKING:
    from quizzer.core.cards import Card

__all__ = ["CardImages"]


class CardImages(Vertical):
    """Holds the current card's pictures; `show` replaces them."""

    DEFAULT_CSS = """
    CardImages { height: auto; }
    CardImages > .card-image { width: auto; height: 12; }
    """

    def __init__(self, deck_file: str | None, card: Card | None, *, id: str | None = None) -> None:
        self.media = CardMedia(deck_file)
        self._opened: tuple[str, bool, int] | None = None  # the card, side and item `o` opened
        super().__init__(*self.media.widgets(card, False), id=id)

    def opens(self, card: Card | None, revealed: bool) -> bool:
        """Whether the shown sides of `card` have an image or a sound (`o` opens it)."""
        return self.media.has_images(card, revealed) or bool(self.media.sounds(card, revealed))

    def hint(self, card: Card | None, revealed: bool) -> str:
        """What the hint line adds for `o` on `card`."""
        if self.media.has_images(card, revealed):
            return " · o open image"
        return " · o play sound" if self.media.sounds(card, revealed) else ""

    async def show(self, card: Card | None, revealed: bool) -> None:
        await self.remove_children()
        await self.mount_all(self.media.widgets(card, revealed))

    def open_next(self, card: Card | None, revealed: bool) -> str:
        """o: the shown sides' images in the system viewer and sounds in its player, one
        a press, in turn (the first again once the side changes); what happened."""
        items = self.media.openable(card, revealed)
        if card is None or not items:
            return "this card has no image or sound"
        last = self._opened
        turn = last[2] + 1 if last is not None and last[:2] == (card.id, revealed) else 0
        turn %= len(items)
        self._opened = (card.id, revealed, turn)
        web = self.app.is_web
        problem = self.media.open(card, items[turn], self._to_browser if web else open_in_viewer)
        if problem:
            return problem
        image = items[turn][0] == "image"
        if web:
            opened = f"{'image' if image else 'sound'} in a new browser tab"
        else:
            opened = "image in the image viewer" if image else "sound in the system's player"
        more = f" ({turn + 1} of {len(items)}; o again for the next)" if len(items) > 1 else ""
        return f"Opened the {opened}{more}."

    def _to_browser(self, path: Path) -> str | None:
        """Send `path` to the browser of `quizzer serve`, which opens it in a new tab
        (served under a policy that runs nothing: web/server.py); the reason when it
        cannot be read."""
        try:
            self.app.deliver_binary(path, open_method="browser")
        except OSError as error:
            return f"could not open the file: {error.strerror or error}"
        return None
