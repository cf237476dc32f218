"""Renaming and removing whole decks (store/lifecycle.py) on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from speed_helpers import PlayRound

from quizzer.errors import QuizzerError
from quizzer.library import sync_decks
from quizzer.store import Store

MOMENT = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)
TERMS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]


def write_deck(folder: Path, deck_id: str, name: str = "greek.yaml") -> Path:
    lines = [f"id: {deck_id}", "title: Greek", "terms:"]
    for term in TERMS:
        lines += [f"  - term: {term}", f"    definition: the letter {term}"]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "quizzer.db")
    yield opened  # type: ignore[misc]
    opened.close()


def filled(store: Store, tmp_path: Path, play_round: PlayRound, deck_id: str = "greek") -> None:
    """A deck with answers, a finished speed round and a day's extra new cards."""
    sync_decks(store, [write_deck(tmp_path, deck_id)])
    for card in store.cards(deck_id)[:3]:
        store.record_answer(
            card.id, 4, response_ms=900, kind="scheduled", reviewed_at=MOMENT, study_day=TODAY
        )
    play_round(store, deck_id, seed=7, answers=[(True, 800)] * 4, started_at=MOMENT)
    store.set_extra_new(deck_id, TODAY, was=0, to=10)


def rows_naming(store: Store, text: str) -> int:
    """How many rows of any table hold `text` in a column that names a deck or card."""
    total = 0
    with store._database.reading() as con:
        for table, column in [
            ("deck", "id"),
            ("card", "id"),
            ("card", "deck_id"),
            ("card_schedule", "card_id"),
            ("card_schedule", "deck_id"),
            ("player_deck", "deck_id"),
            ("review_log", "card_id"),
            ("review_log", "deck_id"),
            ("speed_round", "deck_id"),
            ("speed_answer", "card_id"),
            ("deck_day", "deck_id"),
            ("challenge", "deck_id"),
        ]:
            (count,) = con.execute(
                f"SELECT count(*) FROM {table} WHERE {column} = ? OR {column} LIKE ?",
                (text, f"{text}/%"),
            ).fetchone()
            total += count
    return int(total)


def test_rename_moves_every_answer_round_and_day(
    store: Store, tmp_path: Path, play_round: PlayRound
) -> None:
    filled(store, tmp_path, play_round)
    histories = {c.id.removeprefix("greek/"): store.history(c.id) for c in store.cards("greek")}
    rounds = store.rounds("greek")

    moved = store.rename_deck("greek", "greek-letters")

    assert (moved.reviews, moved.rounds, moved.cards) == (3, 1, len(TERMS))
    assert store.deck_history("greek") is None and rows_naming(store, "greek") == 0
    for suffix, before in histories.items():
        after = store.history(f"greek-letters/{suffix}")
        assert [(e.grade, e.after) for e in after] == [(e.grade, e.after) for e in before]
    assert [r.score for r in store.rounds("greek-letters")] == [r.score for r in rounds]
    assert store.extra_new("greek-letters", TODAY) == 10
    (summary,) = store.deck_summaries(TODAY, ["greek-letters"])
    assert summary.reviews_total == 3 and summary.cards == len(TERMS)
    # The file, now saying `id: greek-letters`, syncs onto the moved cards.
    write_deck(tmp_path, "greek-letters")
    (result,) = sync_decks(store, [tmp_path / "greek.yaml"])
    assert result.deck_id == "greek-letters" and result.reparsed
    assert len(store.history("greek-letters/terms/alpha")) == 1


def test_rename_onto_a_fresh_sync_of_the_changed_id_keeps_the_history(
    store: Store, tmp_path: Path, play_round: PlayRound
) -> None:
    filled(store, tmp_path, play_round)
    sync_decks(store, [write_deck(tmp_path, "greek-letters")])  # the `id:` changed first
    assert store.history("greek-letters/terms/alpha") == []

    store.rename_deck("greek", "greek-letters")

    assert len(store.history("greek-letters/terms/alpha")) == 1
    assert store.deck_ids() == ["greek-letters"]


def test_rename_refuses_a_target_with_history_and_changes_nothing(
    store: Store, tmp_path: Path, play_round: PlayRound
) -> None:
    filled(store, tmp_path, play_round, "greek")
    other = tmp_path / "other"
    other.mkdir()
    filled(store, other, play_round, "latin")
    before = (rows_naming(store, "greek"), rows_naming(store, "latin"))

    with pytest.raises(QuizzerError, match="has a history of its own"):
        store.rename_deck("greek", "latin")
    with pytest.raises(QuizzerError, match="no deck 'nope'"):
        store.rename_deck("nope", "other")

    assert (rows_naming(store, "greek"), rows_naming(store, "latin")) == before


def test_remove_deletes_the_deck_and_all_its_history_only(
    store: Store, tmp_path: Path, play_round: PlayRound
) -> None:
    filled(store, tmp_path, play_round, "greek")
    other = tmp_path / "other"
    other.mkdir()
    filled(store, other, play_round, "latin")
    kept = rows_naming(store, "latin")

    removed = store.remove_deck("greek")

    assert (removed.reviews, removed.rounds) == (3, 1)
    assert rows_naming(store, "greek") == 0
    assert rows_naming(store, "latin") == kept
    assert [r.id for r in store.deck_records()] == ["latin"]
    with pytest.raises(QuizzerError, match="no deck 'greek'"):
        store.remove_deck("greek")


def test_a_reworded_term_with_history_gets_the_id_line_that_keeps_it(
    store: Store, tmp_path: Path
) -> None:
    path = write_deck(tmp_path, "greek")
    sync_decks(store, [path])
    store.record_answer(
        "greek/terms/beta", 4, response_ms=900, kind="scheduled", reviewed_at=MOMENT,
        study_day=TODAY,
    )  # fmt: skip
    path.write_text(path.read_text().replace("term: beta", "term: Beta (β)"), encoding="utf-8")

    (result,) = sync_decks(store, [path])

    (notice,) = result.notices
    assert notice.startswith(f"{path}:6: ") and "'beta' it replaces (1 answer)" in notice
    assert "`id: beta`" in notice
    text = path.read_text().replace("term: Beta (β)", "term: Beta (β)\n    id: beta")
    path.write_text(text, encoding="utf-8")
    (result,) = sync_decks(store, [path])
    assert result.notices == [] and len(store.history("greek/terms/beta")) == 1
    assert "greek/terms/beta" in {c.id for c in store.cards("greek")}


def test_a_changed_deck_id_says_how_to_keep_the_history(
    store: Store, tmp_path: Path, play_round: PlayRound
) -> None:
    filled(store, tmp_path, play_round)
    (result,) = sync_decks(store, [write_deck(tmp_path, "greek-letters")])
    assert result.notices == [
        f"{tmp_path / 'greek.yaml'}: the file's `id:` changed from 'greek' to 'greek-letters';"
        " run `quizzer decks rename greek greek-letters` to keep its history"
    ]


def test_has_images_finds_an_active_card_with_a_markdown_image(
    store: Store, tmp_path: Path
) -> None:
    path = write_deck(tmp_path, "greek")
    sync_decks(store, [path])
    assert not store.has_images()
    text = path.read_text().replace("the letter beta", "'the letter ![beta](b.png)'")
    path.write_text(text, encoding="utf-8")
    sync_decks(store, [path])
    assert store.has_images()
