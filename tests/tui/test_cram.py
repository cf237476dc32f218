"""`quizzer review DECK --cram`: every active card of the deck in practice mode, the
schedule untouched (a card not due for days is asked too, and keeps its due day)."""

from __future__ import annotations

import argparse
from pathlib import Path

from conftest import NOW, MakeApp

from quizzer.cli import build_parser
from quizzer.library import resolve_deck
from quizzer.store import Store
from quizzer.tui.screens.review import ReviewScreen
from quizzer.tui.screens.summary import SummaryScreen

PARAMETER = "tiny/terms/parameter"


async def test_cram_practises_every_card_and_moves_no_schedule(
    make_app: MakeApp, store: Store, deck_dir: Path
) -> None:
    resolve_deck(store, "tiny", [deck_dir])
    store.record_answer(PARAMETER, 5, response_ms=1, kind="scheduled", reviewed_at=NOW,
                        study_day=NOW.date())  # fmt: skip
    before = {c.id: store.card_state(c.id) for c in store.cards("tiny")}
    assert before[PARAMETER] is not None and before[PARAMETER].due > NOW.date()  # type: ignore[union-attr]
    app = make_app(("cram", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.session is not None
        assert review.session.practice and "PRACTICE" in str(
            app.screen.query_one("#practice-badge").render()
        )
        asked = []
        while isinstance(app.screen, ReviewScreen) and review.card is not None:
            asked.append(review.card.id)
            card = review.card
            if card.kind in ("choice", "true_false"):
                await pilot.press("1" if card.kind == "choice" else "t", "enter")
            else:
                await pilot.press("space", "4")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert sorted(set(asked)) == sorted(before)  # every card, the one not due included
    kinds = {e.kind for e in store.answers("tiny")[1:]}
    assert kinds == {"practice"}
    assert {c: store.card_state(c) for c in before} == before


def test_the_cram_flag_parses() -> None:
    parser = build_parser()
    args: argparse.Namespace = parser.parse_args(["review", "tiny", "--cram"])
    assert args.cram and args.deck == "tiny"
    assert not parser.parse_args(["review", "tiny"]).cram
