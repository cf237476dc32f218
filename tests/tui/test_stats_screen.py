"""The stats screen: its keys (S on home and on the summary, escape, r, a, the palette),
the figures it draws for the hand-counted week (tests/stats_history.py), and snapshots
of a fixed year of study at 100x30 and 80x24."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import stats_history as week
from conftest import NOW, FixedClock, MakeApp
from textual.pilot import Pilot
from tui_helpers import screen_text, settle

from quizzer.core.schedule import QueueSettings
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp
from quizzer.tui.palette import deck_commands
from quizzer.tui.screens.home import HomeScreen
from quizzer.tui.screens.stats import StatsScreen, calendar_text, theme_palette
from quizzer.tui.screens.summary import SummaryScreen

SnapCompare = Callable[..., bool]


async def loaded(pilot: Pilot[None]) -> StatsScreen:
    """The stats screen once its worker has posted the report and it is drawn."""
    screen = pilot.app.screen
    assert isinstance(screen, StatsScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.report is not None
    return screen


async def test_s_on_home_opens_the_deck_stats_and_escape_goes_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # home lists the decks once its sync worker reports
        await pilot.press("S")
        screen = await loaded(pilot)
        assert screen.deck_ids == ["tiny"]
        assert "Tiny [bold]deck[/bold] · learner · study day 2026-03-02 · 0 answers" in screen_text(
            app
        )
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_r_counts_again_and_a_switches_to_all_decks(
    make_app: MakeApp, store: Store, workdir: Path
) -> None:
    (workdir / "decks" / "two.yaml").write_text(
        "id: two\ntitle: Two\nterms:\n  - term: x\n    definition: y\n"
    )
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # home lists the decks once its sync worker reports
        await pilot.press("S")
        screen = await loaded(pilot)
        assert screen.report is not None and screen.report.states["new"] == 8
        store.record_answer(
            "two/terms/x", 5, response_ms=1, kind="scheduled", reviewed_at=NOW,
            study_day=NOW.date(),
        )  # fmt: skip
        await pilot.press("a")
        screen = await loaded(pilot)
        assert screen.deck_ids is None and screen.report is not None
        assert screen.report.states["new"] == 8 and screen.report.answers == 1
        assert "all decks · learner · study day 2026-03-02 · 1 answer in all" in screen_text(app)
        await pilot.press("a")
        screen = await loaded(pilot)
        assert screen.deck_ids == ["tiny"] and screen.report is not None
        assert screen.report.answers == 0
        store.record_answer(
            "tiny/terms/parameter", 4, response_ms=1, kind="scheduled", reviewed_at=NOW,
            study_day=NOW.date(),
        )  # fmt: skip
        await pilot.press("r")
        screen = await loaded(pilot)
        assert screen.report is not None and screen.report.answers == 1
        assert screen.report.forecast[1] == 1


async def test_s_on_the_summary_and_the_palette_entries(make_app: MakeApp) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "5", "escape")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("S")
        screen = await loaded(pilot)
        assert screen.deck_ids == ["tiny"] and screen.report is not None
        assert screen.report.calendar == {NOW.date(): 1}
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)
        titles = [
            str(command.title)
            for command in deck_commands(app.store, app.today(), app.post_message)
        ]
        assert r"Statistics: Tiny \[bold]deck\[/bold]" in titles
        everything = [str(c.title) for c in app.get_system_commands(app.screen)]
        assert "Statistics: all decks" in everything


@pytest.fixture
def berlin() -> Iterator[None]:
    yield from week.in_berlin()


async def test_the_week_on_screen_agrees_with_the_hand_count(
    store: Store, workdir: Path, berlin: None
) -> None:
    week.study_week(store, workdir)
    app = QuizzerApp(
        store, [], clock=FixedClock(week.NOW), settings=QueueSettings(), start=("stats", "week")
    )
    async with app.run_test(size=(100, 130)) as pilot:
        screen = await loaded(pilot)
        assert screen.report is not None and screen.report.forecast == week.FORECAST
        text = screen_text(app)
        assert "Week · learner · study day 2026-03-29 · 16 answers in all" in text
        assert "Streak: 2 days now, longest 4 days" in text
        assert "Due today 0 (overdue included) · next 30 days 3, 0.1 a day" in text
        # 5 of 8 young answers passed, in every window; no mature answer yet.
        young = next(line for line in text.splitlines() if "young (<21 d)" in line)
        assert young.split()[3:] == ["62%", "of", "8"] * 3
        mature = next(line for line in text.splitlines() if line.strip().startswith("mature"))
        assert mature.split()[1:] == ["-", "-", "-"]
        assert "new 0 · learning 1 · young 2 · mature 0 · retired 0 · leech 0" in text
        assert "Passed (graded 3+): 1h 75% · 4h 100% · 9h 50% · 10h 50%" in text
        # The calendar's last column is this week, Mon 23 to Sun 29 (today, ◆), shaded
        # by the answers of each day (busiest 4): 4, 4, 2, 2, none, 1.
        palette = theme_palette(app.theme_variables)
        drawn = calendar_text(screen.report.calendar, screen.report.calendar_from,
                              week.TODAY, palette, 52)  # fmt: skip
        last = []
        for line in drawn.split("\n")[1:8]:
            assert len(line.plain) == 4 + 52
            (style,) = [s.style for s in line.spans if s.start <= 55 < s.end]
            last.append((line.plain[55], str(style)))
        levels = palette.levels
        assert last[:6] == [("■", levels[4]), ("■", levels[4]), ("■", levels[2]),
                            ("■", levels[2]), ("■", levels[0]), ("■", levels[1])]  # fmt: skip
        assert last[6] == ("◆", f"bold {palette.today}")
        assert "busiest day 4 answers" in text


@pytest.mark.parametrize(
    ("start", "weeks", "labels"),
    [
        # Dec 2025 has 3 of its Mondays shown, then Jan: "DecJan" ran together.
        (date(2025, 12, 15), 10, "   Jan Feb"),
        (date(2025, 12, 1), 10, "Dec  Jan  "),  # (5 weeks: room for both)
        (date(2026, 1, 5), 7, "Jan Feb"),  # (the last name fits up to the edge)
        (date(2026, 1, 5), 6, "Jan   "),  # (... or is left out)
        (date(2026, 1, 19), 5, "  Feb"),  # (Jan's 2 weeks: no room; it hid Feb's name)
    ],
)
def test_a_months_name_stands_over_its_first_week_one_column_from_the_next(
    start: date, weeks: int, labels: str
) -> None:
    palette = theme_palette({})
    drawn = calendar_text({}, start, start + timedelta(weeks=weeks - 1), palette, weeks)
    assert drawn.plain.split("\n")[0] == "    " + labels


# -- snapshots --------------------------------------------------------------------------


@pytest.fixture(params=[(100, 30), (80, 24)], ids=["100x30", "80x24"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def year_of_study(make_app: MakeApp, store: Store, play_round: Callable[..., int]) -> QuizzerApp:
    from quizzer.library import sync_decks

    sync_decks(store, [Path("decks")])
    week.study_year(store, "tiny", NOW)
    for k, answers in enumerate([[(True, 900)] * 3, [(True, 2500)] * 5, [(True, 700)] * 6]):
        play_round(
            store, "tiny", seed=k, answers=answers, started_at=NOW - timedelta(days=9 - 3 * k)
        )
    return make_app(("stats", "tiny"))


def test_stats_snapshot(
    snap_compare: SnapCompare, year_of_study: QuizzerApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)

    assert snap_compare(year_of_study, terminal_size=size, run_before=run_before)


def test_stats_snapshot_scrolled_to_the_end(
    snap_compare: SnapCompare, year_of_study: QuizzerApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await loaded(pilot)
        screen.query_one("#body").scroll_end(animate=False, immediate=True)
        await pilot.pause()

    assert snap_compare(year_of_study, terminal_size=size, run_before=run_before)


async def test_the_scrollbar_draws_whole_cells_only_no_stray_glyphs(
    year_of_study: QuizzerApp,
) -> None:
    """At 80x24 the body's scrollbar thumb ended part way through the calendar's second
    row, drawn as a partial block (`▂▂`) that read as stray glyphs beside the calendar.
    Scrollbars draw whole cells: every row's last columns hold no partial block."""
    async with year_of_study.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for row in screen_text(year_of_study).splitlines()[1:-1]:
            assert not set(row[-3:]) & set("▁▂▃▄▅▆▇"), row
