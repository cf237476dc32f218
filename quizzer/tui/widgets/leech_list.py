"""The stats screen's list of leeches: each card's front on one line (as its Markdown
shows, as the deck map draws it: tui/markdown_line.py; its math rendered, as a few
leeches afford), its lapses, and whether it is out of the schedule. Enter opens the
card, `e` edits it in $EDITOR, `b` brings a retired leech back; the widget only says
which, in a `Chosen` message."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from quizzer.core.cards import Card

__all__ = ["LeechList"]

Choice = Literal["open", "edit", "bring_back"]
FRONT_CELLS = 120
"""A front's first line is cut there (a wider list crops it)."""


class LeechList(OptionList):
    """Leeches, most lapses first; the option ids are card ids."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "choose('edit')", "Edit leech", tooltip="edit the card in $EDITOR"),
        Binding("b", "choose('bring_back')", "Back in schedule", tooltip="un-retire it"),
    ]

    class Chosen(Message):
        def __init__(self, card: Card, choice: Choice) -> None:
            super().__init__()
            self.card = card
            self.choice = choice

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._cards: dict[str, Card] = {}

    def show(
        self,
        leeches: Sequence[tuple[str, int]],
        cards: Mapping[str, Card],
        retired: Collection[str],
    ) -> None:
        """List the leeches whose cards are known (the rest are left out)."""
        self._cards = dict(cards)
        self.clear_options()
        options = []
        if leeches:  # (the parser, loaded only when there is a front to draw)
            from quizzer.core.math_text import with_math
            from quizzer.tui.markdown_line import markdown_line
        for card_id, lapses in leeches:
            card = cards.get(card_id)
            if card is None:
                continue
            line = Text(f"{lapses:>3} lapses  ")
            if card_id in retired:
                line.append("retired  ", style="italic")
            front = card.shown[0]  # as the review shows it (a few leeches: math too)
            front = with_math(front) if "$" in front else front
            line.append_text(markdown_line(front, FRONT_CELLS))
            options.append(Option(line, id=card_id))
        self.add_options(options)
        self.display = bool(options)
        if options:
            self.highlighted = 0

    def _highlighted_card(self) -> Card | None:
        index = self.highlighted
        if index is None:
            return None
        card_id = self.get_option_at_index(index).id
        return None if card_id is None else self._cards.get(card_id)

    def action_choose(self, choice: Choice) -> None:
        if (card := self._highlighted_card()) is not None:
            self.post_message(self.Chosen(card, choice))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose("open")
