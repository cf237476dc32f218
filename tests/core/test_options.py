"""The order of a choice card's options: new at each showing, exact for a given one."""

from __future__ import annotations

from datetime import date

from quizzer.core.cards import Card
from quizzer.core.options import shown_options

DAY = date(2026, 3, 2)


def _choice(card_id: str = "d/cards/q", kind: str = "choice") -> Card:
    return Card(
        id=card_id,
        deck_id="d",
        section="cards",
        kind=kind,  # type: ignore[arg-type]
        front="Q?",
        back="A",
        answer="A",
        ordinal=0,
        distractors=("B", "C", "D"),
    )


def test_the_same_showing_gets_the_same_complete_order() -> None:
    card = _choice()
    first = shown_options(card, day=DAY, answers=0, seed=1)
    assert sorted(first) == ["A", "B", "C", "D"]
    assert shown_options(card, day=DAY, answers=0, seed=1) == first


def test_the_answer_moves_between_showings_days_and_cards() -> None:
    card = _choice()
    by_answers = {tuple(shown_options(card, day=DAY, answers=n)) for n in range(40)}
    by_day = {tuple(shown_options(card, day=date(2026, 3, d), answers=3)) for d in range(1, 29)}
    by_card = {
        tuple(shown_options(_choice(f"d/cards/q{n}"), day=DAY, answers=0)) for n in range(40)
    }
    for orders in (by_answers, by_day, by_card):
        assert len(orders) > 5
        assert {order.index("A") for order in orders} == {0, 1, 2, 3}


def test_true_false_keeps_its_keys_and_other_cards_have_no_options() -> None:
    assert shown_options(_choice(kind="true_false"), day=DAY, answers=5) == ["True", "False"]
    assert shown_options(_choice(kind="basic"), day=DAY, answers=0) == []
