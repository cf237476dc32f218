"""A note moved to another deck in Anki, exported again and imported again: its card
comes in under the new deck's card id, and its answers go with it (they were logged a
second time under the new id, and stayed behind on the retired card), also when the
newer export lacks the old deck. A note's answers are logged once per player: a copy
of the deck in another folder neither takes them nor logs them again."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from anki_build import answer_card, export_apkg
from conftest import imported, run_cli

from quizzer.interchange.identity import key_for_guid
from quizzer.library import sync_decks
from quizzer.store import Store


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, str, Path]:
    """(before the move, after it, the moved note's key, the staying note's key, an
    export of the new deck alone after the move)."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("moved")
    col = Collection(str(folder / "collection.anki2"))
    try:
        alpha, beta = col.decks.id("Alpha"), col.decks.id("Beta")
        notes = []
        for front in ("moves", "stays"):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, f"{front} back"
            col.add_note(note, alpha)
            notes.append(note)

        good, again = CardAnswer.GOOD, CardAnswer.AGAIN
        answer_card(col, notes[0].cards()[0].id, [good, again, good])
        answer_card(col, notes[1].cards()[0].id, [good])
        before = export_apkg(col, folder / "before.apkg")
        col.set_deck([notes[0].cards()[0].id], beta)
        after = export_apkg(col, folder / "after.apkg")
        beta_alone = export_apkg(col, folder / "beta.apkg", deck=beta)
        keys = (key_for_guid(notes[0].guid), key_for_guid(notes[1].guid))
    finally:
        col.close()
    return before, after, *keys, beta_alone


