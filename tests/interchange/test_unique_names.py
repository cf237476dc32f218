"""`identity.unique` numbers a name that is taken (`-2`, `-3`, ...): the names it gives
are pinned here, so that making it quicker (one pass per base, not a scan from `-2`
for every deck of the same name) gives exactly the names it gave before."""

from __future__ import annotations

from quizzer.core.deck import SLUG_MAX_LENGTH
from quizzer.interchange.identity import Taken, unique


def test_same_names_are_numbered_in_turn_past_names_taken_before() -> None:
    taken = Taken({"spanish", "spanish-3", "spanish-5"})
    given = [unique("spanish", taken) for _ in range(5)]
    assert given == ["spanish-2", "spanish-4", "spanish-6", "spanish-7", "spanish-8"]
    taken.update({"spanish-9", "spanish-10"})  # taken by others in between
    assert unique("spanish", taken) == "spanish-11"
    assert unique("spanish-2", taken) == "spanish-2-2"  # a base of its own
    assert unique("french", taken) == "french"


def test_a_long_name_is_cut_to_make_room_for_its_number() -> None:
    base = "a" * SLUG_MAX_LENGTH
    taken = Taken({base})
    given = [unique(base, taken) for _ in range(10)]
    assert given[0] == "a" * (SLUG_MAX_LENGTH - 2) + "-2"
    assert given[-1] == "a" * (SLUG_MAX_LENGTH - 3) + "-11"
    assert all(len(name) == SLUG_MAX_LENGTH for name in given)
    assert len(set(given)) == 10


def test_many_decks_of_one_name_get_every_number_once() -> None:
    taken = Taken()
    given = [unique("deck", taken) for _ in range(3000)]
    assert given == ["deck", *(f"deck-{n}" for n in range(2, 3001))]


def test_a_plain_set_gives_the_same_names_and_a_cleared_set_numbers_from_the_start() -> None:
    plain: set[str] = {"x", "x-2"}
    assert [unique("x", plain) for _ in range(2)] == ["x-3", "x-4"]
    taken = Taken({"x", "x-2"})
    assert [unique("x", taken) for _ in range(2)] == ["x-3", "x-4"]
    taken.clear()
    assert unique("x", taken) == "x"
    taken.discard("x")
    taken.update({"x-3"})
    assert [unique("x", taken) for _ in range(3)] == ["x", "x-2", "x-4"]
