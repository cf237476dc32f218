"""A merge's fast-forward (store/merging.py): a card whose answers here are all in the
other database's log, which has more (that machine simply answered on), takes the other
database's schedule of it as it is, instead of a replay of the merged log from the start.

That schedule was computed live from exactly the merged log, and from whatever state
the log started from: a schedule carried over from another tool (an Anki import) with
the answers that came with it. A replay starts from a new card, so it dropped the
carried schedule, and the two machines scheduled the card differently (the other one
keeps its own schedule when it merges this one: its log already has every answer).

The other machine's settings are not in its database. Its schedule is taken only when
they can be seen to shape it as this database's would, else the log is replayed:
- it holds the state of the scheduler the card's deck has here (and this database's
  schedule of it, if any, holds that one's too);
- the other log comes whole (no answer of it left out) and the schedule is where that
  log's last answer left it;
- it is this database's schedule already, or the other log's last answer that moved the
  schedule, given again here to the state it was given to, moves it to the same state
  (the same scheduler with the same interval cap, retention target and weights).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from quizzer.core.scheduler import CardState, Scheduler, check_kind
from quizzer.store.columns import logged_from_row, state_values

__all__ = ["Logged", "TheirAnswer", "TheirCard", "Theirs", "fast_forward", "identity"]


Logged = tuple[Any, ...]
"""A state logged around an answer: its LOGGED_STATE values, written as the Store writes
them (`columns.state_values`). A fast-forward compares and writes a card's whole log of
them, so they stay values, not a CardState each (`logged_from_row` makes one)."""


class TheirAnswer(NamedTuple):
    """One answer of the other database's log of a card, as it logged it: its study
    day, time (as the Store writes answer times), grade, response time, kind, and the
    logged states around it (`Logged`)."""

    study_day: date
    reviewed_at: str
    grade: int
    response_ms: int
    kind: str
    before: Logged
    after: Logged


@dataclass(frozen=True, slots=True)
class TheirCard:
    """The other database's schedule of a card for the merging player (`state`, held
    under `scheduler`), its log of it in time order, and whether it retired the card as
    a leech (not because an imported package had it suspended): a fast-forward takes
    that along (store/leeches.py), as the other database keeps it."""

    state: CardState
    scheduler: str
    log: Sequence[TheirAnswer]
    leech: bool = False


Theirs = Callable[[Sequence[str]], Mapping[str, TheirCard]]
"""Reads the other database's TheirCard of each of the given card ids that it has a
schedule of for the player."""


def identity(answer: TheirAnswer) -> tuple[str, int, bool]:
    """What tells one answer from another (as merging.py's `_identity`)."""
    return answer.reviewed_at, answer.grade, answer.kind == "practice"


def fast_forward(
    card_id: str,
    coming: set[tuple[str, int, bool]],
    here: tuple[CardState, str] | None,
    theirs: TheirCard | None,
    scheduler: Scheduler,
) -> bool:
    """Whether the card takes `theirs` as it is (module docstring). `coming`: the
    identities of the other database's answers being merged, a superset of this
    database's; `here`: this database's schedule of the card and the scheduler it is
    held under (None: no schedule); `scheduler`: the deck's scheduler here."""
    if theirs is None or not theirs.log or theirs.scheduler != scheduler.name:
        return False
    if here is not None and here[1] != scheduler.name:
        return False
    if {identity(answer) for answer in theirs.log} != coming:
        return False
    state = state_values(theirs.state)
    if state != theirs.log[-1].after:
        return False
    if here is not None and state_values(here[0]) == state:
        return True
    moved = [answer for answer in theirs.log if answer.after != answer.before]
    if not moved:
        return False
    last = moved[-1]
    try:
        _, again = scheduler.answer(
            logged_from_row(last.before),
            last.grade,
            check_kind(last.kind),
            last.study_day,
            card_id=card_id,
        )
    except ValueError:  # a state this scheduler cannot take: not one it gave
        return False
    return state_values(again.after) == last.after
