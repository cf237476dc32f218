"""Shared fixtures: every test runs with a tmp data dir, so the user's real data
(database, config, decks) is never read or written."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIPPED_DECK = REPO / "decks" / "parameters-and-hyperparameters.yaml"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("quizzer-home")
    monkeypatch.setenv("QUIZZER_HOME", str(home))
    monkeypatch.delenv("QUIZZER_DB", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()  # make the local zone UTC in this process too, not only in subprocesses
    return home
