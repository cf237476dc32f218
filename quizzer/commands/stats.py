"""`quizzer stats [DECK...] [--json]`: sync the decks and print their counts and, with
`--json`, their figures over time (quizzer.sessions.stats). `--screen DECK` or
`--screen --all` opens the statistics screen instead.

DECK is a deck file, a folder of decks or a deck id found in the deck folders; without
any, every deck in the deck folders. Invalid decks print their errors to stderr and make
the exit status 1, but the valid ones are still shown. `--json` prints
`{"decks": [...], "deck_errors": [...]}` (the errors as `check --json` lists them), and an
`"error": {"message", "exit"}` member when a DECK named cannot be found (README).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizzer.text import printable

if TYPE_CHECKING:  # the loader (YAML, pydantic) is imported only when a file is parsed
    from quizzer.core.loader import DeckError
    from quizzer.core.schedule import QueueSettings

__all__ = ["run"]

COLUMNS = ("id", "title", "cards", "new", "due_today", "reviews_total", "reviews_today", "next_due")
NUMERIC = {"cards", "new", "due_today", "reviews_total", "reviews_today"}


def run(args: argparse.Namespace, settings: QueueSettings) -> int:
    if args.screen or args.all:
        return _screen(args, settings)
    from dataclasses import asdict

    from quizzer.commands import open_store, switch_schedulers
    from quizzer.core.schedule import study_day
    from quizzer.errors import QuizzerError, error_json, report
    from quizzer.library import resolve_deck, sync_decks
    from quizzer.paths import default_deck_dirs
    from quizzer.sessions.stats import StatsQuery

    deck_dirs: list[Path] = list(args.decks) or default_deck_dirs()
    wanted: list[str] = list(getattr(args, "decks_wanted", []) or [])
    with open_store(args) as store:
        switch_schedulers(store, settings)  # its notices go to stderr, not into the JSON
        deck_ids: list[str] = []
        errors: list[DeckError] = []
        failures: list[str] = []
        if not wanted:
            explicit = bool(args.decks)
            for result in sync_decks(store, deck_dirs, skip_missing=not explicit):
                if result.deck_id is not None:
                    deck_ids.append(result.deck_id)
                errors += result.errors
        for spec in wanted:
            if Path(spec).exists():
                for result in sync_decks(store, [Path(spec)]):
                    if result.deck_id is not None:
                        deck_ids.append(result.deck_id)
                    errors += result.errors
                continue
            try:
                deck_ids.append(resolve_deck(store, spec, deck_dirs))
            except QuizzerError as problem:
                report(problem)
                failures.append(str(problem))
        for error in errors:
            print(printable(error.render()), file=sys.stderr)
        now = datetime.now(UTC)
        today = study_day(now, settings.day_starts_at)
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "cards": s.cards,
                "new": s.new,
                "due_today": s.due_today,
                "reviews_total": s.reviews_total,
                "reviews_today": s.reviews_today,
                "next_due": s.next_due.isoformat() if s.next_due else None,
            }
            for s in store.deck_summaries(today, deck_ids)
        ]
        player = store.player
        if args.json:  # the figures over time (README), as of the same moment
            for row in rows:
                query = StatsQuery(store, [str(row["id"])], clock=lambda: now, settings=settings)
                row |= query.json_figures()
    status = 1 if errors or failures else 0
    if args.json:
        output: dict[str, Any] = {
            "decks": rows,
            "deck_errors": [asdict(e) for e in errors],
            "player": player,
        }
        if failures:
            output |= error_json("; ".join(failures), status)
        print(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        print(_table(rows))
        print(f"player: {printable(player)}")
    return status


def _screen(args: argparse.Namespace, settings: QueueSettings) -> int:
    """`--screen DECK` / `--screen --all`: the statistics screen."""
    from quizzer.commands import run_app
    from quizzer.errors import QuizzerError

    wanted: list[str] = list(args.decks_wanted or [])
    if not args.screen:
        raise QuizzerError("--all goes with --screen (quizzer stats --screen --all)", exit_code=2)
    if args.json:
        raise QuizzerError("--screen and --json do not go together", exit_code=2)
    if args.all == bool(wanted) or len(wanted) > 1:
        raise QuizzerError("--screen takes one DECK, or --all", exit_code=2)
    return run_app(args, settings, ("stats", wanted[0] if wanted else None))


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "No decks found. Put deck files (*.yaml) in a deck folder or name them."
    header = {c: c for c in COLUMNS}
    cells = [header] + [{c: _cell(row[c]) for c in COLUMNS} for row in rows]
    widths = {c: max(len(r[c]) for r in cells) for c in COLUMNS}
    lines = []
    for row in cells:
        parts = [
            row[c].rjust(widths[c]) if c in NUMERIC else row[c].ljust(widths[c]) for c in COLUMNS
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return printable(str(value))  # deck text: escape sequences become visible
