"""What the review screen says about a card: its prompt and kind label, the fixed
notices, and its keys with their help lines. Kept apart from the screen's drawing and
key handling (screens/review.py) so that the words can be read and changed in one
place. The order of a choice card's options is the session's (core/options.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from quizzer.core.scheduler import AnswerChoice
from quizzer.core.sm2 import RIGHT_GRADE
from quizzer.core.sm2_scheduler import SM2_CHOICES
from quizzer.sessions.review import MORE_NEW
from quizzer.tui.inline_text import inline_text

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from quizzer.core.cards import Card, CardKind
    from quizzer.core.loader import DeckError
    from quizzer.sessions.review import LeftToday
    from quizzer.store import Store

__all__ = [
    "DEMOTED_NOTICE",
    "KIND_LABELS",
    "MAX_OPTIONS",
    "PROMPTS",
    "REVIEW_BINDINGS",
    "UNDO_MISSED_NOTICE",
    "WRITING_ACTIONS",
    "deck_title",
    "digit_bindings",
    "hint_text",
    "kind_label",
    "not_reloaded_text",
    "nothing_due_text",
    "options_text",
    "prompt_text",
    "undo_notice",
]

PROMPTS: dict[CardKind, str] = {
    "term": "What does this term mean?",
    "term_reverse": "Which term is this?",
    "model": "Explain this mental model.",
    "mapping": "",  # the card asks: "In *Model*, what does this stand for?"
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
MAX_OPTIONS = 8
"""A choice card's options at most: its answer and up to 7 distractors (the deck format's
limit, checked by core/deck.py, which the review screen does not import)."""
DEMOTED_NOTICE = (
    "This card was already graded today in another quizzer window: this grade is logged "
    "as a re-drill and the schedule is unchanged."
)

UNDO_MISSED_NOTICE = (
    "That grade was no longer in the log (taken back in another quizzer window?): "
    "nothing undone there; the card is shown again."
)


def undo_notice(undone: bool, missed: bool) -> tuple[str, SeverityLevel, float]:
    """What `u` tells: (text, severity, seconds shown). `missed`: the grade taken back
    was gone from the log already (ReviewSession.undo_missed)."""
    if not undone:
        return "Nothing to undo in this session.", "warning", 3
    if missed:
        return UNDO_MISSED_NOTICE, "warning", 6
    return "Last grade undone.", "information", 2


def digit_bindings(action: str, digits: Iterable[int], tooltip: str) -> list[Binding]:
    """Hidden bindings of `action(n)` to the keys `digits`, shown in the help as one line
    (`0-5`) with `tooltip`."""
    numbers = sorted(digits)
    shown = f"{numbers[0]}-{numbers[-1]}"
    return [
        Binding(str(n), f"{action}({n})", show=False, key_display=shown, tooltip=tooltip)
        for n in numbers
    ]


# The review screen's keys. A key may have two bindings (enter, the digits): the screen's
# check_action lets exactly one of them run in each state. The tooltips are the help
# screen's lines (screens/help.py).
REVIEW_BINDINGS: tuple[Binding, ...] = (
    Binding("space", "reveal", "Reveal", tooltip="show the answer"),
    Binding("enter", "reveal", show=False, priority=True, tooltip="show the answer"),
    *digit_bindings("grade", range(6), "answer: 0-5 (SM-2) or 1-4 (FSRS), once shown"),
    *digit_bindings(
        "pick", range(1, MAX_OPTIONS + 1),
        "choice card: pick an option (before the answer is shown)",
    ),
    Binding("t", "verdict(True)", "True", tooltip="true/false card: answer true or false"),
    Binding("f", "verdict(False)", "False", tooltip="true/false card: answer true or false"),
    Binding(
        "enter", "confirm", show=False, priority=True,
        tooltip="after a pick: accept the suggested grade",
    ),
    Binding("u", "undo", "Undo", tooltip="undo the last grade (repeatable, across cards)"),
    Binding(
        "e", "edit", "Edit card", tooltip="edit the card in $EDITOR, then reload the deck"
    ),
    Binding(
        "p", "practice", "Practice",
        tooltip="practice on/off (logged; the schedule is untouched)",
    ),
    Binding(
        "n", "more_new", f"{MORE_NEW} more new",
        tooltip=f"new-card limit reached: study {MORE_NEW} more new cards today",
    ),
    Binding("o", "open_image", show=False, tooltip="open the card's image or play its sound"),
    Binding("escape", "finish", "End session", tooltip="end the session and show its summary"),
)  # fmt: skip

WRITING_ACTIONS = frozenset(
    {"grade", "pick", "confirm", "verdict", "undo", "edit", "practice", "finish", "more_new"}
)
"""Actions that write, or read the session a pending write (or deck reload) changes."""


def prompt_text(card: Card | None) -> str:
    """The line above the card's front: what to do with it ("" when the front asks the
    question itself, so that it is asked once)."""
    return PROMPTS[card.kind] if card is not None else ""


def kind_label(card: Card | None, *, redrill: bool) -> str:
    """The top bar's card kind: `multiple choice · re-drill`."""
    if card is None:
        return ""
    return KIND_LABELS[card.kind] + (" · re-drill" if redrill else "")


