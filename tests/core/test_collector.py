"""The cyclic collector is paused while a deck is read: a big deck is millions of
objects with no cycles, and full collections over them cost a 100k-term first sync
about half a second of CPU for nothing."""

from __future__ import annotations

import gc

import pytest

from quizzer.core.collector import collector_paused
from quizzer.core.loader import LoadedDeck, parse_deck


def _deck(terms: int) -> bytes:
    lines = ["title: Many terms", "terms:"]
    for i in range(terms):
        lines += [f"  - term: term {i}", f"    definition: what term {i} means"]
    return ("\n".join(lines) + "\n").encode()


def test_reading_a_big_deck_runs_no_collection_on_the_way(collections: list[int]) -> None:
    data = _deck(5_000)  # tens of thousands of containers: many collections unpaused
    assert gc.isenabled()
    gc.collect()  # counts from zero: none is due as the parse starts
    collections.clear()
    loaded = parse_deck(data, "many.yaml", "many")
    during = len(collections)  # not a new list: that allocation could start one
    assert isinstance(loaded, LoadedDeck)
    assert len(loaded.cards) == 5_000
    assert during <= 1  # the one that falls due as the pause ends (77 unpaused)
    assert gc.isenabled()  # back on afterwards


def test_pauses_nest_and_restore_what_was_there() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_a_failure_inside_ends_the_pause() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()
