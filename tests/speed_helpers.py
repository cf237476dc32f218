"""Types shared by tests in several folders. They live in a module of their own, not in
a conftest: every folder's conftest is imported as the module `conftest`, so
`from conftest import X` in a test finds whichever folder's conftest came last."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["PlayRound"]

PlayRound = Callable[..., int]
"""`play_round(store, deck_id, *, seed, answers, started_at, seconds=60, finish=True,
aborted=False, challenge=None) -> round id` (the `play_round` fixture in tests/conftest.py)."""
