"""Review: one card at a time, front as Markdown, reveal, grade 0-5 (SM-2).

Every grade is committed by the ReviewSession before the next card is drawn, so `q`
may quit at any moment. Grades and undo are written through a `Saver`: when another
program holds the database's write lock, the screen says so and stays responsive, takes
no second grade until the first is saved, and `q` waits for it. Choice and true/false
cards are answered by picking an option, which reveals the back and suggests a grade the
learner confirms or changes.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, ProgressBar, Static

from quizzer.core.sm2 import GRADE_MEANINGS, RIGHT_GRADE, WRONG_GRADE
from quizzer.errors import QuizzerError
from quizzer.tui.saving import BUSY_NOTICE, Saver
from quizzer.tui.text import clean, literal
from quizzer.tui.widgets.grade_legend import GradeLegend

if TYPE_CHECKING:
    from quizzer.core.cards import Card, CardKind
    from quizzer.core.schedule import QueueSettings
    from quizzer.sessions.review import ReviewSession
    from quizzer.store import ReviewEntry, Store

__all__ = ["ReviewScreen", "choice_options"]

PROMPTS: dict[CardKind, str] = {
    "term": "What does this term mean?",
    "term_reverse": "Which term is this?",
    "model": "Explain this mental model.",
    "mapping": "Which concept does this stand for?",
    "confusion": "Clear up this confusion.",
    "basic": "Question",
    "basic_reverse": "Question",
    "cloze": "Fill the gap.",
    "choice": "Pick the answer.",
    "true_false": "True or false?",
}
KIND_LABELS: dict[CardKind, str] = {
    "term": "term",
    "term_reverse": "term, reversed",
    "model": "mental model",
    "mapping": "mental model part",
    "confusion": "common confusion",
    "basic": "card",
    "basic_reverse": "card, reversed",
    "cloze": "cloze",
    "choice": "multiple choice",
    "true_false": "true or false",
}
DEMOTED_NOTICE = (
    "This card was already graded today in another quizzer window: this grade is logged "
    "as a re-drill and the schedule is unchanged."
)
_WRITING_ACTIONS = frozenset({"digit", "enter", "verdict", "undo", "edit", "practice", "finish"})
"""Actions that write, or read the session a pending write is still changing."""


def choice_options(card: Card, seed: int) -> list[str]:
    """The options a choice card shows: its answer and distractors in a seeded order
    (the same card and seed always give the same order). True/false: True, False."""
    if card.kind == "true_false":
        return ["True", "False"]
    options = [card.answer, *card.distractors]
    random.Random(f"{seed}:{card.id}").shuffle(options)
    return options


def _minutes(seconds: float) -> str:
    whole = max(int(seconds), 0)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class ReviewScreen(Screen[None]):
    """Reviews a deck's queue for today. When the queue empties (or on Escape) the
    session summary is shown on top; `u` there comes back here and undoes the last
    grade, anything else dismisses this screen."""

    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "reveal", "Reveal"),
        Binding("enter", "enter", "Reveal / confirm", show=False, priority=True),
        *(Binding(str(n), f"digit({n})", show=False) for n in range(10)),
        Binding("t", "verdict(True)", "True"),
        Binding("f", "verdict(False)", "False"),
        Binding("u", "undo", "Undo"),
        Binding("e", "edit", "Edit card"),
        Binding("p", "practice", "Practice"),
        Binding("escape", "finish", "End session"),
    ]

    def __init__(
        self,
        store: Store,
        deck_id: str,
        *,
        clock: Callable[[], datetime],
        settings: QueueSettings,
        seed: int = 0,
    ) -> None:
        super().__init__()
        self.store = store
        self.deck_id = deck_id
        self.clock = clock
        self.settings = settings
        self.seed = seed
        self.session: ReviewSession | None = None
        self.card: Card | None = None
        self.revealed = False
        self.options: list[str] = []
        self.picked: int | None = None
        self.suggested: int | None = None
        self._started = clock()
        self._shown_at = self._started
        self._answered_at: datetime | None = None
        self._suspended_at: datetime | None = None
        self._fresh: dict[str, Card] = {}
        """Cards re-read after an edit in $EDITOR, by id (the session keeps its own)."""
        self._practice_only = False
        """Practising because nothing was due: practice cannot be switched off."""
        self._saver = Saver(self, self._busy_changed)

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The session and its first card are ready before the widgets exist, so that the
        # first frame already shows the card (no empty layout that is redone at once).
        from quizzer.sessions.review import ReviewSession

        self.session = ReviewSession(
            self.store, self.deck_id, clock=self.clock, settings=self.settings, seed=self.seed
        )
        self._load_current()
        self._set_state_classes()
        card = self.card
        with Horizontal(id="topbar"):
            yield Static(literal(self._deck_title(), one_line=True), id="deck-title")
            yield Static("PRACTICE", id="practice-badge", markup=False)
            yield Static(self._kind_text(), id="card-kind", markup=False)
        with Horizontal(id="status"):
            yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="progress")
            yield Static(self._counts_text(), id="counts", markup=False)
            yield Static(self._redrill_text(), id="redrill", markup=False)
            yield Static(self._timer_text(), id="timer", markup=False)
        with VerticalScroll(id="card"):
            yield Static(self._prompt_text(), id="prompt", markup=False)
            yield Markdown(clean(card.front) if card else "", id="front", open_links=False)
            yield Static(self._options_text(), id="options", markup=False)
            yield Static("Answer", id="answer-label", markup=False)
            yield Markdown("", id="back", open_links=False)
            yield Static("" if card else self._nothing_due_text(), id="nothing-due", markup=False)
        yield Static(self._hint_text(), id="hint", markup=False)
        yield GradeLegend(GRADE_MEANINGS, id="legend")
        yield Footer()

    def on_mount(self) -> None:
        self._update_progress()
        self.set_interval(1.0, self._tick)

    def on_screen_suspend(self) -> None:
        self._suspended_at = self.clock()

    def on_screen_resume(self) -> None:
        """Time away on another screen (help, a speed round from the palette) is not
        part of the response time of the card left on screen."""
        if self._suspended_at is not None:
            self._shown_at += self.clock() - self._suspended_at
            self._suspended_at = None

    def on_resize(self) -> None:
        # Short terminals get the two-line legend, leaving room for the card.
        self.query_one(GradeLegend).compact = self.size.height < 24

    def _deck_title(self) -> str:
        for deck in self.store.deck_summaries(self.app_today(), [self.deck_id]):
            return deck.title
        return self.deck_id

    def app_today(self) -> date:
        from quizzer.core.schedule import study_day

        return study_day(self.clock(), self.settings.day_starts_at)

    # -- drawing ------------------------------------------------------------------------

    @property
    def _session(self) -> ReviewSession:
        assert self.session is not None, "the session starts in compose"
        return self.session

    def _load_current(self) -> None:
        """Take the session's current card, unrevealed (state only, nothing drawn)."""
        card = self._session.current
        self.card = self._fresh.get(card.id, card) if card is not None else None
        if card is None:  # also after undoing back past the start of practice
            self._practice_only = False
        self.revealed = False
        self.picked = None
        self.suggested = None
        self._shown_at = self.clock()
        self._answered_at = None
        self.options = (
            choice_options(self.card, self.seed)
            if self.card is not None and self.card.kind in ("choice", "true_false")
            else []
        )

    def _set_state_classes(self) -> None:
        """The screen's classes for the current state, changed in one restyle."""
        wanted = {
            "-practice": self._session.practice,
            "-nothing-due": self.card is None,
            "-revealed": self.revealed and self.card is not None,
            "-has-options": bool(self.options),
        }
        classes = (set(self.classes) - set(wanted)) | {name for name, on in wanted.items() if on}
        if classes != set(self.classes):
            self.set_classes(" ".join(sorted(classes)))

    async def _show_current(self) -> None:
        """Draw the session's current card, unrevealed (or the nothing-due state)."""
        self._load_current()
        front = clean(self.card.front) if self.card is not None else ""
        await self.query_one("#front", Markdown).update(front)
        await self.query_one("#back", Markdown).update("")
        self.query_one("#card-kind", Static).update(self._kind_text())
        self.query_one("#prompt", Static).update(self._prompt_text())
        nothing_due = "" if self.card is not None else self._nothing_due_text()
        self.query_one("#nothing-due", Static).update(nothing_due)
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        self._draw_state()

    def _kind_text(self) -> str:
        if self.card is None:
            return ""
        label = KIND_LABELS[self.card.kind]
        return label + (" · re-drill" if self._session.is_redrill else "")

    def _prompt_text(self) -> str:
        return PROMPTS[self.card.kind] if self.card is not None else ""

    def _total(self) -> int:
        """Answers given plus answers still to give (scheduled cards and re-drills)."""
        session = self._session
        return session.done + session.remaining + session.redrill_pending

    def _counts_text(self) -> str:
        return f"{self._session.done}/{self._total()}"

    def _redrill_text(self) -> str:
        return f"re-drill {self._session.redrill_pending}"

    def _nothing_due_text(self) -> str:
        next_due = self._session.next_due()
        if next_due is None:
            when = "No card of this deck is scheduled yet."
        else:
            days = (next_due - self.app_today()).days
            relative = "tomorrow" if days == 1 else f"in {days} days" if days > 1 else "today"
            when = f"The next card is due {relative} ({next_due.isoformat()})."
        done = "" if not self._session.done else f"You reviewed {self._session.done} today. "
        return (
            f"Nothing is due now. {done}{when}\n\n"
            "Press p to practise every card anyway (the schedule is not changed), "
            "Escape to end the session, q to quit."
        )

    def _draw_state(self) -> None:
        """Everything that depends on revealed / picked / the session's counters."""
        self._set_state_classes()
        self._update_progress()
        self.query_one("#counts", Static).update(self._counts_text())
        self.query_one("#redrill", Static).update(self._redrill_text())
        self._tick()
        self.query_one("#options", Static).update(self._options_text())
        self.query_one(GradeLegend).suggested = self.suggested
        self.query_one("#hint", Static).update(self._hint_text())
        self.refresh_bindings()

    def _update_progress(self) -> None:
        progress = self._session.done
        self.query_one("#progress", ProgressBar).update(
            total=max(self._total(), 1), progress=progress
        )

    def _options_text(self) -> Text:
        text = Text()
        card = self.card
        if card is None:
            return text
        for index, option in enumerate(self.options):
            key = ("t", "f")[index] if card.kind == "true_false" else str(index + 1)
            right = option == card.answer
            style, mark = "", ""
            if self.revealed and right:
                style, mark = "bold green", "  ✓ right answer"
            elif self.revealed and index == self.picked:
                style, mark = "bold red", "  ✗ your answer"
            text.append(f" {key} ", style="reverse")
            text.append(f" {clean(option, one_line=True)}{mark}", style=style)
            if index < len(self.options) - 1:
                text.append("\n")
        return text

    def _hint_text(self) -> str:
        if self._saver.busy:
            return BUSY_NOTICE
        card = self.card
        if card is None:
            return "p practise all cards · Esc end session · q quit"
        if not self.revealed:
            if card.kind == "true_false":
                return "t true · f false · space show the answer"
            if self.options:
                return f"1-{len(self.options)} pick an option · space show the answer"
            return "space / enter show the answer"
        if self.suggested is not None:
            right = "right" if self.suggested == RIGHT_GRADE else "wrong"
            return f"Your pick was {right}: Enter grades {self.suggested}, or press 0-5"
        return "How well did you know it? Press 0-5"

    def _timer_text(self) -> str:
        return f"time {_minutes((self.clock() - self._started).total_seconds())}"

    def _tick(self) -> None:
        self.query_one("#timer", Static).update(self._timer_text())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._saver.pending and action in _WRITING_ACTIONS:
            return False  # one answer at a time: the pending one is saved first
        card = self.card
        if action == "reveal":
            return card is not None and not self.revealed
        if action == "verdict":
            return card is not None and card.kind == "true_false" and not self.revealed
        if action in ("edit",):
            return card is not None
        return True

    # -- actions ------------------------------------------------------------------------

    async def action_reveal(self) -> None:
        if self.card is None or self.revealed:
            return
        await self._reveal()

    async def _reveal(self) -> None:
        assert self.card is not None
        self.revealed = True
        self._answered_at = self.clock()
        # The screen's state classes first: changed after the back is mounted, they would
        # restyle every block of the back a second time.
        self._set_state_classes()
        await self.query_one("#back", Markdown).update(clean(self.card.back))
        self._draw_state()

    async def action_enter(self) -> None:
        if self.card is None:
            return
        if not self.revealed:
            await self._reveal()
        elif self.suggested is not None:
            await self._grade(self.suggested)

    async def action_digit(self, number: int) -> None:
        if self.card is None:
            return
        if self.revealed:
            if number in GRADE_MEANINGS:
                await self._grade(number)
            return
        if self.options and self.card.kind != "true_false":
            if 1 <= number <= len(self.options):
                await self._pick(number - 1)
            return
        self.notify("Show the answer first (space), then grade it 0-5.", timeout=3)

    async def action_verdict(self, verdict: bool) -> None:
        if self.card is not None and self.card.kind == "true_false" and not self.revealed:
            await self._pick(0 if verdict else 1)

    async def _pick(self, index: int) -> None:
        assert self.card is not None
        self.picked = index
        right = self.options[index] == self.card.answer
        self.suggested = RIGHT_GRADE if right else WRONG_GRADE
        await self._reveal()

    async def _grade(self, quality: int) -> None:
        if self._saver.pending:
            return
        session = self._session
        now = self.clock()
        answered = self._answered_at or now
        response_ms = max(int((answered - self._shown_at).total_seconds() * 1000), 0)
        scheduled = not session.practice and not session.is_redrill

        async def graded(entry: ReviewEntry) -> None:
            if scheduled and entry.kind == "redrill":
                self.notify(DEMOTED_NOTICE, timeout=6, markup=False)
            if session.current is None:
                self._show_summary()
            else:
                await self._show_current()

        await self._saver.save(lambda: session.grade(quality, response_ms, at=now), graded)

    async def action_undo(self) -> None:
        if not self._saver.pending:
            await self._saver.save(self._session.undo, self._undone)

    async def _undone(self, undone: bool) -> None:
        if undone:
            await self._show_current()
            self.notify("Last grade undone.", timeout=2)
        else:
            self.notify("Nothing to undo in this session.", severity="warning", timeout=3)

    def _busy_changed(self, busy: bool) -> None:
        self.set_class(busy, "-saving")
        self.query_one("#hint", Static).update(self._hint_text())
        self.refresh_bindings()

    async def action_practice(self) -> None:
        session = self._session
        if session.current is None:
            session.start_practice()
            if session.current is None:
                self.notify("This deck has no cards to practise.", severity="warning")
                return
            self._practice_only = True
            self.notify("Practice mode: grades are logged, the schedule is not changed.")
        elif self._practice_only:
            # These cards are not due: grading them as scheduled reviews would move them.
            self.notify("Nothing is due, so this session stays in practice mode.", timeout=3)
            return
        else:
            session.practice = not session.practice
            state = "on" if session.practice else "off"
            self.notify(f"Practice mode {state}.", timeout=2)
        await self._show_current()

    def action_finish(self) -> None:
        self._show_summary()

    def _show_summary(self) -> None:
        from quizzer.tui.screens.summary import SummaryScreen

        summary = SummaryScreen(self._session.summary(), can_undo=self._session.done > 0)
        self.app.push_screen(summary, self._summary_closed)

    async def _summary_closed(self, undo: bool | None) -> None:
        if undo:
            await self.action_undo()
        else:
            self.dismiss(None)

    async def action_edit(self) -> None:
        """Open the card's YAML in $EDITOR at its line, then reload the deck."""
        from quizzer.library import sync_decks
        from quizzer.tui.editor import editor_command

        card = self.card
        if card is None:
            return
        path = self._deck_path()
        if path is None:
            self.notify("This deck's file is not known.", severity="error")
            return
        try:
            command = editor_command(path, card.line)
        except QuizzerError as error:
            self.notify(str(error), severity="error")  # the app shows notifications as text
            return
        try:
            try:
                with self.app.suspend():
                    subprocess.run(command, check=False)
            except SuspendNotSupported:  # headless (tests): nothing to hand the terminal to
                subprocess.run(command, check=False, stdin=subprocess.DEVNULL)
        except OSError as error:
            self.notify(f"Cannot run {command[0]}: {error.strerror}", severity="error")
            return
        self.app.refresh()
        results = sync_decks(self.store, [path])
        errors = [error for result in results for error in result.errors]
        if errors:
            shown = "\n".join(error.render() for error in errors[:3])
            more = f"\n(+{len(errors) - 3} more)" if len(errors) > 3 else ""
            self.notify(
                f"The deck was not reloaded:\n{shown}{more}",
                title="Deck has errors",
                severity="error",
                timeout=10,
            )
            return
        self._fresh = {fresh.id: fresh for fresh in self.store.cards(self.deck_id)}
        self.notify("Deck reloaded.", timeout=2)
        revealed = self.revealed
        await self._show_current()
        if revealed:
            await self._reveal()

    def _deck_path(self) -> Path | None:
        source = self.store.deck_source(self.deck_id)
        return Path(source) if source else None
