"""`quizzer optimize [DECK]`: without the optimiser it says what to install; with it, it
fits FSRS's weights on most cards' reviews, prints the log loss on the held-out ones
before and after, stores better weights in config.toml and replays the FSRS decks."""

from __future__ import annotations

import random
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from test_cli_stats import write_deck

from quizzer.cli import main
from quizzer.config import load_settings
from quizzer.core.scheduler import replay
from quizzer.core.schedulers import deck_scheduler, scheduler_for
from quizzer.library import sync_decks
from quizzer.paths import config_path
from quizzer.store import Store

DAY0 = date(2026, 1, 5)


def studied(tmp_path: Path, cards: int = 60, days: int = 90) -> Path:
    """A deck studied under FSRS by a learner who recalls a card with a probability that
    falls with the days since its last review (seeded)."""
    decks = tmp_path / "decks"
    write_deck(decks, "greek", [f"word{i}" for i in range(cards)])
    db = tmp_path / "q.db"
    fsrs = scheduler_for("fsrs")
    rng = random.Random(3)
    last: dict[str, date] = {}
    with Store.open(db) as store:
        sync_decks(store, [decks])
        ids = [card.id for card in store.cards("greek")]
        for offset in range(days):
            day = DAY0 + timedelta(days=offset)
            for card_id in ids[: 4 * (offset + 1)]:
                state = store.card_state(card_id)
                assert state is not None
                if state.due is not None and state.due > day:
                    continue
                gap = (day - last.get(card_id, day)).days
                recalled = rng.random() < 0.97**gap
                grade = rng.choice([4, 4, 5, 3]) if recalled else 1
                at = datetime.combine(day, time(9), tzinfo=UTC)
                store.record_answer(
                    card_id, grade, response_ms=800, kind="scheduled", reviewed_at=at,
                    study_day=day, scheduler=fsrs,
                )  # fmt: skip
                if grade < 4:
                    store.record_answer(
                        card_id, 4, response_ms=800, kind="redrill", reviewed_at=at,
                        study_day=day, scheduler=fsrs,
                    )  # fmt: skip
                last[card_id] = day
    return db


def test_without_the_optimiser_it_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "fsrs_rs_python", None)  # import fails as if missing
    assert main(["--db", str(tmp_path / "q.db"), "optimize"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith('pip install "quizzer[optimizer]" (it adds the fsrs-rs-python package)')
    assert len(err.splitlines()) == 1 and not config_path().exists()


def test_fits_stores_and_replays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = studied(tmp_path)
    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('# mine\nscheduler = "fsrs"\n\n[decks.latin]\nscheduler = "sm2"\n')
    assert main(["--db", str(db), "--decks", str(tmp_path / "decks"), "optimize", "greek"]) == 0
    out = capsys.readouterr().out
    assert "greek: " in out and " held out" in out
    losses = next(line for line in out.splitlines() if line.startswith("log loss"))
    before, after = (float(word) for word in losses.replace(",", "").split() if "." in word)
    assert after < before
    settings = load_settings(config)
    weights = settings.scheduling("greek")[2]
    assert weights is not None and len(weights) == 21
    assert settings.scheduling("latin") == ("sm2", 0.9, None)
    assert config.read_text().startswith('# mine\nscheduler = "fsrs"\n')
    with Store.open(db) as store:  # the log is still the truth, under the new weights
        scheduler = deck_scheduler(settings, "greek")
        for card in store.cards("greek")[:10]:
            expected = replay(scheduler, store.history(card.id), card_id=card.id)
            assert store.card_state(card.id) == expected


def test_too_few_reviews_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = studied(tmp_path, cards=4, days=3)
    assert main(["--db", str(db), "optimize"]) == 1
    err = capsys.readouterr().err.strip()
    assert "too few reviews on a later day to fit FSRS" in err and "\n" not in err
