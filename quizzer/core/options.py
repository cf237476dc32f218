"""The order a choice card's options are shown in.

A learner who sees the options in one fixed order learns the answer's position, not the
answer. So the order changes every time the card is shown: it is drawn from the card,
the study day and how many answers the card has had. It is still exact: the same
showing always gets the same order (tests and screenshots), and undoing an answer brings
back the order of the showing it undoes.
"""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizzer.core.cards import Card

__all__ = ["TRUE_FALSE_OPTIONS", "shown_options"]

TRUE_FALSE_OPTIONS = ("True", "False")
"""A true/false card's options keep their order: they are answered with `t` and `f`."""


def shown_options(card: Card, *, day: date, answers: int, seed: int = 0) -> list[str]:
    """The options of a choice card (its answer and distractors) for the showing on
    study day `day` after `answers` answers of the card; `seed` varies every order at
    once. True/false: True, False. Any other card has none."""
    if card.kind == "true_false":
        return list(TRUE_FALSE_OPTIONS)
    if card.kind != "choice":
        return []
    options = [card.answer, *card.distractors]
    random.Random(f"{seed}:{card.id}:{day.isoformat()}:{answers}").shuffle(options)
    return options
