"""Home screen: the deck list, invalid decks, the empty state and every key."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import BROKEN_DECK, MakeApp
from textual.widgets import DataTable, Static
from tui_helpers import screen_text, settle

from quizzer.store import Store
from quizzer.tui.screens.deck_map import DeckMapScreen
from quizzer.tui.screens.help import HelpScreen
from quizzer.tui.screens.home import HomeScreen
from quizzer.tui.screens.review import ReviewScreen
from quizzer.tui.screens.summary import SummaryScreen


async def test_home_lists_decks_with_counts_and_reviews_on_enter(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row("tiny")]
        assert row == ["Tiny [bold]deck[/bold]", "8", "0", "8", "░░░░░░░░░░   0%", "never"]
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("space", "5", "space", "5", "escape")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row("tiny")]
        assert row[1:4] == ["6", "0", "8"]
        assert row[5] == "today"
        assert "2 reviews, 2 today" in screen_text(app)
    assert len(store.answers("tiny")) == 2


async def test_progress_counts_cards_past_their_first_interval(
    make_app: MakeApp, store: Store, clock: object
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(8):
            await pilot.press("space", "5")
    clock.advance(days=1)  # type: ignore[attr-defined]
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2):  # two cards reach their second interval (6 days)
            await pilot.press("space", "5")
        await pilot.press("escape", "enter")
        assert isinstance(app.screen, HomeScreen)
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row("tiny")]
        assert row[1:6] == ["0", "6", "8", "██░░░░░░░░  25%", "today"]
        # What the share measures is named on screen and in the help.
        text = screen_text(app)
        assert "Learned" in text and "Progress" not in text
        assert "2 of 8 cards learned" in text
        await pilot.press("question_mark")
        shown = app.screen.query_one("#help-text", Static).content
        help_text = " ".join(str(shown).split())
        assert "Learned share of the deck's cards recalled on two review days in a row" in (
            help_text
        )


async def test_invalid_deck_is_listed_with_its_first_error(
    make_app: MakeApp, workdir: Path
) -> None:
    (workdir / "decks" / "broken.yaml").write_text(BROKEN_DECK, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        text = screen_text(app)
        assert "! broken.yaml" in text and "invalid deck" in text
        assert "decks/broken.yaml:4:5: error: terms[0]" in text
        assert "definition" in text
        await pilot.press("down")
        await pilot.press("enter")  # does not start a review; says why
        assert isinstance(app.screen, HomeScreen)
        assert any("broken.yaml" in n.message for n in app._notifications)
        await pilot.press("up", "enter")
        assert isinstance(app.screen, ReviewScreen)


async def test_empty_state_tells_a_new_user_what_to_do(
    store: Store, workdir: Path, clock: object
) -> None:
    from quizzer.core.schedule import QueueSettings
    from quizzer.tui.app import QuizzerApp

    app = QuizzerApp(
        store,
        [Path("decks")],
        clock=clock,
        settings=QueueSettings(),  # type: ignore[arg-type]
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "No decks yet." in text
        assert "quizzer check" in text and "decks" in text
        await pilot.press("enter", "m", "s")
        assert isinstance(app.screen, HomeScreen)
        (workdir / "decks" / "tiny.yaml").write_text(
            "title: Later\nterms:\n  - term: a\n    definition: b\n", encoding="utf-8"
        )
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 1
        assert "No decks yet." not in screen_text(app)


async def test_m_opens_the_deck_map_and_question_mark_the_help(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        assert isinstance(app.screen, DeckMapScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key in ("space / enter", "0-5", "t / f", "undo", "$EDITOR", "practice"):
            assert key in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_s_starts_a_speed_challenge_or_says_it_is_missing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        try:
            from quizzer.tui.screens.speed import SpeedScreen  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            assert isinstance(app.screen, HomeScreen)
            assert any("speed" in n.message.lower() for n in app._notifications)
        else:
            assert isinstance(app.screen, SpeedScreen)


async def test_command_palette_reviews_a_deck(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Review: Tiny")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "Review: Tiny [bold]deck[/bold]" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.deck_id == "tiny"


async def test_theme_switching_keeps_every_screen_working(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for theme in ("textual-light", "nord", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            await pilot.press("enter", "p", "space")
            assert isinstance(app.screen, ReviewScreen)
            assert "PRACTICE" in screen_text(app)
            await pilot.press("escape", "enter", "question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)


async def test_a_database_problem_ends_the_app_with_its_message(
    make_app: MakeApp, store: Store, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # the first sync, at mount, is done
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        db_path.write_bytes(b"this is not a database" * 100)
        # r re-syncs the deck folders and the store cannot read the file. (Not
        # pilot.press: it would wait for a screen that is gone once the app has exited.)
        app.simulate_key("r")
        for _ in range(100):
            if app.failure is not None:
                break
            await asyncio.sleep(0.02)
    assert app.failure is not None
    assert str(db_path) in str(app.failure)
    assert app.return_code == app.failure.exit_code


async def test_deck_folders_are_synced_off_the_ui_thread(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At mount, on coming back to home and on `r`, the files are read in a worker; the
    table is drawn from its message."""
    import quizzer.library

    threads: list[threading.Thread] = []
    sync = quizzer.library.sync_decks

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return sync(*args, **kwargs)

    monkeypatch.setattr(quizzer.library, "sync_decks", recorded)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(threads) == 1
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("r")
        await settle(pilot)
        assert any("Decks reloaded." in n.message for n in app._notifications)
        await pilot.press("question_mark", "escape")  # home resumes: synced again
        await settle(pilot)
    assert len(threads) == 3
    assert threading.main_thread() not in threads


@pytest.mark.parametrize(
    ("size", "columns"),
    [
        ((100, 30), ["Deck", "New", "Due", "Total", "Learned", "Last studied"]),
        ((80, 24), ["Deck", "New", "Due", "Total", "Learned", "Last studied"]),
        ((60, 20), ["Deck", "New", "Due", "Learned"]),
        ((40, 12), ["Deck", "New", "Due"]),
    ],
    ids=["100x30", "80x24", "60x20", "40x12"],
)
async def test_the_deck_table_drops_whole_columns_to_fit_the_width(
    make_app: MakeApp, workdir: Path, size: tuple[int, int], columns: list[str]
) -> None:
    """No column is cut off at the edge: the least needed go first (last studied and the
    total, then the progress; the progress bar shrinks to its percentage before that)."""
    shipped = Path(__file__).resolve().parents[2] / "decks" / "parameters-and-hyperparameters.yaml"
    (workdir / "decks" / "shipped.yaml").write_bytes(shipped.read_bytes())
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert [str(column.label) for column in table.columns.values()] == columns
        assert table.virtual_size.width <= table.scrollable_content_region.width
        header = screen_text(app).splitlines()[1]
        assert header.split() == " ".join(columns).split()
        assert "Parameters and Hyper" in screen_text(app)
