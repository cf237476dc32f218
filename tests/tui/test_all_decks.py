"""The home screen's "All decks" row (two or more decks): the decks' new and due cards
added up; Enter opens one review of every deck (sessions/mixed.py), whose summary names
the decks answered in and whose `S` opens the statistics of all decks. Snapshots of the
home screen with the row at 100x30 and 80x24."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MakeApp
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from tui_helpers import screen_text, settle

from quizzer.core.schedule import DeckScheduling, QueueSettings
from quizzer.core.schedulers import deck_scheduler
from quizzer.library import resolve_deck
from quizzer.sessions import ALL_DECKS
from quizzer.sessions.mixed import MixedReviewSession
from quizzer.store import Store
from quizzer.tui.screens.home import ALL_ROW, HomeScreen
from quizzer.tui.screens.review import ReviewScreen
from quizzer.tui.screens.stats import StatsScreen
from quizzer.tui.screens.summary import SummaryScreen
from quizzer.tui.widgets.grade_legend import GradeLegend

SMALL_DECK = """
id: small
title: Small deck
terms:
  - term: Epoch
    definition: One pass over the training data.
  - term: Batch
    definition: The examples of one step.
"""

SnapCompare = Callable[..., bool]


@pytest.fixture
def two_decks(workdir: Path, deck_dir: Path) -> Path:
    (workdir / "decks" / "small.yaml").write_text(SMALL_DECK, encoding="utf-8")
    return deck_dir


def _cells(table: DataTable[object], key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


async def _answer(pilot: Pilot[object], review: ReviewScreen) -> None:
    card = review.card
    assert card is not None
    if card.kind in ("choice", "true_false"):
        await pilot.press("1" if card.kind == "choice" else "t", "enter")
    else:
        await pilot.press("space", "5")
    await pilot.pause()


async def test_the_all_decks_row_reviews_every_deck(
    make_app: MakeApp, store: Store, two_decks: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert list(table.rows)[-1].value == ALL_ROW  # the last row
        assert _cells(table, ALL_ROW)[:4] == ["All decks", "10", "0", "10"]
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        await pilot.press("enter")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert isinstance(review.session, MixedReviewSession)
        asked = []
        while isinstance(app.screen, ReviewScreen) and review.card is not None:
            asked.append(review.card.id.split("/", 1)[0])
            await _answer(pilot, review)
        assert isinstance(app.screen, SummaryScreen)
        # the decks' titles, as text (the tiny deck's title holds markup)
        assert "Decks            Small deck, Tiny [bold]deck[/bold]" in screen_text(app)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen) and app.screen.deck_ids is None
    assert asked == ["small"] * 2 + ["tiny"] * 8  # deck after deck
    assert len(store.answers("small")) == 2 and len(store.answers("tiny")) == 8


async def test_speed_wants_one_deck_and_one_deck_has_no_all_decks_row(
    make_app: MakeApp, workdir: Path, two_decks: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        await pilot.press("s", "m")  # a speed round and a deck map need one deck
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        notices = [n.message for n in app._notifications]
        assert notices == ["Choose one deck for this."] * 2
    (workdir / "decks" / "small.yaml").unlink()  # its row stays, as missing
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert [key.value for key in table.rows] == ["small", "tiny"]


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_home_with_the_all_decks_row(
    snap_compare: SnapCompare, make_app: MakeApp, two_decks: Path, size: tuple[int, int]
) -> None:
    async def last_row(pilot: Pilot[object]) -> None:
        await settle(pilot)
        await pilot.press("down", "down")

    assert snap_compare(make_app(), terminal_size=size, run_before=last_row)


async def test_the_title_and_legend_follow_the_cards_deck(
    make_app: MakeApp, store: Store, two_decks: Path
) -> None:
    settings = QueueSettings(new_order="deck", decks={"small": DeckScheduling(scheduler="fsrs")})
    for deck_id in ("small", "tiny"):
        resolve_deck(store, deck_id, [two_decks])
        store.switch_scheduler(deck_id, deck_scheduler(settings, deck_id))
    app = make_app(("review", ALL_DECKS), settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.card is not None
        legend = review.query_one(GradeLegend)
        assert review.card.id.startswith("small/")
        assert len(legend.choices) == 4  # FSRS: Again, Hard, Good, Easy
        title = review.query_one("#deck-title", Static)
        assert str(title.render()) == "All decks · Small deck"
        await pilot.press("space", "4", "space", "4")
        await pilot.pause()
        assert review.card is not None and review.card.id.startswith("tiny/")
        assert len(legend.choices) == 6  # SM-2: 0..5
        assert str(title.render()) == "All decks · Tiny [bold]deck[/bold]"  # literal
    assert [e.after.stability is not None for e in store.answers("small")] == [True, True]


async def test_the_palette_reviews_all_decks(
    make_app: MakeApp, store: Store, two_decks: Path
) -> None:
    from test_palette_flows import run_command

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_command(pilot, app, "Review: all decks")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert isinstance(review.session, MixedReviewSession)
        assert review.card is not None and review.card.id.startswith("small/")