def test_a_note_moved_to_another_deck_takes_its_answers_along(
    exports: tuple[Path, Path, str, str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before, after, moves, stays, _ = exports
    first = imported(capsys, tmp_path, before)
    assert first["answers_added"] == 4
    again = imported(capsys, tmp_path, after)
    assert (again["answers_added"], again["answers_known"]) == (0, 4)
    with Store.open(tmp_path / "q.db") as store:
        assert len(store.history(f"beta/cards/{moves}")) == 3
        assert store.history(f"alpha/cards/{moves}") == []
        assert len(store.history(f"alpha/cards/{stays}")) == 1
        state = store.card_state(f"beta/cards/{moves}")
        assert state is not None and state.due is not None and not state.retired
    con = sqlite3.connect(tmp_path / "q.db")
    try:  # the counts the log's triggers keep follow the answers
        kept = con.execute(
            "SELECT deck_id, reviews_total, scheduled FROM player_deck ORDER BY deck_id"
        ).fetchall()
        tallied = con.execute(
            "SELECT deck_id, sum(answers) FROM review_tally GROUP BY deck_id ORDER BY deck_id"
        ).fetchall()
    finally:
        con.close()
    assert kept == [("alpha", 1, 1), ("beta", 3, 1)]
    assert tallied == [("alpha", 1), ("beta", 3)]
    assert imported(capsys, tmp_path, after)["answers_added"] == 0


def _imported_elsewhere(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, package: Path
) -> dict[str, Any]:
    """`imported`, into the same database but the folder other/ instead of decks/."""
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(package), "-o",
        str(tmp_path / "other"), "--json",
    )  # fmt: skip
    assert status == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def _logged(db: Path) -> list[tuple[str, int]]:
    """(card id, answers) of every card with answers."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT card_id, count(*) FROM review_log GROUP BY card_id ORDER BY card_id"
        ).fetchall()
    finally:
        con.close()
    return [(str(card_id), int(count)) for card_id, count in rows]


def test_a_note_moved_out_of_a_deck_the_newer_export_lacks_takes_its_answers_along(
    exports: tuple[Path, Path, str, str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The newer export holds the new deck alone: the old deck (an earlier import's, in
    the same folder) is not in it, so its card of the note is not retired by the sync;
    the note's answers were logged a second time under the new deck's card."""
    before, _, moves, stays, beta_alone = exports
    assert imported(capsys, tmp_path, before)["answers_added"] == 4
    again = imported(capsys, tmp_path, beta_alone)
    assert (again["answers_added"], again["answers_known"]) == (0, 3)
    assert any("alpha.yaml" in warning and "moved" in warning for warning in again["warnings"])
    assert _logged(tmp_path / "q.db") == [(f"alpha/cards/{stays}", 1), (f"beta/cards/{moves}", 3)]
    with Store.open(tmp_path / "q.db") as store:
        state = store.card_state(f"beta/cards/{moves}")
        assert state is not None and state.due is not None and not state.retired
        old = store.card_state(f"alpha/cards/{moves}")  # still in alpha.yaml, not studied there
        assert old is not None and old.retired
        assert [c.id for c in store.cards("alpha")] == [f"alpha/cards/{stays}"]
    alpha = tmp_path / "decks" / "alpha.yaml"
    alpha.write_text(alpha.read_text() + "# edited\n")
    with Store.open(tmp_path / "q.db") as store:  # the file's next sync keeps it out
        sync_decks(store, [alpha])
        old = store.card_state(f"alpha/cards/{moves}")
        assert old is not None and old.retired
    assert imported(capsys, tmp_path, beta_alone)["answers_added"] == 0
    # The older export again (the note in the old deck): it moves back, in the schedule.
    assert imported(capsys, tmp_path, before)["answers_added"] == 0
    assert _logged(tmp_path / "q.db") == sorted(
        [(f"alpha/cards/{stays}", 1), (f"alpha/cards/{moves}", 3)]
    )
    with Store.open(tmp_path / "q.db") as store:
        back, left = (
            store.card_state(f"alpha/cards/{moves}"),
            store.card_state(f"beta/cards/{moves}"),
        )
        assert back is not None and not back.retired and back.due is not None
        assert left is not None and left.retired


def test_a_copy_in_another_folder_neither_takes_the_answers_nor_logs_them_again(
    exports: tuple[Path, Path, str, str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The rule: a note's Anki answers are logged once per player. A copy of a deck
    imported into another folder (or the moved note's new deck, imported there) comes
    in without them: they stay with the copy that has them."""
    before, _, moves, stays, beta_alone = exports
    assert imported(capsys, tmp_path, before)["answers_added"] == 4
    copy = _imported_elsewhere(capsys, tmp_path, before)
    assert copy["answers_added"] == 0
    assert [deck["id"] for deck in copy["decks"]] == ["alpha-2"]
    assert any("another copy" in warning for warning in copy["warnings"])
    moved_copy = _imported_elsewhere(capsys, tmp_path, beta_alone)
    assert moved_copy["answers_added"] == 0
    logged = sorted([(f"alpha/cards/{moves}", 3), (f"alpha/cards/{stays}", 1)])
    assert _logged(tmp_path / "q.db") == logged
    with Store.open(tmp_path / "q.db") as store:
        copied = store.card_state(f"alpha-2/cards/{stays}")
        assert copied is not None and copied.due is None  # new there
        state = store.card_state(f"alpha/cards/{moves}")
        assert state is not None and not state.retired


def test_a_note_moved_out_of_a_deck_whose_file_was_deleted_takes_its_answers_along(
    exports: tuple[Path, Path, str, str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The old deck's file is gone from the folder (the database still has its cards):
    the note's answers still move, rather than stay behind with a deck no file shows."""
    before, _, moves, stays, beta_alone = exports
    assert imported(capsys, tmp_path, before)["answers_added"] == 4
    (tmp_path / "decks" / "alpha.yaml").unlink()
    again = imported(capsys, tmp_path, beta_alone)
    assert (again["answers_added"], again["answers_known"]) == (0, 3)
    assert _logged(tmp_path / "q.db") == [(f"alpha/cards/{stays}", 1), (f"beta/cards/{moves}", 3)]
