"""The results of a speed round: the score, accuracy, average response time, the
personal best (with a clear "new best"), for a class challenge the player's place
("3rd of 24": every player's first finished attempt; read again every few seconds, as
the rest of the class finishes), the top-10 table, every missed
question with its right answer and the options most often confused on this deck.

`SpeedResultsScreen` dismisses with "replay" (`r`, the same seed), "new" (`n`, a new
seed) or "home" (Escape: back to the screen the round was started from); `q` quits the
app. Card text is drawn literally (no markup, control characters stripped).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quizzer.core.challenge import ordinal
from quizzer.core.speed import (
    FLOOR_POINTS,
    FLOOR_POINTS_MS,
    FULL_POINTS,
    FULL_POINTS_MS,
    STREAK_CAP,
    STREAK_STEP,
)
from quizzer.errors import QuizzerError
from quizzer.sessions.leaderboard import LEADERBOARD_COLUMNS, leaderboard_row
from quizzer.tui.inline_text import inline_text
from quizzer.tui.text import literal
from quizzer.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from quizzer.sessions.speed import Answered
    from quizzer.store import Store
    from quizzer.store.speed import ConfusedOption
    from quizzer.store.speed import SpeedRound as StoredRound

__all__ = ["ResultsChoice", "SpeedResultsScreen", "scoring_rules"]

ResultsChoice = Literal["replay", "new", "home"]


def _standing_text(store: Store, speed_round: StoredRound) -> str | None:
    """Where the round's player stands in the round's class challenge ("3rd of 24"),
    None for a round of one's own."""
    code = speed_round.challenge
    if code is None:
        return None
    board = store.challenge_standings(code)
    mine = next((s for s in board if s.attempt.player == speed_round.player), None)
    who = speed_round.player
    if mine is None:
        return f"Challenge {code}: {who} has no finished attempt yet ({len(board)} players)"
    place = f"{ordinal(mine.rank)} of {mine.of}"
    if mine.attempt.id == speed_round.id:
        return f"Challenge {code}: {who} is {place}"
    return f"Challenge {code}: {who} is {place} (the first finished attempt counts)"


def scoring_rules() -> str:
    """The scoring rules in one sentence, for the results screen."""
    return (
        f"Scoring: a right answer earns {FULL_POINTS} within {FULL_POINTS_MS / 1000:g} s, "
        f"falling linearly to {FLOOR_POINTS} at {FLOOR_POINTS_MS // 1000} s "
        f"({FLOOR_POINTS} after); +{STREAK_STEP} streak bonus for each right answer in a "
        f"row after the first (at most +{STREAK_CAP}); a wrong answer earns 0 and breaks "
        "the streak."
    )


class SpeedResultsScreen(Screen[ResultsChoice]):
    """A finished round's results, the deck's leaderboard for its length, and mistakes."""

    CSS_PATH = "speed_results.tcss"
    STANDINGS_EVERY_S: ClassVar[float] = 5.0
    """How often a challenge's place is read again: the class finishes after one another."""
    # The tooltips are the help screen's lines for these keys (screens/help.py).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r", "choose('replay')", "Replay seed", tooltip="replay the same questions (same seed)"
        ),
        Binding("n", "choose('new')", "New seed", tooltip="play a new seed"),
        Binding("escape", "choose('home')", "Back", tooltip="back to where the round started"),
        Binding("q", "app.quit", "Quit"),  # the app's key, listed in this footer too
    ]

    def __init__(
        self,
        store: Store,
        speed_round: StoredRound,
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
        self.standing = _standing_text(store, speed_round)

    def compose(self) -> ComposeResult:
        r = self.round
        with Horizontal(id="topbar"):
            yield Static(literal(self.deck_title, one_line=True), id="deck-title")
            yield Static(f"{r.seconds} s round · seed {r.seed}", id="round-info", markup=False)
        with VerticalScroll(id="results"):
            ending = "Out of questions" if self.ran_out else "Time's up"
            yield Static(f"{ending}: {r.score} points", id="final-score", markup=False)
            yield Static(self._best_text(), id="best", markup=False)
            if self.standing is not None:
                yield Static(literal(self.standing), id="challenge-standing")
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
        table.add_columns(*LEADERBOARD_COLUMNS, "")
        for rank, entry in enumerate(self.board, 1):
            this_round = "◀ this round" if entry.id == self.round.id else ""
            table.add_row(*leaderboard_row(rank, entry), this_round)
        if not self.board:
            table.display = False
        if self.standing is not None:
            self.set_interval(self.STANDINGS_EVERY_S, self._read_standing)

    def _read_standing(self) -> None:
        """The place again, now that more of the class may have finished (a server that
        is away leaves the last place read on the screen)."""
        try:
            standing = _standing_text(self.store, self.round)
        except QuizzerError:
            return
        if standing is not None and standing != self.standing:
            self.standing = standing
            self.query_one("#challenge-standing", Static).update(literal(standing))

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
            prompt = inline_text(question.prompt).plain  # (as the round showed them)
            text.append(f"{index + 1:>2}. {prompt}\n", style="bold")
            text.append(f"    right: {inline_text(question.answer).plain}\n")
            text.append(f"    yours: {inline_text(question.options[missed.chosen]).plain}")
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
        text.append(inline_text(item.chosen).plain, style="bold")
        text.append(" instead of ")
        text.append(inline_text(item.right).plain, style="bold")
    return text
