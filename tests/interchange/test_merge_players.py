"""Merging another quizzer database brings in the importing player's own answers only:
another player's history in that file stays theirs (they merge it as themselves)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.store import Store

DECK = "title: W\ncards:\n  - front: one\n    back: 1\n  - front: two\n    back: 2\n"


def test_merge_takes_the_players_own_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "w.yaml").write_text(DECK, encoding="utf-8")
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    other = tmp_path / "other.db"
    for db in (other, tmp_path / "mine.db"):
        status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(decks), "stats")
        assert status == 0, err
    given = {"ana": [("one", 0, 4), ("one", 1, 5)], "ben": [("two", 0, 2)]}
    for player, answers in given.items():
        with Store.open(other, player=player) as store:
            for card, days, grade in answers:
                at = start + timedelta(days=days)
                store.record_answer(
                    f"w/cards/{card}", grade, response_ms=900, kind="scheduled",
                    reviewed_at=at, study_day=at.date(),
                )  # fmt: skip
    for player, count in (("ana", 2), ("ben", 1), ("carl", 0)):
        status, out, err = run_cli(
            capsys, "--db", str(tmp_path / "mine.db"), "--player", player, "import",
            str(other), "-o", str(decks), "--json",
        )  # fmt: skip
        assert status == 0, err
        assert json.loads(out)["answers_added"] == count
    with Store.open(tmp_path / "mine.db", player="ana") as ana:
        assert [e.grade for e in ana.history("w/cards/one")] == [4, 5]
        assert ana.history("w/cards/two") == []
    with Store.open(tmp_path / "mine.db", player="ben") as ben:
        assert [e.grade for e in ben.history("w/cards/two")] == [2]
        assert ben.history("w/cards/one") == []
