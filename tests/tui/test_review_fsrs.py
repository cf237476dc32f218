"""The review screen under FSRS: four answers on the keys 1-4 (Again, Hard, Good, Easy)
with the interval each would give, picks suggesting FSRS's answer, and the answer stored
with FSRS's memory; Pilot tests and snapshots at 100x30 and 80x24."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import MakeApp
from tui_helpers import screen_text

from quizzer.core.schedule import QueueSettings
from quizzer.store import Store
from quizzer.tui.screens.review import ReviewScreen

FSRS = QueueSettings(scheduler="fsrs", new_order="deck")  # the tiny deck in file order
SnapCompare = Callable[..., bool]


def _review(app: object) -> ReviewScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ReviewScreen)
    return screen


async def test_four_answers_with_their_intervals(make_app: MakeApp, store: Store) -> None:
    app = make_app(("review", "tiny"), settings=FSRS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        text = screen_text(app)
        for line in ("4 Easy   -> ", "3 Good   -> ", "2 Hard   -> ", "1 Again  -> 1 d"):
            assert line in text
        assert "Press 1-4" in text and "blackout" not in text
        previews = {p.choice.label: p.interval for p in _review(app)._session.previews()}
        assert previews["Again"] == 1 and previews["Good"] < previews["Easy"]
        assert f"3 Good   -> {previews['Good']} d" in text
        card_id = _review(app).card.id  # type: ignore[union-attr]

        await pilot.press("5", "0")  # SM-2's keys give no answer here
        await pilot.pause()
        assert store.answers("tiny") == []

        await pilot.press("3")  # Good
        await pilot.pause()
        (entry,) = store.answers("tiny")
        assert (entry.card_id, entry.grade, entry.kind) == (card_id, 4, "scheduled")
        state = store.card_state(card_id)
        assert state is not None and state.phase == "review" and state.stability is not None
        assert state.interval == previews["Good"]


async def test_again_brings_the_card_back_and_its_step_moves_it(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app(("review", "tiny"), settings=FSRS)
    async with app.run_test(size=(100, 30)) as pilot:
        first = _review(app).card
        assert first is not None
        await pilot.press("space", "1")  # Again: the learning step
        for _ in range(3):
            await pilot.press("space", "4")
        assert _review(app).card == first and _review(app)._session.is_redrill
        await pilot.press("space")
        assert "3 Good   -> " in screen_text(app)  # a step's re-drill moves the card
        await pilot.press("3")  # the step's review: Good ends it
        await pilot.pause()
    state = store.card_state(first.id)
    assert state is not None and state.phase == "review" and state.reviews == 2
    assert [e.grade for e in store.history(first.id)] == [1, 4]


@pytest.mark.parametrize(("pick", "right"), [("2", False), ("1", True)])
async def test_a_pick_suggests_fsrs_answers(
    make_app: MakeApp, store: Store, pick: str, right: bool
) -> None:
    app = make_app(("review", "tiny"), settings=FSRS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*["space", "4"] * 6)
        review = _review(app)
        assert review.card is not None and review.card.kind == "choice"
        await pilot.press(pick)  # option 1 is right with seed 7
        text = screen_text(app)
        if right:
            assert review.suggested == 4 and "Your pick was right: Enter answers Good" in text
            assert "▶3 Good" in text
        else:
            assert review.suggested == 1 and "Your pick was wrong: Enter answers Again" in text
            assert "▶1 Again" in text
        await pilot.press("enter")
        await pilot.pause()
    assert store.answers("tiny")[-1].grade == (4 if right else 1)


async def test_true_false_suggests_good_when_right(make_app: MakeApp, store: Store) -> None:
    app = make_app(("review", "tiny"), settings=FSRS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*["space", "4"] * 6, "1", "enter")
        review = _review(app)
        assert review.card is not None and review.card.kind == "true_false"
        await pilot.press("t")
        assert review.suggested == 4 and "▶3 Good" in screen_text(app)


async def test_short_terminal_shows_the_four_answers_on_one_line(make_app: MakeApp) -> None:
    app = make_app(("review", "tiny"), settings=FSRS)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("space")
        line = next(row for row in screen_text(app).splitlines() if "Again" in row)
        assert "1 Again 1 d" in line and "2 Hard" in line and "3 Good" in line
        assert "4 Easy" in line


@pytest.fixture(params=[(100, 30), (80, 24)], ids=["100x30", "80x24"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param  # type: ignore[no-any-return]


def test_snapshot_fsrs_revealed(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(("review", "tiny"), settings=FSRS)
    assert snap_compare(app, terminal_size=size, press=["space"])


def test_snapshot_fsrs_wrong_pick(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(("review", "tiny"), settings=FSRS)
    assert snap_compare(app, terminal_size=size, press=[*["space", "4"] * 6, "2"])


async def test_the_summary_counts_fsrs_answers(make_app: MakeApp) -> None:
    app = make_app(("review", "tiny"), settings=FSRS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "3", "space", "1", "space", "1")
        await pilot.press("escape")  # end the session: its summary
        await pilot.pause()
        lines = [" ".join(line.strip("│ ").split()) for line in screen_text(app).splitlines()]
    grades = [line for line in lines if re.match(r"[0-5] ", line)]
    assert grades == [
        "4 Easy 0 recalled easily",
        "3 Good ██████ 1 recalled after a hesitation",
        "2 Hard 0 recalled, with serious difficulty",
        "1 Again ████████████ 2 forgot it",
    ]
