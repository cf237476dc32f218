"""A pinned card `id:` takes what an unpinned item's key can be: letters and digits of any
script (deck-format.md, "Card identity"). So the id line a sync suggests for a reworded
Japanese term is one the loader accepts, and every id valid before stays valid."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzer.core.keys import text_key
from quizzer.core.loader import LoadedDeck, load_deck


def load(tmp_path: Path, pinned: str) -> LoadedDeck | list[str]:
    deck = tmp_path / "d.yaml"
    deck.write_text(
        textwrap.dedent(f"""\
            id: d
            title: D
            terms:
              - term: 生
                id: {pinned}
                definition: raw
              - term: 生
                definition: life
            """),
        encoding="utf-8",
    )
    loaded = load_deck(deck)
    return [e.render() for e in loaded] if isinstance(loaded, list) else loaded


@pytest.mark.parametrize("pinned", ["なま", "сырой", "größe", "nama-2", "a--b", "c-", "1990"])
def test_a_pinned_id_may_be_a_key_in_any_script(tmp_path: Path, pinned: str) -> None:
    loaded = load(tmp_path, pinned)
    assert isinstance(loaded, LoadedDeck), loaded
    assert [c.id for c in loaded.cards] == [f"d/terms/{pinned}", "d/terms/生"]


@pytest.mark.parametrize(
    ("pinned", "suggested"),
    [("Nama", "nama"), ("Größe", "größe"), ("'a b'", "a-b"), ("'x/y'", "x-y")],
)
def test_a_pinned_id_that_is_not_a_key_names_the_key_it_could_be(
    tmp_path: Path, pinned: str, suggested: str
) -> None:
    loaded = load(tmp_path, pinned)
    assert isinstance(loaded, list)
    (error,) = loaded
    assert error.startswith(f"{tmp_path / 'd.yaml'}:5:9: error: terms[0].id: ")
    assert f"did you mean {suggested!r}?" in error


@given(st.text(min_size=1, max_size=80))
def test_the_key_of_any_text_is_accepted_as_a_pinned_id(text: str) -> None:
    from quizzer.core.deck import Term

    key = text_key(text)
    assert Term(term="x", definition="y", id=key).id == key
