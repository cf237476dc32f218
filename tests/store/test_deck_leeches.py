"""`Store.deck_leeches`: the cards of a deck that are in its file but out of the
schedule (retired as leeches, or suspended in Anki and imported), which an export
suspends in Anki; not the cards dropped from the file, nor another deck's."""

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


def test_only_the_decks_leeches(tmp_path: Path) -> None:
    words = _deck(tmp_path / "words.yaml", "words", ["alpha", "beta", "gamma", "delta"])
    other = _deck(tmp_path / "other.yaml", "other", ["alpha"])
    with Store.open(tmp_path / "quizzer.db") as store:
        sync_decks(store, [words, other])
        assert store.deck_leeches("words") == set()
        assert store.retire_leech("words/terms/alpha")
        assert store.retire_leech("words/terms/gamma")
        assert store.retire_leech("other/terms/alpha")
        _deck(words, "words", ["alpha", "beta", "gamma"])  # delta dropped: retired, no leech
        sync_decks(store, [words])
        assert store.deck_leeches("words") == {"words/terms/alpha", "words/terms/gamma"}
        assert store.bring_back_leech("words/terms/gamma")
        assert store.deck_leeches("words") == {"words/terms/alpha"}
        assert store.deck_leeches("other") == {"other/terms/alpha"}
