"""`quizzer check` reads an existing database (never writes or creates one) to say when a
reworded term would leave a card's history behind, with the `id:` line that keeps it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from quizzer.library import sync_decks
from quizzer.store import Store

DECK = (
    "id: jp\ntitle: JP\nterms:\n"
    "  - term: 猫\n    definition: cat\n  - term: 犬\n    definition: dog\n"
)


def check(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=60,
    )  # fmt: skip


def test_check_names_the_id_line_that_keeps_a_reworded_terms_history(tmp_path: Path) -> None:
    deck = tmp_path / "jp.yaml"
    deck.write_text(DECK, encoding="utf-8")
    with Store.open(tmp_path / "q.db") as store:
        sync_decks(store, [deck])
        store.record_answer(
            "jp/terms/猫", 4, response_ms=700, kind="scheduled",
            reviewed_at=datetime(2026, 3, 2, tzinfo=UTC), study_day=date(2026, 3, 2),
        )  # fmt: skip
    deck.write_text(DECK.replace("term: 猫", "term: ねこ"), encoding="utf-8")
    before = (tmp_path / "q.db").read_bytes()

    result = check("--db", "q.db", "check", "jp.yaml", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "jp.yaml:4: this item is a new card and the card '猫' it replaces (1 answer) was"
        " retired; to keep that history, add the line `id: 猫` to the item"
    )
    as_json = json.loads(check("--db", "q.db", "check", "--json", "jp.yaml", cwd=tmp_path).stdout)
    assert as_json["notes"] == [result.stdout.splitlines()[0]]
    assert (tmp_path / "q.db").read_bytes() == before  # read, never written
    # The line it names is accepted and keeps the history: no note any more.
    deck.write_text(DECK.replace("term: 猫", "term: ねこ\n    id: 猫"), encoding="utf-8")
    again = check("--db", "q.db", "check", "jp.yaml", cwd=tmp_path)
    assert again.stdout.startswith("jp.yaml: ok, 2 cards")
    assert "this item" not in again.stdout


def test_check_creates_no_database(tmp_path: Path) -> None:
    (tmp_path / "jp.yaml").write_text(DECK, encoding="utf-8")
    result = check("--db", "none.db", "check", "jp.yaml", cwd=tmp_path)
    assert result.returncode == 0 and not (tmp_path / "none.db").exists()
