"""Review: one card at a time, front as Markdown, reveal, grade 0-5 (SM-2).

Every grade is committed by the ReviewSession before the next card is drawn, so `q`
may quit at any moment. Grades and undo go through a `Saver`: while another program
holds the write lock the screen says so, stays responsive and takes no second grade;
`q` waits for it. Choice and true/false picks reveal the back and suggest a grade. `e`
edits the card's (after a leech's lapse: the leech's) file, then syncs it in a worker,
as when the file changes on disk (an import, another window: checked every second).
Texts and option order: screens/review_text.py. Card text: widgets/card_markdown.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from quizzer.core.scheduler import suggested_choice
from quizzer.sessions.review import MORE_NEW
from quizzer.tui.file_stamp import FileStamp
from quizzer.tui.fitting import scroll_to_show
from quizzer.tui.saving import BUSY_NOTICE, Saver
from quizzer.tui.screens.review_text import (
    DEMOTED_NOTICE,
    REVIEW_BINDINGS,
    WRITING_ACTIONS,
    deck_title,
    hint_text,
    kind_label,
    not_reloaded_text,
    nothing_due_text,
    options_text,
    prompt_text,
    undo_notice,
)
from quizzer.tui.text import literal
from quizzer.tui.widgets.card_images import CardImages
from quizzer.tui.widgets.card_markdown import CardMarkdown
from quizzer.tui.widgets.footer import Footer
from quizzer.tui.widgets.grade_legend import GradeLegend, choice_for_key, keys_notice
from quizzer.tui.widgets.session_status import SessionStatus

if TYPE_CHECKING:
    from quizzer.core.cards import Card
    from quizzer.core.schedule import QueueSettings
    from quizzer.sessions.mixed import AnySession
    from quizzer.store import ReviewEntry, Store
    from quizzer.tui.editor import DeckReloaded

__all__ = ["ReviewScreen"]


class ReviewScreen(Screen[None]):
    """Reviews a deck's queue for today, then (or on Escape) shows the summary on top:
    `u` there comes back and undoes the last grade, anything else dismisses both."""

    CSS_PATH = "review.tcss"
    # Under 16 rows (40x12) the status line and the grade legend give way to the card.
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (16, "-roomy")]  # noqa: RUF012
    # enter and the digits have two bindings each: check_action lets one run per state.
    BINDINGS: ClassVar[list[BindingType]] = list(REVIEW_BINDINGS)

    def __init__(
        self,
        store: Store,
        deck_id: str,
        *,
        clock: Callable[[], datetime],
        today: Callable[[], date],
        settings: QueueSettings,
        seed: int = 0,
        tags: Sequence[str] = (),
        cram: bool = False,
    ) -> None:
        """`clock` and `today`: the app's (QuizzerApp.clock, QuizzerApp.today); `tags`
        and `cram`: the session's (ReviewSession), from `quizzer review`'s options."""
        super().__init__()
        self.store = store
        self.deck_id = deck_id
        self.clock = clock
        self.today = today
        self.settings = settings
        self.seed = seed
        self.session: AnySession | None = None
        self.card: Card | None = None
        self.revealed = False
        self.options: list[str] = []
        self.picked: int | None = None
        self.suggested: int | None = None
        self._started = self._shown_at = clock()
        self._answered_at: datetime | None = None
        self._suspended_at: datetime | None = None
        self._leech: Card | None = None  # a leech just failed: what `e` edits
        self._fresh: dict[str, Card] = {}  # re-read after an edit, by id (the session's stay)
        self._practice_only, self._tags = cram, tuple(tags)  # practice stays on
        self._reloading = False  # the deck is synced again after an edit: no grade till done
        self._deck_file = FileStamp()  # the shown card's: reloaded once it changes on disk
        self._more_new = False  # today's new-card limit reached, new cards left: `n` offered
        self._saver = Saver(self, self._busy_changed)

    def compose(self) -> ComposeResult:
        # Session and first card before the widgets: the first frame already shows it.
        from quizzer.sessions.mixed import review_session

        self.session = review_session(
            self.store, self.deck_id, clock=self.clock, settings=self.settings, seed=self.seed,
            tags=self._tags, cram=self._practice_only,
        )  # fmt: skip
        self._load_current()
        self._set_state_classes()
        card, source = self.card, self.store.deck_source(self._session.deck_id)
        self._images = CardImages(source, card, id="card-images")
        with Horizontal(id="topbar"):
            yield Static(literal(self._deck_title(), one_line=True), id="deck-title")
            yield Static("PRACTICE", id="practice-badge", markup=False)
            yield Static(self._kind_label(), id="card-kind", markup=False)
        session = self._session
        yield SessionStatus(
            session.done, self._total(), session.redrill_pending, self._elapsed(), id="status"
        )
        with VerticalScroll(id="card"):
            yield Static(prompt_text(card), id="prompt", markup=False)
            yield CardMarkdown(self._images.media.front(card), id="front")
            yield Static(options_text(card, self.options), id="options", markup=False)
            yield Static("Answer", id="answer-label", markup=False)
            yield CardMarkdown("", id="back")
            yield self._images
            yield Static("" if card else self._nothing_due_text(), id="nothing-due", markup=False)
        yield Static(self._hint_text(), id="hint", markup=False)
        yield GradeLegend.for_scheduler(session.scheduler, id="legend")
        yield Footer()

    def on_mount(self) -> None:
        self._deck_file.changed(self._images.media.deck_file)  # followed from now on
        self.set_interval(1.0, self._tick)

    def on_screen_suspend(self) -> None:
        self._suspended_at = self.clock()

    def on_screen_resume(self) -> None:  # time on another screen is no response time
        if self._suspended_at is not None:
            self._shown_at += self.clock() - self._suspended_at
            self._suspended_at = None

    def on_resize(self) -> None:  # short terminals: the two-line legend, room for the card
        self.query_one(GradeLegend).compact = self.size.height < 24

    def _deck_title(self) -> str:
        return deck_title(self.store, self.today(), self.deck_id, self._session.deck_id)

    # -- drawing ------------------------------------------------------------------------

    @property
    def _session(self) -> AnySession:
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
        self.options = [] if self.card is None else self._session.options(self.card)

    def _set_state_classes(self) -> None:
        """The screen's classes for the current state, changed in one restyle."""
        wanted = {
            "-practice": self._session.practice,
            "-nothing-due": self.card is None,
            "-revealed": self.revealed and self.card is not None,
            "-has-options": bool(self.options),
            "-no-prompt": not prompt_text(self.card),
        }
        classes = (set(self.classes) - set(wanted)) | {name for name, on in wanted.items() if on}
        if classes != set(self.classes):
            self.set_classes(" ".join(sorted(classes)))

    async def _show_current(self) -> None:
        """Draw the session's current card, unrevealed (or the nothing-due state)."""
        self._load_current()
        self._images.media.deck_file = self.store.deck_source(self._session.deck_id)  # --all
        self.query_one("#deck-title", Static).update(literal(self._deck_title(), one_line=True))
        await self.query_one("#front", CardMarkdown).update(self._images.media.front(self.card))
        await self.query_one("#back", CardMarkdown).update("")
        await self._images.show(self.card, self.revealed)
        self.query_one("#card-kind", Static).update(self._kind_label())
        self.query_one("#prompt", Static).update(prompt_text(self.card))
        nothing_due = "" if self.card is not None else self._nothing_due_text()
        self.query_one("#nothing-due", Static).update(nothing_due)
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        self._draw_state()

    def _kind_label(self) -> str:
        return kind_label(self.card, redrill=self._session.is_redrill)

    def _total(self) -> int:  # answers given plus those to give (scheduled and re-drills)
        session = self._session
        return session.done + session.remaining + session.redrill_pending

    def _nothing_due_text(self) -> str:
        session, left = self._session, self._session.left_today()
        self._more_new = left.new_limit_reached
        return nothing_due_text(session.next_due(), self.today(), session.done, left)

    def _draw_state(self) -> None:
        """Everything that depends on revealed / picked / the session's counters."""
        self._set_state_classes()
        session = self._session
        status = self.query_one(SessionStatus)
        status.show_counts(session.done, self._total(), session.redrill_pending)
        status.show_time(self._elapsed())
        options = options_text(self.card, self.options, self.revealed, self.picked)
        self.query_one("#options", Static).update(options)
        previews = session.previews() if self.revealed and self.card else ()
        self.query_one(GradeLegend).show(self.suggested, previews, session.scheduler)
        self.query_one("#hint", Static).update(self._hint_text())
        self.refresh_bindings()

    def _hint_text(self) -> str:
        if self._saver.busy:
            return BUSY_NOTICE
        choices = self._session.choices
        more_new = self.card is None and self._more_new
        hint = hint_text(
            self.card, self.options, self.revealed, self.suggested, choices, more_new=more_new
        )
        return hint + self._images.hint(self.card, self.revealed)

    def _elapsed(self) -> float:
        return (self.clock() - self._started).total_seconds()

    def _tick(self) -> None:
        """Each second: the time; the deck file, reloaded once rewritten (import, editor)."""
        self.query_one(SessionStatus).show_time(self._elapsed())
        path = self._images.media.deck_file
        if path and self._deck_file.changed(path) and not (self._saver.pending or self._reloading):
            self._reload_deck(Path(path))

    def _choosing(self) -> bool:
        """A choice card (not true/false) before the reveal: digits pick options."""
        card, revealed = self.card, self.revealed
        return card is not None and card.kind == "choice" and bool(self.options) and not revealed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (self._saver.pending or self._reloading) and action in WRITING_ACTIONS:
            return False  # one answer at a time: the pending one is saved first
        card = self.card
        if action == "reveal":
            return card is not None and not self.revealed
        if action == "confirm":
            return card is not None and self.revealed and self.suggested is not None
        if action == "pick":
            return self._choosing()
        if action == "grade":  # before the reveal it says to reveal first
            return card is not None and not self._choosing()
        if action == "verdict":
            return card is not None and card.kind == "true_false" and not self.revealed
        if action == "edit":
            return card is not None or self._leech is not None
        if action == "more_new":
            return card is None and self._more_new
        if action == "open_image":
            return self._images.opens(card, self.revealed)
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
        await self.query_one("#back", CardMarkdown).update(self._images.media.back(self.card))
        await self._images.show(self.card, self.revealed)
        self._draw_state()
        self.call_after_refresh(scroll_to_show, self.query_one("#card"), "#answer-label, #back")

    def action_open_image(self) -> None:
        self.notify(self._images.open_next(self.card, self.revealed), timeout=4)

    async def action_confirm(self) -> None:
        """Enter after a pick: the suggested grade."""
        if self.card is not None and self.revealed and self.suggested is not None:
            await self._grade(self.suggested)

    async def action_grade(self, key: int) -> None:
        """A digit: the answer on that key under the deck's scheduler."""
        choice = choice_for_key(self._session.choices, str(key))
        if self.card is not None and self.revealed and choice is not None:
            await self._grade(choice.grade)
        elif self.card is not None:
            self.notify(keys_notice(self._session.choices, self.revealed), timeout=3)

    async def action_pick(self, number: int) -> None:
        if self._choosing() and 1 <= number <= len(self.options):
            await self._pick(number - 1)

    async def action_verdict(self, verdict: bool) -> None:
        if self.card is not None and self.card.kind == "true_false" and not self.revealed:
            await self._pick(0 if verdict else 1)

    async def _pick(self, index: int) -> None:
        assert self.card is not None
        self.picked = index
        right = self.options[index] == self.card.answer
        self.suggested = suggested_choice(self._session.scheduler, right).grade
        await self._reveal()

    async def _grade(self, quality: int) -> None:
        if self._saver.pending:
            return
        session = self._session
        now = self.clock()
        answered = self._answered_at or now
        response_ms = max(int((answered - self._shown_at).total_seconds() * 1000), 0)
        spent_ms = max(int((now - self._shown_at).total_seconds() * 1000), 0)
        scheduled = not session.practice and not session.is_redrill

        async def graded(entry: ReviewEntry) -> None:
            self._leech = session.card(session.leech.card_id) if session.leech else None
            if session.leech is not None:
                self.notify(session.leech.text, severity="warning", timeout=10, markup=False)
            if scheduled and entry.kind == "redrill":
                self.notify(DEMOTED_NOTICE, timeout=6, markup=False)
            if session.current is None:
                self.action_finish()
            else:
                await self._show_current()

        def write() -> ReviewEntry:
            return session.grade(quality, response_ms, at=now, spent_ms=spent_ms)

        await self._saver.save(write, graded)

    async def action_undo(self) -> None:
        if not self._saver.pending:
            await self._saver.save(self._session.undo, self._undone)

    async def _undone(self, undone: bool) -> None:
        if undone:
            await self._show_current()
        text, severity, timeout = undo_notice(undone, self._session.undo_missed)
        self.notify(text, severity=severity, timeout=timeout, markup=False)

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

    async def action_more_new(self) -> None:
        """n: MORE_NEW more new cards of this deck today, then on with the queue."""
        if self.card is None and self._more_new:
            more, at = self._session.study_more_new, self.clock()  # `at`: the same every try
            await self._saver.save(lambda: more(at=at), self._more_new_added)

    async def _more_new_added(self, cards: int) -> None:
        self._more_new = False
        self.notify(f"{MORE_NEW} more new cards today.", timeout=2)
        await self._show_current()

    def action_finish(self) -> None:  # esc, or the queue done: the summary on top
        from quizzer.tui.screens.summary import SummaryScreen

        summary = SummaryScreen(self._session.summary(), can_undo=self._session.done > 0)
        self.app.push_screen(summary, self._summary_closed)

    async def _summary_closed(self, undo: bool | None) -> None:
        if undo:
            await self.action_undo()
        else:
            self.dismiss(None)

    def action_edit(self) -> None:
        """Open the card's YAML in $EDITOR at its line, then reload the deck (in a
        worker: `DeckReloaded` follows)."""
        from quizzer.tui.editor import edit_deck_file

        card, self._leech = self._leech or self.card, None
        source = self.store.deck_source(self._session.deck_id)
        if card is None or (path := edit_deck_file(self.app, source, card.line)) is None:
            return
        self._reload_deck(path)

    def _reload_deck(self, path: Path) -> None:
        self._reloading = True
        self._deck_file.seen()
        self.refresh_bindings()
        self._reread(path)

    @work(thread=True, group="deck-reload")
    def _reread(self, path: Path) -> None:
        """Re-read the deck file off the UI thread. A database error ends the app, as on
        the UI thread (QuizzerApp._handle_exception)."""
        from quizzer.tui.editor import reread_deck

        self.post_message(reread_deck(self.store, path, self._session.deck_id))

    async def on_deck_reloaded(self, message: DeckReloaded) -> None:
        self._reloading = False
        self.refresh_bindings()
        if message.errors:
            text = not_reloaded_text(message.errors)
            self.notify(text, title="Deck has errors", severity="error", timeout=10)
            return
        self._fresh = {fresh.id: fresh for fresh in message.cards}
        self.notify("Deck reloaded.", timeout=2)
        revealed = self.revealed
        await self._show_current()
        if revealed:
            await self._reveal()
