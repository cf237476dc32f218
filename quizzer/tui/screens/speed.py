"""The speed challenge: a timed round of multiple-choice questions, then its results.

`SpeedScreen` plays rounds: a countdown (bar and seconds), the question, numbered options
(keys 1-4), instant feedback that stays for FEEDBACK_SECONDS without blocking the next
key, and the running score and streak. The round ends when time is up or the questions
run out; Escape aborts it (stored as aborted). Time comes from an injectable monotonic
clock (`clock`), read on every key press and by a 10 Hz tick, so tests drive the round
with a fake clock and no sleeping.

A key press is answered in two frames: the next frame repaints only the feedback, score
and streak (fixed-size widgets, no layout), so it stays well within 16 ms; the frame
after that lays out the next question. The answer is committed (fsync) between the two,
after the feedback frame has been drawn: a crash loses at most the answer whose feedback
is on its way to the screen. bench/bench_speed.py measures both frames. Answers and the
round's end are written through a `Saver`: when another program holds the database's
write lock, the round goes on, the answers wait in order and are saved once it frees.

`SpeedResultsScreen` shows the score, accuracy, average response time, the personal best
(with a clear "new best"), the top-10 table, every missed question with its right answer
and the options most often confused on this deck. It dismisses with "replay" (`r`, the
same seed), "new" (`n`, a new seed) or "home" (Escape: back to the screen the round was
started from); `q` quits the app.

Card text is drawn literally (no markup, control characters stripped).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, ProgressBar, Static

from quizzer.core.speed import (
    FLOOR_POINTS,
    FLOOR_POINTS_MS,
    FULL_POINTS,
    FULL_POINTS_MS,
    MAX_OPTIONS,
    STREAK_CAP,
    STREAK_STEP,
    DeckTooSmall,
    Question,
    RoundScore,
    round_questions,
)
from quizzer.tui.saving import BUSY_NOTICE, Saver
from quizzer.tui.text import literal, one_line

if TYPE_CHECKING:
    from quizzer.core.cards import Card
    from quizzer.store import Store
    from quizzer.store.speed import ConfusedOption, SpeedRound

__all__ = [
    "FEEDBACK_SECONDS",
    "Answered",
    "ResultsChoice",
    "SpeedResultsScreen",
    "SpeedScreen",
    "scoring_rules",
]

FEEDBACK_SECONDS = 0.6
TICK_SECONDS = 0.1
ResultsChoice = Literal["replay", "new", "home"]
Clock = Callable[[], float]
WallClock = Callable[[], datetime]


def scoring_rules() -> str:
    """The scoring rules in one sentence, for the results screen."""
    return (
        f"Scoring: a right answer earns {FULL_POINTS} within {FULL_POINTS_MS / 1000:g} s, "
        f"falling linearly to {FLOOR_POINTS} at {FLOOR_POINTS_MS // 1000} s "
        f"({FLOOR_POINTS} after); +{STREAK_STEP} streak bonus for each right answer in a "
        f"row after the first (at most +{STREAK_CAP}); a wrong answer earns 0 and breaks "
        "the streak."
    )


@dataclass(frozen=True, slots=True)
class Answered:
    """A question as the player answered it."""

    question: Question
    chosen: int
    response_ms: int
    points: int

    @property
    def correct(self) -> bool:
        return self.chosen == self.question.right


def _new_seed() -> int:
    return random.SystemRandom().randrange(1, 1_000_000)  # short enough to type as --seed


def _wall_now() -> datetime:
    return datetime.now(UTC)


class SpeedScreen(Screen[None]):
    """A speed-challenge round on one deck; replays from its results screen. Dismisses
    (None) when the player goes home or aborts."""

    CSS_PATH = "speed.tcss"
    # Under 28 rows (80x24) the screen is "-short": tighter spacing (speed.tcss), so that
    # four options of three lines still fit without scrolling in a timed round. (Textual
    # declares this attribute without ClassVar, so it cannot be annotated as one here.)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"answer({n})", "Answer", show=n == 1, key_display="1-4")
            for n in range(1, MAX_OPTIONS + 1)
        ),
        Binding("escape", "abort", "Abort round"),
    ]

    def __init__(
        self,
        store: Store,
        deck_id: str,
        seconds: int = 60,
        seed: int | None = None,
        *,
        clock: Clock = time.monotonic,
        now: WallClock | None = None,
        new_seed: Callable[[], int] = _new_seed,
    ) -> None:
        super().__init__()
        self.store = store
        self.deck_id = deck_id
        self.seconds = seconds
        self.seed = seed if seed is not None else new_seed()
        self.clock = clock
        self._now = now
        self._new_seed = new_seed
        self.cards: list[Card] = []
        self.deck_title = deck_id
        self.error: str | None = None
        self.round_id: int | None = None
        self.score = RoundScore()
        self.question: Question | None = None
        self.answered: list[Answered] = []
        self.over = True
        self.started = 0.0
        self.deadline = 0.0
        self.shown_at = 0.0
        self.feedback_until: float | None = None
        self._questions: Iterator[Question] = iter(())
        self._unsaved: list[tuple[int, Answered, RoundScore]] = []
        self._ticker: Timer | None = None
        self._shown_seconds: int | None = None
        self._saver = Saver(self, self._busy_changed)

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
        from quizzer.core.schedule import study_day

        if self._now is None:
            self._now = getattr(self.app, "clock", None) or _wall_now
        for deck in self.store.deck_summaries(study_day(self._now()), [self.deck_id]):
            self.deck_title = deck.title
        self.query_one("#deck-title", Static).update(one_line(self.deck_title))
        self.cards = self.store.cards(self.deck_id)
        self._ticker = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self.begin(self.seed)

    # -- the round ----------------------------------------------------------------------

    def begin(self, seed: int) -> None:
        """Start a round with `seed` (stored at once, as unfinished)."""
        self.seed = seed
        try:
            self._questions = round_questions(
                self.cards, seed=seed, seconds=self.seconds, deck_name=self.deck_title
            )
        except DeckTooSmall as error:
            self.error = str(error)
            self.set_class(True, "-too-small")
            self.query_one("#too-small", Static).update(
                f"{literal(self.error)}\n\nPress Escape to go back."
            )
            return
        assert self._now is not None
        self.round_id = self.store.start_round(
            self.deck_id, seed=seed, seconds=self.seconds, started_at=self._now()
        )
        self.score = RoundScore()
        self.answered = []
        self.over = False
        self.feedback_until = None
        self.started = self.clock()
        self.deadline = self.started + self.seconds
        self._shown_seconds = None
        self.query_one("#round-info", Static).update(f"{self.seconds} s round · seed {seed}")
        self.query_one("#countdown", ProgressBar).update(total=self.seconds, progress=0)
        self._draw_feedback(None)
        self._draw_score()
        self._next_question(self.started)
        if self._ticker is not None:
            self._ticker.resume()
        self.refresh_bindings()
        self.tick()

    def tick(self) -> None:
        """Advance the countdown, hide stale feedback, end the round when time is up."""
        if self.over:
            return
        now = self.clock()
        if now >= self.deadline:
            self.end()
            return
        left = self.deadline - now
        seconds_left = int(left + 0.999)
        if seconds_left != self._shown_seconds:
            self._shown_seconds = seconds_left
            self.query_one("#time-left", Static).update(f"{seconds_left:>4} s")
            self.query_one("#countdown", ProgressBar).update(progress=self.seconds - left)
        if self.feedback_until is not None and now >= self.feedback_until:
            self._draw_feedback(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return not self.over  # hidden from the footer when no round is running
        return True

    def action_answer(self, number: int) -> None:
        question = self.question
        if self.over or question is None or number > len(question.options):
            return
        now = self.clock()
        if now >= self.deadline:
            self.end()
            return
        response_ms = max(round((now - self.shown_at) * 1000), 0)
        chosen = number - 1
        points = self.score.record(chosen == question.right, response_ms)
        answered = Answered(question, chosen, response_ms, points)
        self.answered.append(answered)
        self._unsaved.append((len(self.answered) - 1, answered, replace(self.score)))
        # Next frame: the feedback and the score, repainted in place (no layout). The
        # question is drawn after that frame, and the answer committed (module docstring).
        self._draw_feedback(answered)
        self.feedback_until = now + FEEDBACK_SECONDS
        self._draw_score()
        self._next_question(now, draw_later=True)

    def _next_question(self, now: float, *, draw_later: bool = False) -> None:
        question = next(self._questions, None)
        if question is None:
            self.end()
            return
        self.question = question
        self.shown_at = now
        if draw_later:
            self.call_after_refresh(self._draw_question, question)
        else:
            self._draw_question(question)

    def _draw_question(self, question: Question) -> None:
        if question is not self.question:
            return  # already answered (two keys within a frame): the next one is drawn
        self.call_after_refresh(self._save)
        self.query_one("#ask", Static).update(one_line(question.ask))
        self.query_one("#prompt", Static).update(literal(question.prompt))
        for n in range(1, MAX_OPTIONS + 1):
            row = self.query_one(f"#option-{n}", Horizontal)
            if n <= len(question.options):
                row.query_one(".text", Static).update(one_line(question.options[n - 1]))
                row.display = True
            else:
                row.display = False
        self.query_one("#question", VerticalScroll).scroll_home(animate=False)

    def _save(self) -> None:
        """Commit the answers drawn so far (each with the round's totals after it); in
        the background while the database is busy."""
        if self.round_id is None:
            return
        while self._unsaved:
            position, answered, totals = self._unsaved.pop(0)
            write = partial(
                self.store.record_speed_answer,
                self.round_id,
                position=position,
                question=answered.question,
                chosen=answered.chosen,
                response_ms=answered.response_ms,
                points=answered.points,
                totals=totals,
            )
            self._saver.submit(write)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self.notify(BUSY_NOTICE, title="Saving", severity="warning", markup=False)
        else:
            self.notify("Saved.", timeout=2)

    def end(self, *, aborted: bool = False) -> None:
        """Close the round (time up, questions out, or aborted) and store it."""
        if self.over or self.round_id is None:
            return
        self.over = True
        self.refresh_bindings()
        if self._ticker is not None:
            self._ticker.pause()
        self._save()
        assert self._now is not None
        finish = partial(
            self.store.finish_round, self.round_id, finished_at=self._now(), aborted=aborted
        )
        # The results are read back from the database, so they wait for the round's end.
        ran_out = self.clock() < self.deadline
        self._saver.submit(finish, None if aborted else partial(self._show_results, ran_out))

    def _show_results(self, ran_out: bool, _: object) -> None:
        assert self.round_id is not None
        stored = self.store.speed_round(self.round_id)
        assert stored is not None
        results = SpeedResultsScreen(
            self.store,
            stored,
            [a for a in self.answered if not a.correct],
            deck_title=self.deck_title,
            ran_out=ran_out,
        )
        self.app.push_screen(results, self._after_results)

    def _after_results(self, choice: ResultsChoice | None) -> None:
        if choice == "replay":
            self.begin(self.seed)
        elif choice == "new":
            self.begin(self._new_seed())
        else:
            self.dismiss(None)

    def action_abort(self) -> None:
        self.end(aborted=True)
        self.dismiss(None)

    def on_unmount(self) -> None:
        # The app quit (q, ctrl+q) mid-round: the round is stored as aborted.
        if not self.over and self.round_id is not None:
            self.end(aborted=True)

    # -- drawing ------------------------------------------------------------------------

    def _draw_score(self) -> None:
        # Fixed-width widgets (speed.tcss): a repaint, no layout.
        self.query_one("#score", Static).update(f"score {self.score.score}", layout=False)
        self.query_one("#streak", Static).update(f"streak {self.score.streak}", layout=False)

    def _draw_feedback(self, answered: Answered | None) -> None:
        feedback = self.query_one("#feedback", Static)
        # Classes on the widget, not the screen: restyling the whole screen on every
        # answer would cost more than a frame.
        feedback.set_class(answered is not None and answered.correct, "-right")
        feedback.set_class(answered is not None and not answered.correct, "-wrong")
        if answered is None:
            self.feedback_until = None
            feedback.update("", layout=False)
        elif answered.correct:
            feedback.update(f"✓ Right  +{answered.points}", layout=False)
        else:
            right = one_line(answered.question.answer)
            text = f"✗ Wrong, it was {answered.question.right + 1}: {right}"
            feedback.update(text, layout=False)  # fixed size (speed.tcss)


class SpeedResultsScreen(Screen[ResultsChoice]):
    """A finished round's results, the deck's leaderboard for its length, and mistakes."""

    CSS_PATH = "speed.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('replay')", "Replay seed"),
        Binding("n", "choose('new')", "New seed"),
        Binding("escape", "choose('home')", "Back"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        store: Store,
        speed_round: SpeedRound,
        missed: list[Answered],
        *,
        deck_title: str,
        ran_out: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.round = speed_round
        self.missed = missed
        self.deck_title = deck_title
        self.ran_out = ran_out
        self.previous_best = store.personal_best(
            speed_round.deck_id, speed_round.seconds, excluding=speed_round.id
        )
        self.new_best = speed_round.score > 0 and (
            self.previous_best is None or speed_round.score > self.previous_best.score
        )
        self.board = store.leaderboard(speed_round.deck_id, speed_round.seconds, 10)
        self.confused = store.often_confused(speed_round.deck_id, 5)

    def compose(self) -> ComposeResult:
        r = self.round
        with Horizontal(id="topbar"):
            yield Static(one_line(self.deck_title), id="deck-title", markup=False)
            yield Static(f"{r.seconds} s round · seed {r.seed}", id="round-info", markup=False)
        with VerticalScroll(id="results"):
            ending = "Out of questions" if self.ran_out else "Time's up"
            yield Static(f"{ending}: {r.score} points", id="final-score", markup=False)
            yield Static(self._best_text(), id="best", markup=False)
            yield Static(self._stats_text(), id="round-stats", markup=False)
            yield Static(f"Top 10 · {r.seconds} s rounds", classes="heading", markup=False)
            yield DataTable(id="leaderboard", show_cursor=False, zebra_stripes=True)
            yield Static(f"Missed ({len(self.missed)})", classes="heading", markup=False)
            yield Static(self._missed_text(), id="missed")
            yield Static("Often confused on this deck", classes="heading", markup=False)
            yield Static(_confused_text(self.confused), id="confused")
            yield Static(scoring_rules(), id="rules", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(self.new_best, "-new-best")
        table = self.query_one("#leaderboard", DataTable)
        table.add_columns("#", "score", "right", "wrong", "accuracy", "streak", "played (UTC)", "")
        for rank, entry in enumerate(self.board, 1):
            answered = entry.correct + entry.wrong
            accuracy = f"{100 * entry.correct / answered:.0f}%" if answered else "-"
            table.add_row(
                str(rank),
                str(entry.score),
                str(entry.correct),
                str(entry.wrong),
                accuracy,
                str(entry.best_streak),
                entry.started_at.strftime("%Y-%m-%d %H:%M"),
                "◀ this round" if entry.id == self.round.id else "",
            )
        if not self.board:
            table.display = False

    def _best_text(self) -> str:
        if self.new_best:
            before = self.previous_best
            was = f" (was {before.score})" if before is not None else ""
            return f"★ NEW BEST for {self.round.seconds} s rounds on this deck!{was}"
        best = self.previous_best
        if best is None:
            return "No personal best yet: score some points to set one."
        when = best.started_at.strftime("%Y-%m-%d")
        return f"Personal best for {self.round.seconds} s rounds: {best.score} ({when})"

    def _stats_text(self) -> str:
        r = self.round
        answered = r.correct + r.wrong
        if not answered:
            return "No questions answered."
        accuracy = 100 * r.correct / answered
        average = sum(a.response_ms for a in r.answers) / len(r.answers) / 1000
        return (
            f"Accuracy {accuracy:.0f}% ({r.correct} of {answered})  ·  "
            f"average response {average:.2f} s  ·  best streak {r.best_streak}"
        )

    def _missed_text(self) -> Text:
        text = Text()
        if not self.missed:
            return Text("None: every answer was right.")
        for index, missed in enumerate(self.missed):
            question = missed.question
            if index:
                text.append("\n")
            text.append(f"{index + 1:>2}. {one_line(question.prompt)}\n", style="bold")
            text.append(f"    right: {one_line(question.answer)}\n")
            text.append(f"    yours: {one_line(question.options[missed.chosen])}")
        return text

    def action_choose(self, choice: ResultsChoice) -> None:
        self.dismiss(choice)


def _confused_text(confused: list[ConfusedOption]) -> Text:
    if not confused:
        return Text("Nothing yet.")
    text = Text()
    for index, item in enumerate(confused):
        if index:
            text.append("\n")
        times = "once" if item.times == 1 else f"{item.times}×"
        text.append(f"• {times:>5}  ")
        text.append(one_line(item.chosen), style="bold")
        text.append(" instead of ")
        text.append(one_line(item.right), style="bold")
    return text
