"""Snapshots of the home screen with a deck whose file is gone (dimmed, its hint below)
at 100x30 and 80x24."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MakeApp
from tui_helpers import settle

from quizzer.library import sync_decks
from quizzer.store import Store

SnapCompare = Callable[..., bool]
GONE_DECK = "id: gone\ntitle: Gone deck\nterms:\n  - term: a\n    definition: b\n"


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_home_with_a_missing_deck(
    snap_compare: SnapCompare, make_app: MakeApp, store: Store, workdir: Path, size: tuple[int, int]
) -> None:
    gone = workdir / "decks" / "gone.yaml"
    gone.write_text(GONE_DECK, encoding="utf-8")
    sync_decks(store, [Path("decks")])
    gone.unlink()
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)
