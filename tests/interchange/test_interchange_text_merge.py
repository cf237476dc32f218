"""Text imports (Anki's CSV headers, separator detection, Quizlet) and merging another
quizzer database (idempotent, order-free, states replayed from the merged log)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.core.loader import load_deck
from quizzer.core.scheduler import replay
from quizzer.core.schedulers import scheduler_for
from quizzer.store import Store


def _import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, file: Path, db: str = "q.db"
) -> dict:
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / db), "import", str(file), "-o", str(tmp_path / "decks"),
        "--json",
    )  # fmt: skip
    assert status == 0, err
    return json.loads(out)


def test_quizlet_export_one_card_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "Spanish words.txt"
    file.write_text("perro,dog, a loyal animal\ngato,cat\n日本,Japan\n", encoding="utf-8")
    (deck,) = _import(capsys, tmp_path, file)["decks"]
    loaded = load_deck(Path(deck["path"]))
    assert not isinstance(loaded, list)
    assert loaded.deck.title == "Spanish words"
    assert [(c.id, c.front, c.back) for c in loaded.cards] == [
        ("spanish-words/cards/perro", "perro", "dog, a loyal animal"),
        ("spanish-words/cards/gato", "gato", "cat"),
        ("spanish-words/cards/日本", "日本", "Japan"),  # keys keep every script,
    ]


def test_anki_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "notes.csv"
    file.write_text(
        "#separator:Semicolon\n#html:true\n#tags:imported\n#notetype column:1\n"
        "#deck column:2\n#tags column:5\n#guid column:6\n"
        "Basic;Bio::Cells;<b>Cell</b>;unit of life;core;abc\n"
        "Cloze;Bio::Cells;{{c1::Mitochondria}} make ATP;;;def\n"
        'Basic (and reversed card);Bio::Cells;"a;b";semi<br>colon;;ghi\n',
        encoding="utf-8",
    )
    (deck,) = _import(capsys, tmp_path, file)["decks"]
    assert (deck["id"], deck["title"], deck["cards"]) == ("bio-cells", "Bio::Cells", 4)
    loaded = load_deck(Path(deck["path"]))
    assert not isinstance(loaded, list)
    cards = {c.id: c for c in loaded.cards}
    assert cards["bio-cells/cards/anki-616263"].front == "**Cell**"
    assert cards["bio-cells/cards/anki-616263"].tags == ("imported", "core")
    assert cards["bio-cells/cards/anki-646566/c1"].kind == "cloze"
    assert cards["bio-cells/cards/anki-676869/reverse"].back == "a;b"


def test_merging_another_database_is_idempotent_and_order_free(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "decks" / "w.yaml"
    deck.parent.mkdir()
    deck.write_text(
        "title: W\ncards:\n  - front: one\n    back: 1\n  - front: two\n    back: 2\n",
        encoding="utf-8",
    )
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def machine(name: str, answers: list[tuple[str, int, int]]) -> Path:
        db = tmp_path / f"{name}.db"
        status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(deck.parent), "stats")
        assert status == 0, err
        with Store.open(db) as store:
            for card, days, grade in answers:
                at = start + timedelta(days=days, minutes=len(name))
                store.record_answer(
                    f"w/cards/{card}", grade, response_ms=900, kind="scheduled",
                    reviewed_at=at, study_day=at.date(),
                )  # fmt: skip
        return db

    a = machine("a", [("one", 0, 4), ("one", 1, 5), ("two", 0, 2)])
    b = machine("bb", [("one", 0, 3), ("one", 7, 4), ("two", 3, 5)])
    a_copy, b_copy = tmp_path / "a2.db", tmp_path / "b2.db"
    shutil.copy(a, a_copy)
    shutil.copy(b, b_copy)
    first = _import(capsys, tmp_path, b, db="a2.db")  # B into A
    _import(capsys, tmp_path, a, db="b2.db")  # A into B
    assert first["answers_added"] == 3
    again = _import(capsys, tmp_path, b, db="a2.db")
    assert (again["answers_added"], again["answers_known"]) == (0, 3)
    scheduler = scheduler_for(max_interval=36500)
    with Store.open(a_copy) as left, Store.open(b_copy) as right:
        for card in ("w/cards/one", "w/cards/two"):
            assert left.card_state(card) == right.card_state(card)
            history = left.history(card)
            assert [e.reviewed_at for e in history] == sorted(e.reviewed_at for e in history)
            assert len(history) == len(right.history(card))
            state = left.card_state(card)
            assert state is not None
            replayed = replay(scheduler, history)
            assert (replayed.repetitions, replayed.interval, replayed.due) == (
                state.repetitions, state.interval, state.due,
            )  # fmt: skip
        # Both machines answered "one" on day 0: the earlier answer is the scheduled one.
        kinds = [(e.study_day, e.kind) for e in left.history("w/cards/one")]
        assert kinds[:2] == [(date(2026, 3, 2), "scheduled"), (date(2026, 3, 2), "redrill")]
