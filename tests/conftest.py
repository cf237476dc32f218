"""Shared fixtures: every test runs with a tmp data dir, so the user's real data
(database, config, decks) is never read or written, and a temp folder ($TMPDIR) of its
own, so that what an import leaves there, or removes, is the test's."""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings
from postgres_helpers import MISSING, fresh_database, postgres_available
from speed_helpers import PlayRound

if TYPE_CHECKING:
    from quizzer.store import Store

REPO = Path(__file__).resolve().parent.parent

# Property tests draw new examples on every run here; under CI they draw the same ones, so
# a commit that passed once passes again (a failure found here becomes an @example).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
SHIPPED_DECK = REPO / "decks" / "parameters-and-hyperparameters.yaml"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("quizzer-home")
    monkeypatch.setenv("QUIZZER_HOME", str(home))
    temp = tmp_path_factory.mktemp("temp")
    monkeypatch.setenv("TMPDIR", str(temp))  # quizzer run as a subprocess
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # and in this process
    monkeypatch.delenv("QUIZZER_DB", raising=False)
    monkeypatch.delenv("QUIZZER_PLAYER", raising=False)
    monkeypatch.setenv("LOGNAME", "learner")  # the default player, whoever runs the tests
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()  # make the local zone UTC in this process too, not only in subprocesses
    return home


BOTH_BACKENDS = ("store", "sessions")
"""The test folders whose tests run on SQLite and on PostgreSQL (unless marked
`sqlite_only`: a test of SQLite's files, locks or processes)."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.path)).parent.name
    if folder not in BOTH_BACKENDS or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    postgres = pytest.param("postgresql", marks=pytest.mark.postgres)
    metafunc.parametrize("backend", ["sqlite", postgres], indirect=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL server, the PostgreSQL cases are left out (locally: one line
    says so at the end); under CI=true that is a failure instead."""
    if any(item.get_closest_marker("postgres") for item in items) and not postgres_available():
        left_out = [item for item in items if item.get_closest_marker("postgres")]
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        config.hook.pytest_deselected(items=left_out)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if not os.environ.get("QUIZZER_TEST_POSTGRES") and terminalreporter.stats.get("deselected"):
        terminalreporter.write_line(MISSING)


@pytest.fixture(autouse=True)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Which backend the test's stores are on. On "postgresql", `Store.open(path)` opens a
    fresh PostgreSQL database instead (one per distinct path, dropped afterwards)."""
    kind: str = getattr(request, "param", "sqlite")
    if kind == "sqlite":
        request.node.stash[_TARGET] = str
        yield kind
        return
    from quizzer.store import Store

    real_open = Store.open.__func__  # type: ignore[attr-defined]
    urls: dict[str, str] = {}
    with ExitStack() as databases:

        def target_for(path: Any) -> str:
            if isinstance(path, str) and path.startswith("postgresql:"):
                return path
            key = os.path.abspath(path)
            if key not in urls:
                urls[key] = databases.enter_context(fresh_database())
            return urls[key]

        def open_on_postgres(cls: type[Store], target: Any, **options: Any) -> Store:
            return real_open(cls, target_for(target), **options)  # type: ignore[no-any-return]

        request.node.stash[_TARGET] = target_for
        monkeypatch.setattr(Store, "open", classmethod(open_on_postgres))
        yield kind
        monkeypatch.undo()


_TARGET = pytest.StashKey[Callable[[Any], str]]()


@pytest.fixture
def target_for(request: pytest.FixtureRequest, backend: str) -> Callable[[Any], str]:
    """What a separate process passes to `Store.open` for the database a test calls
    `path`: the path itself on SQLite, the test's PostgreSQL URL for it on PostgreSQL."""
    return request.node.stash[_TARGET]


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every collection that starts while the test runs."""
    started: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(record)
    try:
        yield started
    finally:
        gc.callbacks.remove(record)


@pytest.fixture
def play_round() -> PlayRound:
    """Store a speed round of `deck_id` as a player would: its questions from the seed,
    each answered right or wrong (`answers`: (right, response ms)), scored as it goes.
    The round then ends finished, aborted, or (neither) unfinished as after a crash; an
    attempt at a class challenge when `challenge` (its code) is given."""
    from quizzer.core.speed import RoundScore, round_questions

    def play(
        store: Store,
        deck_id: str,
        *,
        seed: int,
        answers: list[tuple[bool, int]],
        started_at: datetime,
        seconds: int = 60,
        finish: bool = True,
        aborted: bool = False,
        challenge: str | None = None,
    ) -> int:
        round_id = store.start_round(
            deck_id, seed=seed, seconds=seconds, started_at=started_at, challenge=challenge
        )
        totals = RoundScore()
        questions = round_questions(store.cards(deck_id), seed=seed, seconds=seconds)
        for position, (question, (right, ms)) in enumerate(zip(questions, answers, strict=False)):
            chosen = question.right if right else (question.right + 1) % len(question.options)
            store.record_speed_answer(
                round_id,
                position=position,
                question=question,
                chosen=chosen,
                response_ms=ms,
                points=totals.record(right, ms),
                totals=totals,
            )
        if aborted:
            store.finish_round(
                round_id, finished_at=started_at + timedelta(seconds=5), aborted=True
            )
        elif finish:
            store.finish_round(round_id, finished_at=started_at + timedelta(seconds=seconds))
        return round_id

    return play
