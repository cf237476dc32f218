"""Switching schedulers from the config file, through `quizzer stats` in a subprocess: the
deck's cards are replayed under the new scheduler with a one-line notice, nothing is
replayed twice, and switching back gives exactly the SM-2 states."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from test_cli_stats import quizzer, write_deck

from quizzer.core.scheduler import CardState, replay
from quizzer.core.schedulers import scheduler_for
from quizzer.library import sync_decks
from quizzer.paths import config_path
from quizzer.store import Store

TERMS = ["alpha", "beta", "gamma", "delta"]
DAY0 = date(2026, 3, 2)


def states(db: Path) -> dict[str, CardState | None]:
    with Store.open(db) as store:
        return {card.id: store.card_state(card.id) for card in store.cards("greek")}


def test_switching_to_fsrs_and_back(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    write_deck(decks, "greek", TERMS)
    write_deck(decks, "latin", ["a"])
    db = tmp_path / "q.db"
    with Store.open(db) as store:
        sync_decks(store, [decks])
        for offset, grade in enumerate([5, 4, 3, 5, 4, 2, 5]):
            day = DAY0 + timedelta(days=offset * 3)
            for card in store.cards("greek")[: 1 + offset % 4]:
                store.record_answer(
                    card.id,
                    grade,
                    response_ms=800,
                    kind="scheduled",
                    reviewed_at=datetime.combine(day, time(9), tzinfo=UTC),
                    study_day=day,
                )
    under_sm2 = states(db)
    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    args = ("--db", str(db), "--decks", "decks", "stats", "--json")

    config.write_text('scheduler = "fsrs"\n[decks.latin]\nscheduler = "sm2"\n')
    switched = quizzer(*args, cwd=tmp_path)
    assert switched.returncode == 0, switched.stderr
    (notice,) = switched.stderr.splitlines()
    assert notice.startswith("greek: now scheduled by FSRS; 4 cards recomputed from the review")
    assert notice.endswith("changed due date")
    assert switched.stdout.startswith("{")  # the JSON stays clean
    with Store.open(db) as store:
        for card_id in under_sm2:
            fsrs = replay(scheduler_for("fsrs"), store.history(card_id), card_id=card_id)
            assert store.card_state(card_id) == fsrs
    again = quizzer(*args, cwd=tmp_path)
    assert again.returncode == 0 and again.stderr == ""  # nothing left to switch

    config.write_text("desired_retention = 0.8\n")  # back to the default scheduler, SM-2
    back = quizzer(*args, cwd=tmp_path)
    assert back.stderr.startswith("greek: now scheduled by SM-2; 4 cards recomputed")
    assert states(db) == under_sm2


def test_a_bad_scheduler_setting_is_one_line(tmp_path: Path) -> None:
    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("desired_retention = 0.99\n")
    result = quizzer("--db", str(tmp_path / "q.db"), "stats", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().endswith("desired_retention: must be between 0.70 and 0.97")
    assert len(result.stderr.strip().splitlines()) == 1
