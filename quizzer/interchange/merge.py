"""Importing another quizzer database (a second machine's quizzer.db): its review log is
merged into this one by card id (quizzer.store.merging.merge_log), each card that gains
answers rescheduled by replaying its merged log through its deck's scheduler, or given
the other database's schedule of it when that one simply answered on (a fast-forward,
which reads that one's schedule and logged states of the card: merge_theirs.py).

The other file is never opened where it lies: a private copy of it (snapshot.py) is
checked, upgraded when an older quizzer wrote it, and read. So nothing is ever written
beside it (no `-wal`, no `-shm`), the answers in its `-wal` come along, and a file from
every schema version can be merged.
"""

from __future__ import annotations

import os
import sqlite3
from array import array
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from quizzer.core.schedule import QueueSettings
from quizzer.core.schedulers import deck_scheduler
from quizzer.errors import QuizzerError
from quizzer.interchange.merge_rows import Damaged, answer_of, card_of, deck_of, player_of
from quizzer.interchange.merge_theirs import TheirCards
from quizzer.interchange.report import ImportReport
from quizzer.interchange.scratch import scratch_folder
from quizzer.interchange.snapshot import snapshot
from quizzer.store import Store
from quizzer.store.columns import CARD, listed
from quizzer.store.merging import ForeignCard, ForeignDeck, MergedAnswer, merge_log
from quizzer.store.sqlite_backend import SQLiteBackend
from quizzer.store.sqlite_file import probe
from quizzer.store.values import datetime_from_text, datetime_text
from quizzer.store.version import CURRENT_VERSION

__all__ = ["merge_database"]

_CARD_COLUMNS = listed(CARD)  # the card table's content columns (store/columns.py)
_ANSWERED = "id IN (SELECT card_id FROM review_log)"
"""The cards someone answered (whoever): only they come, with their decks; a deck nobody
studied there stayed here, retired, its file missing for good."""
_BUSY_SECONDS = 5
_CLOCK_AHEAD = timedelta(days=1)  # time zones and a day's start: never more ahead than this
_NAMED = 5  # other players named in the warning


def merge_database(
    store: Store,
    path: Path,
    *,
    settings: QueueSettings,
    now: datetime | None = None,
    deck_dirs: Sequence[Path] = (),
) -> ImportReport:
    """Merge the Store's player's answers in the quizzer database at `path`. Answers
    dated more than a day after `now` (None: no limit) are left out with a warning: the
    clock of the machine that gave them was ahead, and merged they would push those
    cards' reviews out by as much. Cards this database lacked come in retired; when
    some did, the deck files of `deck_dirs` are synced once the merge is in, so that
    those the files here define are active at once, not at the next command's sync
    (a new machine, its decks copied over, merged into before quizzer ever ran)."""
    path = Path(path)
    _refuse_this_database(store, path)
    report = ImportReport("quizzer")
    with scratch_folder("quizzer-merge-") as folder:
        copy = snapshot(path, folder)
        try:
            _upgrade(copy, store.player)
            decks, cards, answers, ids, others = _read(copy, store.player)
        except QuizzerError as error:  # said of the copy: say it of the file given
            raise QuizzerError(error.message.replace(str(copy), str(path))) from None
        if others:
            report.warnings.append(_other_players(store.player, bool(answers), others))
        coming = answers if now is None else _until(now + _CLOCK_AHEAD, answers, path, report)
        with closing(sqlite3.connect(copy)) as con:  # its logged states read by a fast-forward
            outcome = merge_log(
                store,
                decks=decks,
                cards=cards,
                answers=coming,
                scheduler_of=lambda deck_id: deck_scheduler(settings, deck_id),
                theirs=TheirCards(con, path, store.player, answers, ids),
            )
    report.answers_added, report.answers_known = outcome.answers_added, outcome.answers_known
    report.cards_replayed = outcome.cards_replayed
    if retired := _still_retired(store, outcome.cards_added, deck_dirs):
        report.warnings.append(
            f"{len(retired)} card(s) that no deck file here has came in retired, with"
            " their history; each comes back when a deck file here has it"
        )
    return report


def _still_retired(store: Store, came: Sequence[str], deck_dirs: Sequence[Path]) -> list[str]:
    """Those of the cards that came in retired that no deck file of `deck_dirs` (synced
    now) defines."""
    if not came or not deck_dirs:
        return list(came)
    from quizzer.library import sync_decks

    synced = [r.deck_id for r in sync_decks(store, deck_dirs, skip_missing=True) if r.deck_id]
    active = {card.id for deck_id in synced for card in store.cards(deck_id)}
    return [card_id for card_id in came if card_id not in active]


def _other_players(player: str, own: bool, others: list[tuple[str, int]]) -> str:
    named = ", ".join(f"{name!r} ({count})" for name, count in others[:_NAMED])
    more = f" and {len(others) - _NAMED} more" if len(others) > _NAMED else ""
    start = "this file also holds" if own else f"no answers of {player!r} in this file; it holds"
    return (
        f"{start} answers of {len(others)} other player{'s' * (len(others) > 1)}:"
        f" {named}{more}; each merges their own with --player NAME"
    )


