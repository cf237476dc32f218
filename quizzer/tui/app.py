"""QuizzerApp: the Textual application (home, review, summary, deck map, help).

The app is handed an open Store; it never opens a database itself. Screens are
imported when first shown, so that `quizzer review DECK` draws its first card without
loading the home screen, the deck map or the command palette's deck list.

Data flows down as constructor arguments (the Store, the app's one clock and its
`today`) and up as messages: a screen asks for another with `OpenDeck`, which the app
routes (`on_open_deck`), so no screen imports the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar, Literal

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import WorkerFailed

from quizzer.errors import QuizzerError
from quizzer.tui import gc_pause
from quizzer.tui.messages import OpenDeck
from quizzer.tui.scrollbars import use_whole_cell_scrollbars

if TYPE_CHECKING:
    from quizzer.core.schedule import QueueSettings
    from quizzer.sessions.speed import SpeedRound
    from quizzer.store import Store

__all__ = ["Clock", "QuizzerApp", "Start"]

Clock = Callable[[], datetime]
Start = (
    Literal["home"]
    | tuple[Literal["review", "cram"], str]
    | tuple[Literal["speed"], "SpeedRound"]
    | tuple[Literal["stats"], str | None]
)
"""The first screen: home, a deck's review (or cram), a speed round built beforehand, or the
statistics of a deck (None: of every deck)."""


def _system_clock() -> datetime:
    return datetime.now(UTC)


_SCREEN_STYLESHEETS = (
    "review", "home", "summary", "stats", "speed", "speed_results", "card_detail", "help",
    "deck_map",
)  # fmt: skip


class QuizzerApp(App[None]):
    """Spaced-repetition review in the terminal."""

    TITLE = "quizzer"
    # Every screen's stylesheet, read once at start-up: a screen whose CSS is not yet
    # loaded makes Textual re-parse and re-apply all CSS when it is first pushed (about
    # 15 ms before the first card). Each screen keeps its own CSS_PATH too.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss",
        *(f"screens/{name}.tcss" for name in _SCREEN_STYLESHEETS),
    ]
    # The tooltips are the help screen's lines for these keys (screens/help.py).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="quit (every grade is already saved)"),
        # ctrl+c quits like in any terminal program: through action_quit, so an answer
        # still waiting for a busy database is not dropped silently.
        Binding("ctrl+c", "quit", show=False, tooltip="quit (every grade is already saved)"),
        Binding("question_mark", "help", "Help", tooltip="this help"),
        # Textual's own palette binding, declared here to say what quizzer's palette holds.
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            show=False,
            priority=True,
            tooltip="command palette: any deck, themes",
        ),
    ]

    def __init__(
        self,
        store: Store,
        deck_dirs: Iterable[Path],
        *,
        clock: Clock | None = None,
        seed: int = 0,
        settings: QueueSettings | None = None,
        start: Start = "home",
        contain_crashes: bool = False,
        notices: Sequence[str] = (),
        tags: Sequence[str] = (),
    ) -> None:
        """`settings`: the learner's settings, read once by the command line (default:
        the built-in ones, for tests). `contain_crashes`: an unexpected error ends the
        app quietly and is kept in `failure` for the CLI to log (the command line sets
        it; tests keep Textual's traceback so that a bug fails them). `notices`: lines
        the command line printed before the app (a deck switched schedulers), shown
        again as notifications. `tags`: `quizzer review --tag`, for the first review."""
        super().__init__()
        use_whole_cell_scrollbars()
        self.store = store
        self.deck_dirs = list(deck_dirs)
        self.clock: Clock = clock or _system_clock
        self.seed = seed
        if settings is None:
            from quizzer.core.schedule import QueueSettings

            settings = QueueSettings()
        self.settings = settings
        self.start = start
        self.contain_crashes = contain_crashes
        self.failure: Exception | None = None
        """The error that ended the app; the command re-raises it after `run()`."""
        self.notices = tuple(notices)
        self.tags = tuple(tags)

    def _handle_exception(self, error: Exception) -> None:
        # A problem the user can fix (database gone, locked past the timeout, ...) ends
        # the app with its message, printed by the CLI like any other error. Anything
        # else is a bug: from the command line it goes to the crash log (no traceback
        # on the user's screen); in tests it keeps Textual's traceback and fails them.
        # A worker's error (a deck sync) arrives wrapped: it is handled like the same
        # error raised on the UI thread.
        if isinstance(error, WorkerFailed) and isinstance(error.error, Exception):
            error = error.error
        if isinstance(error, QuizzerError) or self.contain_crashes:
            self.failure = error
            self.exit(return_code=getattr(error, "exit_code", 70))
            return
        super()._handle_exception(error)

    # -- notifications ------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast, from any screen, shows its text literally: messages quote deck
        text, file names and errors, so markup is never read whatever the caller asks
        (a deck key named `[@click=...]` must not become a live action)."""
        from quizzer.tui.text import clean

        super().notify(
            clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False
        )

    def action_help_quit(self) -> None:
        """Textual's own ctrl+c action, should its binding run: quit, as `ctrl+c` does
        here (Textual's default is a hint to press another key)."""
        self.call_next(self.action_quit)

    async def action_quit(self) -> None:
        """Quit, unless an answer is still waiting for a busy database: then quit once it
        is saved (a second `q` quits without it; the command line says so)."""
        from quizzer.tui.saving import quit_now

        if quit_now(self):
            self.exit()

    def close_saves(self) -> None:
        """After `run()`: wait for the write in progress, if any, and keep an error in
        `failure` when the learner quit without some answer saved."""
        from quizzer.tui.saving import saves_of, unsaved_error

        lost = saves_of(self).close()
        if lost and self.failure is None:
            self.failure = unsaved_error(lost)

    # -- time ---------------------------------------------------------------------------

    def today(self) -> date:
        """The current study day (day_starts_at honoured, local time zone): the one
        "today" of every screen, which is handed this method rather than working it out."""
        from quizzer.core.schedule import study_day

        return study_day(self.clock(), self.settings.day_starts_at)

    # -- navigation ---------------------------------------------------------------------

    def on_mount(self) -> None:
        for notice in self.notices:
            self.notify(notice, timeout=10, markup=False)
        start = self.start
        if start == "home":
            self.show_home()
        elif start[0] == "review" or start[0] == "cram":
            self.start_review(start[1], cram=start[0] == "cram", tags=self.tags)
        elif start[0] == "stats":
            self.open_stats(start[1])
        else:
            speed_round = start[1]
            self.start_speed(speed_round.deck_id, speed_round=speed_round)
        self.screen.call_after_refresh(gc_pause.resume)  # after the first frame

    def show_home(self) -> None:
        """Pop back to the home screen, creating it when the app started elsewhere."""
        from quizzer.tui.screens.home import HomeScreen

        for index, screen in enumerate(self.screen_stack):
            if isinstance(screen, HomeScreen):
                while len(self.screen_stack) > index + 1:
                    self.pop_screen()
                return
        self.push_screen(HomeScreen(self.store, self.deck_dirs, today=self.today))

    def on_open_deck(self, message: OpenDeck) -> None:
        """A screen or the command palette asks to open a deck."""
        if message.mode == "review":
            self.start_review(message.deck_id)
        elif message.mode == "speed":
            self.start_speed(message.deck_id)
        elif message.mode == "stats":
            self.open_stats(message.deck_id)
        else:
            self.show_deck_map(message.deck_id)

    def start_review(self, deck_id: str, *, cram: bool = False, tags: Sequence[str] = ()) -> None:
        from quizzer.tui.screens.review import ReviewScreen

        screen = ReviewScreen(
            self.store,
            deck_id,
            clock=self.clock,
            today=self.today,
            settings=self.settings,
            seed=self.seed,
            tags=tags,
            cram=cram,
        )
        self.push_screen(screen, self._review_finished)

    def _review_finished(self, _: None) -> None:
        self.show_home()

    def start_speed(
        self,
        deck_id: str,
        *,
        seconds: int = 60,
        seed: int | None = None,
        speed_round: SpeedRound | None = None,
    ) -> None:
        """Push the speed challenge: `speed_round` when built beforehand, else a round
        the screen builds on `deck_id`."""
        try:
            from quizzer.tui.screens.speed import (  # type: ignore[import-not-found,unused-ignore]
                SpeedScreen,
            )
        except ImportError:
            self.notify("The speed challenge is not available yet.", severity="warning")
            if not self.screen_stack[1:]:
                self.show_home()
            return
        self.push_screen(
            SpeedScreen(
                self.store,
                deck_id,
                seconds=seconds,
                seed=seed,
                now=self.clock,
                today=self.today,
                speed_round=speed_round,
            ),
            self._speed_finished,
        )

    def _speed_finished(self, _: None) -> None:
        """Back to where the round (or the statistics) was started: the screen under it
        (home, or a review the palette interrupted, which goes on where it was left); home
        when it was the first screen (`quizzer speed`, `quizzer stats --screen`)."""
        if not self.screen_stack[1:]:
            self.show_home()

    def open_stats(self, deck_id: str | None) -> None:
        """Push the statistics of `deck_id` (None or ALL_DECKS: every deck); back where they
        were opened, or home when they were the first screen (`quizzer stats --screen`)."""
        from quizzer.tui.screens.stats import StatsScreen

        decks = [deck_id] if deck_id else None
        title = "".join(d.title for d in self.store.deck_summaries(self.today(), decks or []))
        screen = StatsScreen(
            self.store, decks, title=title, clock=self.clock, settings=self.settings
        )
        self.push_screen(screen, self._speed_finished)

    def show_deck_map(self, deck_id: str) -> None:
        from quizzer.tui.screens.deck_map import DeckMapScreen

        self.push_screen(DeckMapScreen(self.store, deck_id, today=self.today()))

    def action_help(self) -> None:
        from quizzer.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- command palette ----------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: every key", "Show the keys of each screen", self.action_help)
        yield SystemCommand("Home", "Back to the list of decks", self.show_home)
        yield SystemCommand(
            "Statistics: all decks", "Calendar, forecast, retention", partial(self.open_stats, None)
        )
        from quizzer.tui.palette import deck_commands

        yield from deck_commands(self.store, self.today(), self.post_message)
