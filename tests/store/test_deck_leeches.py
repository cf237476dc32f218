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


def test_an_import_marks_only_the_cards_it_takes_out(tmp_path: Path) -> None:
    """A card an import retires because its package has it suspended is marked so (a
    later import brings back only such a card); a leech quizzer retired is not, also
    when an import's package has it suspended after; bringing a card back clears it."""
    words = _deck(tmp_path / "words.yaml", "words", ["alpha", "beta", "gamma"])
    alpha, beta, gamma = (f"words/terms/{term}" for term in ("alpha", "beta", "gamma"))
    with Store.open(tmp_path / "quizzer.db") as store:
        sync_decks(store, [words])
        assert store.retire_leech(alpha)
        assert store.retire_leech(beta, by_import=True)
        assert not store.retire_leech(alpha, by_import=True)  # out already: quizzer's
        assert store.suspended_by_import("words") == {beta}
        assert store.deck_leeches("words") == {alpha, beta}
        _deck(words, "words", ["alpha", "beta"])  # a sync keeps both out, and the mark
        sync_decks(store, [words])
        assert store.suspended_by_import("words") == {beta}
        assert store.bring_back_leech(beta)
        assert store.suspended_by_import("words") == set()
        assert store.retire_leech(beta)  # a review retires it: quizzer's now
        assert store.suspended_by_import("words") == set()
        assert store.deck_leeches("words") == {alpha, beta}
        assert gamma not in store.deck_leeches("words")  # dropped from the file