def _until(
    last: datetime, answers: list[MergedAnswer], path: Path, report: ImportReport
) -> list[MergedAnswer]:
    """The answers given by `last`; a warning says how many came later."""
    limit = datetime_text(last)  # answer times as text sort as the times do
    later = [datetime_from_text(a.reviewed_at) for a in answers if a.reviewed_at > limit]
    if not later:
        return answers
    one = len(later) == 1
    report.warnings.append(
        f"{len(later)} answer{'' if one else 's'} dated after now (the latest"
        f" {max(later):%Y-%m-%d %H:%M} UTC) left out: the clock of the machine that gave"
        f" {'it' if one else 'them'} was ahead; {'it stays' if one else 'they stay'} in {path}"
    )
    return [a for a in answers if a.reviewed_at <= limit]


def _refuse_this_database(store: Store, path: Path) -> None:
    """Merging the database in use into itself (by its name, a symlink or a hard link)
    is an error, not an empty merge."""
    try:
        same = os.path.samefile(path, store.path)
    except OSError:  # one of them is no file (a PostgreSQL store, a missing path)
        same = False
    if same:
        raise QuizzerError(f"{path}: this is the database in use; nothing to merge")


def _upgrade(copy: Path, player: str) -> None:
    """Check that the copy is a quizzer database this quizzer can read, and upgrade it
    when an older one wrote it (a database from before players gives its history to
    `player`, as opening it would)."""
    if copy.stat().st_size == 0:
        raise QuizzerError(f"{copy} is an empty file, not a quizzer database")
    found = probe(copy, _BUSY_SECONDS)
    if found.version is None:
        raise QuizzerError(f"{copy} is an empty SQLite database, not a quizzer database")
    if found.version < CURRENT_VERSION:
        Store(SQLiteBackend.open(copy, player=player), player).close()


def _read(
    path: Path, player: str
) -> tuple[
    list[ForeignDeck],
    list[ForeignCard],
    list[MergedAnswer],
    array[int] | None,
    list[tuple[str, int]],
]:
    """The other database's cards that have answers and their decks, `player`'s
    answers (another player's history there stays theirs: they merge it as
    themselves) and their row ids there (a fast-forward reads their logged states by
    them; None: not all are integers), and how many answers each other player has
    there."""
    try:
        con = sqlite3.connect(path)
    except sqlite3.Error as error:
        raise QuizzerError(f"{path}: cannot open as a database ({error})") from None
    try:
        decks = [
            deck_of(row)
            for row in con.execute(
                "SELECT id, title, description, source_path, synced_at FROM deck"
                f" WHERE id IN (SELECT deck_id FROM card WHERE {_ANSWERED})"
            )
        ]
        cards = [
            card_of(row)
            for row in con.execute(f"SELECT {_CARD_COLUMNS} FROM card WHERE {_ANSWERED}")
        ]
        answers: list[MergedAnswer] = []
        ids: array[int] | None = array("q")  # (a list of them took 5 % more memory)
        for answer_id, *row in con.execute(
            "SELECT id, card_id, study_day, reviewed_at, grade, response_ms, kind"
            " FROM review_log WHERE player = ?",
            (player,),
        ):
            answers.append(answer_of(row))
            if ids is not None:
                try:
                    ids.append(answer_id)
                except TypeError:  # no integer: a table rebuilt without its primary key
                    ids = None
        others = _others(con, player)
    except sqlite3.Error as error:
        raise QuizzerError(f"{path}: corrupt or not a quizzer database ({error})") from None
    except Damaged as error:
        raise QuizzerError(f"{path}: damaged quizzer database: {error}") from None
    finally:
        con.close()
    _check_whole(path, decks, cards, answers)
    return decks, cards, answers, ids, others


def _others(con: sqlite3.Connection, player: str) -> list[tuple[str, int]]:
    """How many answers each player but `player` has in the file. A name quizzer never
    writes (NULL, a blob, a NUL inside) is damage, named with one of its answers: a NULL
    player's answers were passed over without a word, a blob was named as "b'...'"."""
    counts = con.execute(
        "SELECT player, count(*) FROM review_log WHERE player IS NOT ? GROUP BY player"
        " ORDER BY player",
        (player,),
    ).fetchall()
    for name, _ in counts:
        if not isinstance(name, str) or "\x00" in name:  # player_of refuses it, row named
            row = con.execute(
                "SELECT player, card_id FROM review_log WHERE player IS ? LIMIT 1", (name,)
            ).fetchone()
            player_of(row)
    return counts


def _check_whole(
    path: Path,
    decks: list[ForeignDeck],
    cards: list[ForeignCard],
    answers: list[MergedAnswer],
) -> None:
    """Every answer's card and every card's deck is in the file, each deck and card once
    (a table rebuilt without its primary key may hold one twice, perhaps different)."""
    damaged = f"{path}: damaged quizzer database"
    for noun, ids in (("deck", [d.id for d in decks]), ("card", [c.row[0] for c in cards])):
        twice = [i for i, count in Counter(ids).items() if count > 1]
        if twice:
            raise QuizzerError(f"{damaged}: {noun} {twice[0]!r} is in the file more than once")
    deck_ids = {deck.id for deck in decks}
    card_ids = {card.row[0] for card in cards}
    for card in cards:
        if card.row[1] not in deck_ids:
            raise QuizzerError(
                f"{damaged}: card {card.row[0]!r} of deck {card.row[1]!r},"
                " which the file has no deck for"
            )
    for answer in answers:
        if answer.card_id not in card_ids:
            raise QuizzerError(
                f"{damaged}: an answer of card {answer.card_id!r}, which the file has no card for"
            )
