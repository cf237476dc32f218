"""Deck sync through quizzer.library with real YAML files and a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from quizzer.core.loader import load_deck
from quizzer.errors import QuizzerError
from quizzer.library import resolve_deck, sync_decks
from quizzer.store import Store

MOMENT = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)
SHIPPED_DECK = Path(__file__).resolve().parents[2] / "decks" / "parameters-and-hyperparameters.yaml"


def deck_yaml(terms: list[tuple[str, str]], *, title: str = "Greek", deck_id: str = "greek") -> str:
    lines = [f"id: {deck_id}", f"title: {title}", "terms:"]
    for term, definition in terms:
        lines += [f"  - term: {term}", f"    definition: {definition}"]
    return "\n".join(lines) + "\n"


def table_dump(store: Store) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    with store.engine.connect() as con:  # another connection, on either backend
        for table in ("deck", "card", "review_log"):
            rows += [tuple(r) for r in con.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1")]
    return rows


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "quizzer.db")
    yield opened  # type: ignore[misc]
    opened.close()


def answer(store: Store, card_id: str, grade: int) -> None:
    store.record_answer(
        card_id, grade, response_ms=500, kind="scheduled", reviewed_at=MOMENT, study_day=TODAY
    )


def test_cards_are_rebuilt_from_the_database_exactly(store: Store) -> None:
    (result,) = sync_decks(store, [SHIPPED_DECK])
    loaded = load_deck(SHIPPED_DECK)
    assert not isinstance(loaded, list)
    assert result.deck_id == loaded.deck_id and result.reparsed and result.errors == []
    assert store.cards(loaded.deck_id) == loaded.cards
    assert {c.kind for c in loaded.cards} >= {"term", "choice", "cloze", "true_false"}


def test_unchanged_file_is_not_parsed_again(store: Store, tmp_path: Path) -> None:
    deck = tmp_path / "greek.yaml"
    deck.write_text(deck_yaml([("alpha", "first"), ("beta", "second")]))
    assert [r.reparsed for r in sync_decks(store, [tmp_path])] == [True]
    # Proof that an unchanged file is neither parsed nor written: a change made behind
    # the store's back survives the second sync.
    with store.engine.begin() as con:
        con.exec_driver_sql(
            "UPDATE card SET front = 'changed in the db' WHERE id = 'greek/terms/alpha'"
        )
    assert [r.reparsed for r in sync_decks(store, [tmp_path])] == [False]
    assert store.cards("greek")[0].front == "changed in the db"
    deck.write_text(deck_yaml([("alpha", "first letter"), ("beta", "second")]))
    (result,) = sync_decks(store, [deck])
    assert result.reparsed and result.deck_id == "greek"
    assert store.cards("greek")[0].back == "first letter"
    assert store.cards("greek")[0].front == "alpha"


def test_edited_card_keeps_history_removed_card_retires_and_returns(
    store: Store, tmp_path: Path
) -> None:
    deck = tmp_path / "greek.yaml"
    deck.write_text(deck_yaml([("alpha", "first"), ("beta", "second"), ("gamma", "third")]))
    sync_decks(store, [deck])
    answer(store, "greek/terms/beta", 5)
    answer(store, "greek/terms/alpha", 4)
    state_of_beta = store.card_state("greek/terms/beta")

    deck.write_text(deck_yaml([("alpha", "the first letter"), ("gamma", "third")]))
    sync_decks(store, [deck])
    assert [c.id for c in store.cards("greek")] == ["greek/terms/alpha", "greek/terms/gamma"]
    assert [c.ordinal for c in store.cards("greek")] == [0, 1]
    alpha = store.card_state("greek/terms/alpha")
    assert alpha is not None and alpha.repetitions == 1  # edit kept the schedule
    retired = {o.card.id: o.state.retired for o in store.card_overview("greek")}
    assert retired == {
        "greek/terms/alpha": False,
        "greek/terms/gamma": False,
        "greek/terms/beta": True,
    }
    (summary,) = store.deck_summaries(TODAY)
    assert (summary.cards, summary.new, summary.reviews_total) == (2, 1, 2)

    deck.write_text(deck_yaml([("alpha", "first"), ("beta", "second"), ("gamma", "third")]))
    sync_decks(store, [deck])
    assert len(store.cards("greek")) == 3
    assert store.card_state("greek/terms/beta") == state_of_beta
    assert [e.grade for e in store.history("greek/terms/beta")] == [5]


def test_invalid_deck_changes_nothing(store: Store, tmp_path: Path) -> None:
    deck = tmp_path / "greek.yaml"
    deck.write_text(deck_yaml([("alpha", "first"), ("beta", "second")]))
    sync_decks(store, [deck])
    answer(store, "greek/terms/alpha", 3)
    before = table_dump(store)
    deck.write_text("id: greek\ntitle: Greek\nterms:\n  - term: alpha\n    defintion: oops\n")
    (result,) = sync_decks(store, [deck])
    assert result.deck_id is None and result.reparsed
    assert "definition" in result.errors[0].render()
    assert table_dump(store) == before
    # A brand-new invalid deck leaves no trace either.
    (tmp_path / "broken.yaml").write_text("title: [unclosed\n")
    results = sync_decks(store, [tmp_path])
    assert [r.deck_id for r in results] == [None, None]
    assert table_dump(store) == before


def test_two_files_with_one_deck_id(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(deck_yaml([("alpha", "first")]))
    (tmp_path / "b.yaml").write_text(deck_yaml([("beta", "second")]))
    first, second = sync_decks(store, [tmp_path])
    assert first.deck_id == "greek" and second.deck_id is None
    assert "already used by" in second.errors[0].message
    # The same conflict on a later run, when only the second file is named.
    (again,) = sync_decks(store, [tmp_path / "b.yaml"])
    assert again.deck_id is None
    assert [c.id for c in store.cards("greek")] == ["greek/terms/alpha"]


def test_moved_deck_file_keeps_its_history(store: Store, tmp_path: Path) -> None:
    old = tmp_path / "old" / "greek.yaml"
    old.parent.mkdir()
    old.write_text(deck_yaml([("alpha", "first")]))
    sync_decks(store, [old])
    answer(store, "greek/terms/alpha", 5)
    new = tmp_path / "new.yaml"
    old.rename(new)
    (result,) = sync_decks(store, [new])
    assert result.deck_id == "greek" and result.errors == []
    assert store.deck_source("greek") == str(new.resolve())
    assert len(store.history("greek/terms/alpha")) == 1


def test_a_deck_file_moved_and_linked_back_keeps_its_history(store: Store, tmp_path: Path) -> None:
    """Moved into another folder (a git checkout, say) with a symlink left where it was:
    the old path still exists and now names the moved file, which is no other deck
    ("deck id 'greek' is already used by .../decks/greek.yaml", the link itself)."""
    old = tmp_path / "decks" / "greek.yaml"
    old.parent.mkdir()
    old.write_text(deck_yaml([("alpha", "first")]))
    sync_decks(store, [old.parent])
    answer(store, "greek/terms/alpha", 5)
    new = tmp_path / "repo" / "greek.yaml"
    new.parent.mkdir()
    old.rename(new)
    old.symlink_to(new)
    (result,) = sync_decks(store, [old.parent])
    assert result.deck_id == "greek" and result.errors == []
    assert store.deck_source("greek") == str(new.resolve())
    assert len(store.history("greek/terms/alpha")) == 1


def test_missing_paths(store: Store, tmp_path: Path) -> None:
    (result,) = sync_decks(store, [tmp_path / "nope.yaml"])
    assert result.deck_id is None and "no such file" in result.errors[0].message
    assert sync_decks(store, [tmp_path / "nope"], skip_missing=True) == []


def test_resolve_deck_by_file_and_by_id(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "greek.yaml").write_text(deck_yaml([("alpha", "first")]))
    (folder / "broken.yaml").write_text("title: Broken\nterms: 3\n")
    assert resolve_deck(store, "greek", [folder, tmp_path / "missing"]) == "greek"
    assert resolve_deck(store, str(folder / "greek.yaml"), []) == "greek"
    with pytest.raises(QuizzerError, match="no deck file or deck id 'latin'"):
        resolve_deck(store, "latin", [folder])
    with pytest.raises(QuizzerError, match=r"broken\.yaml is not a valid deck"):
        resolve_deck(store, "broken", [folder])
    with pytest.raises(QuizzerError, match="not a valid deck"):
        resolve_deck(store, str(folder / "broken.yaml"), [])
    with pytest.raises(QuizzerError, match="is a folder"):
        resolve_deck(store, str(folder), [])
    with pytest.raises(QuizzerError, match="no such file"):
        resolve_deck(store, str(folder / "gone.yaml"), [])


def test_a_deck_known_from_a_folder_not_searched_is_named_with_its_file(
    store: Store, tmp_path: Path
) -> None:
    # a deck imported with `-o DIR` (or opened by its file) is in the database; naming it
    # by id without `--decks DIR` says where it is instead of listing only other decks
    elsewhere = tmp_path / "imported" / "greek.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(deck_yaml([("alpha", "first")]))
    assert resolve_deck(store, str(elsewhere), []) == "greek"
    folder = tmp_path / "decks"
    folder.mkdir()
    with pytest.raises(QuizzerError) as raised:
        resolve_deck(store, "greek", [folder])
    assert f"read last from {elsewhere}" in str(raised.value)
    assert f"--decks {elsewhere.parent}" in str(raised.value)
    elsewhere.unlink()  # a file gone since: no hint to a file that is not there
    with pytest.raises(QuizzerError) as raised:
        resolve_deck(store, "greek", [folder])
    assert "read last from" not in str(raised.value)


def test_a_copy_of_a_shipped_deck_overrides_it_without_a_conflict(
    store: Store, tmp_path: Path
) -> None:
    """Running quizzer in a checkout puts ./decks and the installed decks side by side:
    the learner's copy wins quietly, and the shipped file takes over again (same history)
    when quizzer runs where there is no copy."""
    from quizzer.paths import shipped_decks_dir

    shipped = shipped_decks_dir()
    local = tmp_path / "decks"
    local.mkdir()
    for deck in shipped.glob("*.yaml"):
        (local / deck.name).write_bytes(deck.read_bytes())
    results = sync_decks(store, [local, shipped])
    assert [r.path.parent for r in results] == [local] * len(list(local.glob("*.yaml")))
    assert all(r.deck_id is not None and r.errors == [] for r in results)
    deck_id = results[0].deck_id
    assert deck_id is not None
    card_id = store.cards(deck_id)[0].id
    answer(store, card_id, 5)
    (elsewhere, *_) = sync_decks(store, [shipped])
    assert elsewhere.deck_id == deck_id and elsewhere.errors == []
    assert store.deck_source(deck_id) == str(next(iter(shipped.glob("*.yaml"))).resolve())
    assert len(store.history(card_id)) == 1
