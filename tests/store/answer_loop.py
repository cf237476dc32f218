"""Test helper, run as a script: records answers in a loop on a database, printing each
answer's id only after `record_answer` has returned (i.e. after the commit).

    python answer_loop.py run DB DECK SEED COUNT
        sync DECK, print "ready", wait for a line on stdin, record COUNT answers, exit.
    python answer_loop.py serve DB DECK_ID
        for each line "go SEED" on stdin, fork a child process that opens the database
        and records answers until it is killed; it prints "ready PID" first, and this
        parent prints "dead PID" once the child has died. Forking after the imports keeps
        each start cheap, so a test can kill many writers in a few seconds. A line
        "new SEED DB DECK" does the same on a database DB that may not exist yet: the
        child creates it and syncs the deck file DECK first.
    python answer_loop.py steps DB DECK
        open (or create) DB, sync DECK, print "ready"; then for each line "answer N"
        record N answers and print their ids, until stdin closes.
    python answer_loop.py meddle
        for each line "open DB" on stdin, open the database as any quizzer command does,
        read from it, close it, and print "done": the other process that comes and goes.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from quizzer.store import Store


def record(store: Store, deck_id: str, seed: int, count: int) -> None:
    rng = random.Random(seed)
    card_ids = [card.id for card in store.cards(deck_id)]
    day = date(2026, 1, 1)
    n = 0
    while count == 0 or n < count:
        n += 1
        day += timedelta(days=rng.randint(0, 3))
        kind = rng.choice(["scheduled", "scheduled", "scheduled", "redrill", "practice"])
        entry = store.record_answer(
            rng.choice(card_ids),
            rng.randint(0, 5),
            response_ms=rng.randint(200, 9000),
            kind=kind,  # type: ignore[arg-type]
            reviewed_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=n),
            study_day=day,
        )
        # One write(2) per line: a pipe write this small is atomic, so a kill can never
        # leave half a line for the parent's "dead" line to run into.
        os.write(sys.stdout.fileno(), f"{entry.id}\n".encode())


def run(db: Path, deck: Path, seed: int, count: int) -> int:
    from quizzer.library import sync_decks

    with Store.open(db) as store:
        (result,) = sync_decks(store, [deck])
        assert result.deck_id is not None, result.errors
        print("ready", flush=True)
        sys.stdin.readline()  # start together with the other writer
        record(store, result.deck_id, seed, count)
    return 0


def serve(db: Path, deck_id: str) -> int:
    from quizzer.library import sync_decks

    for line in sys.stdin:
        words = line.split()
        seed = int(words[1])
        pid = os.fork()
        if pid == 0:
            if words[0] == "new":
                store = Store.open(Path(words[2]))
                sync_decks(store, [Path(words[3])])
            else:
                store = Store.open(db)
            os.write(sys.stdout.fileno(), f"ready {os.getpid()}\n".encode())
            record(store, deck_id, seed, 0)
            os._exit(0)
        os.waitpid(pid, 0)
        print(f"dead {pid}", flush=True)
    return 0


def steps(db: Path, deck: Path) -> int:
    from quizzer.library import sync_decks

    with Store.open(db) as store:
        (result,) = sync_decks(store, [deck])
        assert result.deck_id is not None, result.errors
        print("ready", flush=True)
        for seed, line in enumerate(sys.stdin):
            record(store, result.deck_id, seed, int(line.split()[1]))
    return 0


def meddle() -> int:
    for line in sys.stdin:
        with Store.open(Path(line.split(maxsplit=1)[1].strip())) as store:
            store.deck_ids()
        print("done", flush=True)
    return 0


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "run":
        raise SystemExit(run(Path(args[0]), Path(args[1]), int(args[2]), int(args[3])))
    if command == "steps":
        raise SystemExit(steps(Path(args[0]), Path(args[1])))
    if command == "meddle":
        raise SystemExit(meddle())
    raise SystemExit(serve(Path(args[0]), args[1]))
