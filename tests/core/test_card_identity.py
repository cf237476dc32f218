"""Card ids never change: every card of the shipped decks and of the test decks keeps the
id (and kind, text and group) it had when this fixture was written, so a learner's
history stays attached to the same cards across refactors of card expansion.

The fixture (card_ids.json) was computed by `write_fixture()` on the code before cards
became structured; rerun it only for a deliberate change of the deck format:
`.venv/bin/python tests/core/test_card_identity.py`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizzer.core.loader import LoadedDeck, load_deck

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURE = HERE / "card_ids.json"
DECKS = sorted((REPO / "decks").glob("*.yaml")) + sorted((HERE / "card_id_decks").glob("*.yaml"))


def _name(path: Path) -> str:
    return str(path.relative_to(REPO))


def _cards(path: Path) -> list[dict[str, Any]]:
    loaded = load_deck(path)
    assert isinstance(loaded, LoadedDeck), loaded
    return [
        {
            "id": c.id,
            "kind": c.kind,
            "front": c.front,
            "back": c.back,
            "answer": c.answer,
            "distractors": list(c.distractors),
            "group": c.group,
        }
        for c in loaded.cards
    ]


def write_fixture() -> None:
    data = {_name(path): _cards(path) for path in DECKS}
    FIXTURE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_every_pinned_deck_is_still_there() -> None:
    pinned = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert sorted(pinned) == sorted(_name(path) for path in DECKS)
    assert len(pinned) >= 5  # the shipped deck and four test decks


@pytest.mark.parametrize("path", DECKS, ids=_name)
def test_card_ids_and_text_are_unchanged(path: Path) -> None:
    pinned = json.loads(FIXTURE.read_text(encoding="utf-8"))[_name(path)]
    cards = _cards(path)
    assert [c["id"] for c in cards] == [c["id"] for c in pinned]
    assert cards == pinned


if __name__ == "__main__":
    write_fixture()
