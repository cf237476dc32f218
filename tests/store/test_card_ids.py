"""`Store.card_ids`: every card of the decks asked for, retired ones too (an Anki
import tells a collection by the notes of the decks it imported before), and no other
deck's."""

from __future__ import annotations

from pathlib import Path

from quizzer.library import sync_decks
from quizzer.store import Store


def _deck(path: Path, deck_id: str, terms: list[str]) -> Path:
    lines = [f"id: {deck_id}", f"title: {deck_id}", "terms:"]
    for term in terms:
        lines += [f"  - term: {term}", f"    definition: the {term}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_decks_cards_retired_ones_too(tmp_path: Path) -> None:
    words = _deck(tmp_path / "words.yaml", "words", ["alpha", "beta"])
    other = _deck(tmp_path / "other.yaml", "other", ["gamma"])
    third = _deck(tmp_path / "third.yaml", "third", ["delta"])
    with Store.open(tmp_path / "quizzer.db") as store:
        sync_decks(store, [words, other, third])
        assert store.retire_leech("words/terms/alpha")
        _deck(words, "words", ["alpha"])  # beta dropped from the file: retired
        sync_decks(store, [words])
        assert sorted(store.card_ids(["words", "other"])) == [
            "other/terms/gamma", "words/terms/alpha", "words/terms/beta"
        ]  # fmt: skip
        assert store.card_ids(["third"]) == ["third/terms/delta"]
        assert store.card_ids([]) == []