def nothing_due_text(
    next_due: date | None, today: date, done: int, left: LeftToday | None = None
) -> str:
    """What the screen says when no card is left in today's queue: why (nothing due, or a
    daily limit of the deck reached), when the next card is, and what to do."""
    if next_due is None:
        when = "No card of this deck is scheduled yet."
    else:
        days = (next_due - today).days
        relative = "tomorrow" if days == 1 else f"in {days} days" if days > 1 else "today"
        when = f"The next card is due {relative} ({next_due.isoformat()})."
    reviewed = "" if not done else f"You reviewed {done} today. "
    more = ""
    if left is not None and left.new_limit_reached:
        waiting = "1 new card is" if left.new == 1 else f"{left.new} new cards are"
        headline = (
            f"Today's limit of {left.new_limit} new cards for this deck is reached: "
            f"{waiting} waiting."
        )
        more = f"Press n to study {MORE_NEW} more new cards today, "
    elif left is not None and left.due:
        headline = (
            f"Today's limit of {left.reviews_limit} reviews for this deck is reached: "
            f"{left.due} due cards wait for tomorrow."
        )
    elif left is not None and left.new:
        cards = "1 new card waits" if left.new == 1 else f"{left.new} new cards wait"
        headline = (
            f"Nothing is due now: {cards} for a later day (cards of one item, such as a "
            "term and its reverse, come on different days)."
        )
    else:
        headline = "Nothing is due now."
    practise = "p to practise" if more else "Press p to practise"
    return (
        f"{headline} {reviewed}{when}\n\n"
        f"{more}{practise} every card anyway (the schedule is not changed), "
        "Escape to end the session, q to quit."
    )


def options_text(
    card: Card | None, options: list[str], revealed: bool = False, picked: int | None = None
) -> Text:
    """A choice card's options with their keys, each drawn as its Markdown shows inline
    (code, emphasis: tui/inline_text.py); once revealed, the right one and the
    learner's wrong pick are marked. Never read as markup."""
    text = Text()
    if card is None:
        return text
    for index, option in enumerate(options):
        key = ("t", "f")[index] if card.kind == "true_false" else str(index + 1)
        style, mark = "", ""
        if revealed and option == card.answer:
            style, mark = "bold green", "  ✓ right answer"
        elif revealed and index == picked:
            style, mark = "bold red", "  ✗ your answer"
        text.append(f" {key} ", style="reverse")
        shown = Text(" ").append_text(inline_text(option)).append(mark)
        shown.stylize(style)
        text.append_text(shown)
        if index < len(options) - 1:
            text.append("\n")
    return text


def hint_text(
    card: Card | None,
    options: list[str],
    revealed: bool,
    suggested: int | None,
    choices: Sequence[AnswerChoice] = SM2_CHOICES,
    *,
    more_new: bool = False,
) -> str:
    """The line under the card: which keys do what now (`choices`: the scheduler's;
    `more_new`: `n` is offered)."""
    if card is None:
        if more_new:  # short enough for 60 columns
            return f"n {MORE_NEW} more new · p practise · Esc end session · q quit"
        return "p practise all cards · Esc end session · q quit"
    if not revealed:
        if card.kind == "true_false":
            return "t true · f false · space show the answer"
        if options:
            return f"1-{len(options)} pick an option · space show the answer"
        return "space / enter show the answer"
    keys = f"{min(c.key for c in choices)}-{max(c.key for c in choices)}"
    chosen = next((c for c in choices if c.grade == suggested), None)
    if chosen is not None:
        right = "right" if chosen.grade >= RIGHT_GRADE else "wrong"
        enter = f"grades {chosen.key}" if chosen.label == chosen.key else f"answers {chosen.label}"
        return f"Your pick was {right}: Enter {enter}, or press {keys}"
    return f"How well did you know it? Press {keys}"


def not_reloaded_text(errors: list[DeckError]) -> str:
    """Why an edited deck was not reloaded: its first three errors."""
    shown = "\n".join(error.render() for error in errors[:3])
    more = f"\n(+{len(errors) - 3} more)" if len(errors) > 3 else ""
    return f"The deck was not reloaded:\n{shown}{more}"


def deck_title(store: Store, today: date, screen_deck: str, card_deck: str) -> str:
    """The review's title: its deck's, or, for a review of every deck (`screen_deck`
    empty), "All decks · " and the title of the current card's deck."""
    decks = store.deck_summaries(today, [card_deck] if card_deck else [])
    title = decks[0].title if decks else card_deck
    return title if screen_deck else f"All decks · {title}" if title else "All decks"
