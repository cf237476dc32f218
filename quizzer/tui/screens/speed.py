"""The speed challenge: a timed round of multiple-choice questions.

`SpeedScreen` draws a `quizzer.sessions.speed.SpeedRound` and maps keys to it: a
countdown (bar and seconds), the question, numbered options (keys 1-4), instant feedback
that stays for FEEDBACK_SECONDS without blocking the next key, and the running score and
streak. The round decides everything else (scoring, time up, questions out, what is
stored); Escape aborts it (stored as aborted) and `q` quits, each asking once first while
the round runs. A 10 Hz tick reads the round's clock, so
tests drive the screen with a fake clock and no sleeping.

A key press is answered in two frames: the next frame repaints only the feedback, score
and streak (fixed-size widgets, no layout), so it stays well within 16 ms; the frame
after that lays out the next question. The answer is committed (`SpeedRound.save`, an
fsync) between the two, after the feedback frame has been drawn: a crash loses at most
the answer whose feedback is on its way to the screen. bench/bench_speed.py measures
both frames. The round's writes go through a `Saver`: when another program holds the
database's write lock, the round goes on, the answers wait in order and are saved once
it frees. When the round is over, its results are shown on top (screens/speed_results.py).

Card text is drawn as its Markdown shows inline (tui/inline_text.py: `` `fit()` `` as
fit() in bold), never read as markup, control characters stripped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

from quizzer.core.speed import MAX_OPTIONS, DeckTooSmall, Question
from quizzer.sessions.speed import Answered, Clock, SpeedRound, WallClock, new_seed, wall_now
from quizzer.tui import gc_pause
from quizzer.tui.fitting import clamp, clamp_text, line_caps, wrapped
from quizzer.tui.inline_text import inline_text, load_reader
from quizzer.tui.saving import BUSY_NOTICE, Saver
from quizzer.tui.screens.speed_results import ResultsChoice, SpeedResultsScreen
from quizzer.tui.text import clean, literal
from quizzer.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from quizzer.store import Store

__all__ = ["FEEDBACK_SECONDS", "SpeedScreen"]

FEEDBACK_SECONDS = 0.6
TICK_SECONDS = 0.1


class SpeedScreen(Screen[None]):
    """A speed-challenge round on one deck; replays from its results screen. Dismisses
    (None) when the player goes home or aborts.

    Give it a `speed_round` built beforehand (the command line does, so that a deck too
    small is reported before the app opens), or let it build one on `deck_id` when it
    is mounted (a deck too small then says so on screen)."""

    CSS_PATH = "speed.tcss"
    # Under 28 rows (80x24) the screen is "-short": tighter spacing (speed.tcss), so that
    # four options of three lines still fit without scrolling in a timed round. (Textual
    # declares this attribute without ClassVar, so it cannot be annotated as one here.)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(n), f"answer({n})", "Answer", show=n == 1, key_display="1-4", tooltip="answer"
            )
            for n in range(1, MAX_OPTIONS + 1)
        ),
        Binding(
            "v", "full_text", "Full text",
            tooltip="show the shortened options of a question in full (the screen then scrolls)",
        ),
        Binding(
            "escape", "abort", "Abort round",
            tooltip="abort the round (kept, never ranked); asks once while it runs",
        ),
        Binding("q", "quit", "Quit", tooltip="quit; asks once while a round runs"),
    ]  # fmt: skip

    def __init__(
        self,
        store: Store,
        deck_id: str,
        seconds: int = 60,
        seed: int | None = None,
        *,
        clock: Clock = time.monotonic,
        now: WallClock = wall_now,
        today: Callable[[], date] | None = None,
        new_seed: Callable[[], int] = new_seed,
        speed_round: SpeedRound | None = None,
    ) -> None:
        """`now` and `today`: the app's clock and study day (QuizzerApp.clock, .today);
        without `today`, the deck's title is looked up on the calendar day of `now`."""
        super().__init__()
        self.store = store
        self.deck_id = deck_id
        self._seconds = seconds
        self._seed = seed
        self._clock = clock
        self._now = now
        self._today = today or (lambda: now().date())
        self._new_seed = new_seed
        self.round: SpeedRound | None = speed_round
        self.deck_title = deck_id
        self.error: str | None = None
        self.feedback_until: float | None = None
        self._ticker: Timer | None = None
        self._shown_seconds: int | None = None
        self._confirming: str | None = None
        """The key (escape, q) pressed once on a running round: a second press confirms."""
        self._saver = Saver(self, self._busy_changed)
        self.shortened = False
        """Options (or the prompt) of the question on screen are cut to fit: `v` shows them."""
        self._full_text = False

    @property
    def question(self) -> Question | None:
        """The question on screen (None when no round is running)."""
        return None if self.round is None else self.round.question

    @property
    def seed(self) -> int | None:
        return self._seed if self.round is None else self.round.seed

    @property
    def seconds(self) -> int:
        return self._seconds if self.round is None else self.round.seconds

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static("", id="deck-title", markup=False)
            yield Static("", id="round-info", markup=False)
        with Horizontal(id="status"):
            yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="countdown")
            yield Static("", id="time-left", markup=False)
            yield Static("", id="score", markup=False)
            yield Static("", id="streak", markup=False)
        yield Static("", id="feedback", markup=False)
        with VerticalScroll(id="question"):
            yield Static("", id="ask", markup=False)
            yield Static("", id="prompt", markup=False)
            for n in range(1, MAX_OPTIONS + 1):
                with Horizontal(id=f"option-{n}", classes="option"):
                    yield Static(f" {n} ", classes="key", markup=False)
                    yield Static("", classes="text", markup=False)
        yield Static("", id="too-small", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        for deck in self.store.deck_summaries(self._today(), [self.deck_id]):
            self.deck_title = deck.title
        self.query_one("#deck-title", Static).update(literal(self.deck_title, one_line=True))
        self._ticker = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        if self.round is None:
            try:
                self.round = self._build_round()
            except DeckTooSmall as error:
                self._too_small(str(error))
                return
        self.begin()

    def _build_round(self) -> SpeedRound:
        return SpeedRound.for_deck(
            self.store,
            self.deck_id,
            seconds=self._seconds,
            seed=self._seed,
            deck_name=self.deck_title,
            clock=self._clock,
            now=self._now,
            make_seed=self._new_seed,
        )

    def _too_small(self, message: str) -> None:
        self.error = message
        self.set_class(True, "-too-small")
        text = literal(f"{message}\n\nPress Escape to go back.")
        self.query_one("#too-small", Static).update(text)

    # -- the round ----------------------------------------------------------------------

    def begin(self) -> None:
        """Start `self.round` (stored at once, as unfinished) and draw it."""
        speed_round = self.round
        assert speed_round is not None
        speed_round.write = self._saver.submit
        gc_pause.hold_full_collections()  # no frame-long pause while the clock runs
        load_reader(text for card in speed_round.cards for text in (card.front, card.back))
        speed_round.start()
        self._confirming = None
        self.feedback_until = None
        self._shown_seconds = None
        self.query_one("#round-info", Static).update(
            f"{speed_round.seconds} s round · seed {speed_round.seed}"
        )
        self.query_one("#countdown", ProgressBar).update(total=speed_round.seconds, progress=0)
        self._draw_feedback(None)
        self._draw_score()
        if speed_round.question is not None:
            self._draw_question(speed_round.question)
        if self._ticker is not None:
            self._ticker.resume()
        self.refresh_bindings()
        self.tick()

    def tick(self) -> None:
        """Advance the countdown, hide stale feedback, show the results when time is up."""
        speed_round = self.round
        if speed_round is None or not speed_round.running:
            return
        left = speed_round.tick()
        if not speed_round.running:
            self._ended()
            return
        seconds_left = int(left + 0.999)
        if seconds_left != self._shown_seconds:
            self._shown_seconds = seconds_left
            # Fixed width (speed.tcss): a repaint, no layout, like the feedback's.
            self.query_one("#time-left", Static).update(f"{seconds_left:>4} s", layout=False)
            self.query_one("#countdown", ProgressBar).update(progress=speed_round.seconds - left)
        if self.feedback_until is not None and speed_round.clock() >= self.feedback_until:
            self._draw_feedback(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            # hidden from the footer when no round is running
            return self.round is not None and self.round.running
        if action == "full_text":  # only while a question's texts are cut to fit
            running = self.round is not None and self.round.running
            return running and (self.shortened or self._full_text)
        return True

    def action_answer(self, number: int) -> None:
        speed_round = self.round
        if speed_round is None or not speed_round.running:
            return
        answered = speed_round.answer(number - 1)
        if answered is not None:
            self._confirming = None  # playing on: abandoning asks again
            # Next frame: the feedback and the score, repainted in place (no layout). The
            # question is drawn after that frame, and the answer committed (module
            # docstring).
            self._draw_feedback(answered)
            self.feedback_until = speed_round.shown_at + FEEDBACK_SECONDS
            self._draw_score()
        if not speed_round.running:
            self._ended()
        elif answered is not None and speed_round.question is not None:
            self.call_after_refresh(self._draw_question, speed_round.question)

    def _draw_question(self, question: Question) -> None:
        if question is not self.question:
            return  # already answered (two keys within a frame): the next one is drawn
        self.call_after_refresh(self._save)
        self._full_text = False
        self.query_one("#ask", Static).update(literal(question.ask, one_line=True))
        for n in range(1, MAX_OPTIONS + 1):
            self.query_one(f"#option-{n}", Horizontal).display = n <= len(question.options)
        self._fit()
        self.query_one("#question", VerticalScroll).scroll_home(animate=False)

    def _fit(self) -> None:
        """Draw the prompt and options of the question on screen so that all of them show
        without scrolling: with a blank line between options if there is room, without,
        and else with the longest options (then the prompt) cut to fit, `v` showing them
        in full. Measured on the widgets' sizes: before the first layout, drawn whole and
        fitted right after it."""
        question = self.question
        if question is None:
            return
        box = self.query_one("#question", VerticalScroll)
        width = self.query_one("#prompt", Static).content_region.width
        option_width = self.query_one("#option-1 .text", Static).content_region.width
        prompt = inline_text(question.prompt, lines=True)  # (Markdown as it shows)
        options = [inline_text(option) for option in question.options]
        rows = box.scrollable_content_region.height
        if self._full_text or min(width, option_width, rows) <= 0:
            self._draw_texts(prompt, options, spaced=True, shortened=self._full_text)
            if not box.size.width:  # not laid out yet
                self.call_after_refresh(self._fit)
            return
        ask = len(wrapped(clean(question.ask, one_line=True), width))
        prompt_lines = len(wrapped(prompt.plain, width))
        needs = [len(wrapped(option.plain, option_width)) for option in options]
        fixed = ask + prompt_lines + 1  # the prompt's margin
        if fixed + sum(needs) + len(needs) <= rows:
            self._draw_texts(prompt, options, spaced=True, shortened=False)
            return
        # No blank lines between options; then the prompt and the longest options cut.
        prompt_rows = max(1, min(prompt_lines, rows - ask - 1 - len(needs)))
        prompt, cut = clamp_text(prompt, width, prompt_rows)
        caps = line_caps(needs, rows - ask - 1 - min(prompt_lines, prompt_rows))
        fitted = [clamp_text(o, option_width, c) for o, c in zip(options, caps, strict=True)]
        shortened = cut or any(cut_option for _, cut_option in fitted)
        self._draw_texts(prompt, [text for text, _ in fitted], spaced=False, shortened=shortened)

    def _draw_texts(
        self, prompt: Text, options: list[Text], *, spaced: bool, shortened: bool
    ) -> None:
        self.query_one("#prompt", Static).update(prompt)
        for n, option in enumerate(options, 1):
            self.query_one(f"#option-{n} .text", Static).update(option)
        self.query_one("#question").set_class(not spaced, "-dense")
        if shortened != self.shortened:
            self.shortened = shortened
            self.refresh_bindings()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def action_full_text(self) -> None:
        """Show the question's shortened texts in full (or shortened again)."""
        if self.shortened or self._full_text:
            self._full_text = not self._full_text
            self._fit()

    def _save(self) -> None:
        if self.round is not None:
            self.round.save()

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self.notify(BUSY_NOTICE, title="Saving", severity="warning")
        else:
            self.notify("Saved.", timeout=2)

    def _ended(self) -> None:
        """The round is over (stored by the round): show its results unless aborted."""
        speed_round = self.round
        assert speed_round is not None
        gc_pause.release_full_collections()
        self.refresh_bindings()
        if self._ticker is not None:
            self._ticker.pause()
        if speed_round.aborted:
            return
        # The results are read back from the database: they wait for the round's end,
        # which the saver commits after every answer (in order, on its one thread).
        self._saver.submit(_nothing, self._show_results)

    def _show_results(self, _: object) -> None:
        speed_round = self.round
        assert speed_round is not None
        results = SpeedResultsScreen(
            self.store,
            speed_round.result(),
            speed_round.missed,
            deck_title=self.deck_title,
            ran_out=speed_round.ran_out,
        )
        self.app.push_screen(results, self._after_results)

    def _after_results(self, choice: ResultsChoice | None) -> None:
        assert self.round is not None
        if choice == "replay":
            self.round = self.round.again(self.round.seed)
            self.begin()
        elif choice == "new":
            self.round = self.round.again()
            self.begin()
        else:
            self.dismiss(None)

    def action_abort(self) -> None:
        """Escape: abort the round (stored, never ranked) and leave; on a running round,
        only at the second press."""
        if self.round is not None and self.round.running:
            if not self._confirmed("escape", "Press Escape again to abort this round"):
                return
            self.round.finish(aborted=True)
            self._ended()
        self.dismiss(None)

    async def action_quit(self) -> None:
        """q: quit the app; on a running round, only at the second press (the round is
        then stored as aborted, on_unmount)."""
        running = self.round is not None and self.round.running
        if running and not self._confirmed("q", "Press q again to quit"):
            return
        await self.app.action_quit()

    def _confirmed(self, key: str, ask: str) -> bool:
        """Whether `key` was already pressed once on this round; if not, ask for it
        again on the feedback line (kept until an answer or a second press)."""
        if self._confirming == key:
            return True
        self._confirming = key
        feedback = self.query_one("#feedback", Static)
        feedback.set_classes("-confirm")
        self.feedback_until = None
        feedback.update(f"{ask} (the round is kept, never ranked).", layout=False)
        return False

    def on_unmount(self) -> None:
        gc_pause.release_full_collections()
        # The app quit (q, ctrl+q) mid-round: the round is stored as aborted.
        if self.round is not None and self.round.running:
            self.round.finish(aborted=True)

    # -- drawing ------------------------------------------------------------------------

    def _draw_score(self) -> None:
        # Fixed-width widgets (speed.tcss): a repaint, no layout.
        score = self.round.score if self.round is not None else None
        points, streak = (score.score, score.streak) if score is not None else (0, 0)
        self.query_one("#score", Static).update(f"score {points}", layout=False)
        self.query_one("#streak", Static).update(f"streak {streak}", layout=False)

    def _draw_feedback(self, answered: Answered | None) -> None:
        feedback = self.query_one("#feedback", Static)
        # Classes on the widget, not the screen: restyling the whole screen on every
        # answer would cost more than a frame.
        feedback.set_class(answered is not None and answered.correct, "-right")
        feedback.set_class(answered is not None and not answered.correct, "-wrong")
        feedback.set_class(False, "-confirm")
        if answered is None:
            self.feedback_until = None
            feedback.update("", layout=False)
        elif answered.correct:
            feedback.update(f"✓ Right  +{answered.points}", layout=False)
        else:
            right = inline_text(answered.question.answer).plain
            text, _ = clamp(
                f"✗ Wrong, it was {answered.question.right + 1}: {right}",
                feedback.content_region.width,
                feedback.content_region.height,
            )
            feedback.update(literal(text), layout=False)  # fixed size (speed.tcss)


def _nothing() -> None:
    """A write that writes nothing: queued after others, its follow-up runs once they
    have committed."""
