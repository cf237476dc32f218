"""`quizzer decks`, `quizzer decks rename OLD NEW`, `quizzer decks remove ID [--yes]`, run
as a user would (a real process on a real database and real deck files)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from quizzer.store import Store


def quizzer(*args: str | Path, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", "q.db", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=60,
    )


def deck(folder: Path, name: str, deck_id: str, body: str = "") -> Path:
    path = folder / f"{name}.yaml"
    text = f"id: {deck_id}\ntitle: {name}\nterms:\n  - term: one\n    definition: 1\n{body}"
    path.write_text(text, encoding="utf-8")
    return path


def setup(tmp_path: Path) -> Path:
    decks = tmp_path / "decks"
    decks.mkdir()
    deck(decks, "kept", "kept")
    deck(decks, "gone", "gone")
    deck(decks, "broken", "broken")
    deck(decks, "moved", "moved")
    assert quizzer("stats", "--decks", decks, cwd=tmp_path).returncode == 0
    (decks / "gone.yaml").unlink()
    (decks / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    deck(decks, "moved", "moved-on")
    return decks


def test_decks_lists_every_stored_deck_with_its_file_and_status(tmp_path: Path) -> None:
    decks = setup(tmp_path)

    listed = quizzer("decks", "--json", cwd=tmp_path)

    assert listed.returncode == 0, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)["decks"]}
    assert {i: r["status"] for i, r in rows.items()} == {
        "broken": "invalid",
        "gone": "file missing",
        "kept": "ok",
        "moved": "now deck moved-on",
    }
    assert rows["gone"]["file"] == str((decks / "gone.yaml").resolve())
    assert "quizzer decks remove gone" in rows["gone"]["detail"]
    assert "quizzer decks rename moved moved-on" in rows["moved"]["detail"]
    text = quizzer("decks", cwd=tmp_path)
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["ID", "STATUS", "CARDS", "REVIEWS", "FILE"]
    assert any(line.split()[:3] == ["gone", "file", "missing"] for line in lines)


def test_remove_asks_first_and_deletes_only_when_confirmed(tmp_path: Path) -> None:
    setup(tmp_path)

    refused = quizzer("decks", "remove", "gone", cwd=tmp_path)  # no terminal to ask on
    assert refused.returncode == 2 and "pass --yes" in refused.stderr
    assert refused.stderr.count("\n") == 1  # one line, no traceback
    unknown = quizzer("decks", "remove", "nope", "--yes", cwd=tmp_path)
    assert unknown.returncode == 1 and "no deck 'nope'" in unknown.stderr
    with Store.open(tmp_path / "q.db") as store:
        assert "gone" in store.deck_ids()

    removed = quizzer("decks", "remove", "gone", "--yes", cwd=tmp_path)

    assert removed.returncode == 0, removed.stderr
    assert removed.stdout == "deck 'gone' removed: 1 card, 0 answers, 0 speed rounds deleted\n"
    with Store.open(tmp_path / "q.db") as store:
        assert store.deck_ids() == ["broken", "kept", "moved"]


def test_rename_moves_the_deck_and_rejects_a_bad_id(tmp_path: Path) -> None:
    setup(tmp_path)
    bad = quizzer("decks", "rename", "kept", "Not An Id", cwd=tmp_path)
    assert bad.returncode == 2 and "is not a deck id" in bad.stderr

    renamed = quizzer("decks", "rename", "moved", "moved-on", cwd=tmp_path)

    assert renamed.returncode == 0, renamed.stderr
    listed = json.loads(quizzer("decks", "--json", cwd=tmp_path).stdout)["decks"]
    assert {r["id"]: r["status"] for r in listed}["moved-on"] == "ok"
    assert "moved" not in {r["id"] for r in listed}


def test_stats_says_how_to_keep_the_history_of_a_changed_deck_id(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    deck(decks, "moved", "moved")
    quizzer("stats", "--decks", decks, cwd=tmp_path)
    with Store.open(tmp_path / "q.db") as store:
        (card,) = store.cards("moved")
        store.record_answer(
            card.id, 4, response_ms=800, kind="scheduled",
            reviewed_at=datetime(2026, 3, 2, tzinfo=UTC), study_day=date(2026, 3, 2),
        )  # fmt: skip
    deck(decks, "moved", "moved-on")

    result = quizzer("stats", "--decks", decks, cwd=tmp_path)

    assert result.returncode == 0
    assert "run `quizzer decks rename moved moved-on` to keep its history" in result.stderr
