"""The changes an import puts into a deck file item by item (author_file.py), on files
and changes made at random: it never fails, and the file it gives, read back, is the
deck the import would write; edits, removals and additions at a section's end always go
in so, whatever the file's comments, blank lines and indentation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quizzer.core.cards import item_keys
from quizzer.core.loader import parse_deck
from quizzer.interchange.author_file import as_written
from quizzer.interchange.yaml_writer import check_deck

WORDS = st.sampled_from(["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho"])
LINES = st.sampled_from(["", "# a note", "  # an indented note", "   "])


@st.composite
def files_and_changes(draw: st.DrawFn) -> tuple[str, list[dict[str, object]], tuple[int, int]]:
    """A deck file of cards written by hand, the cards an import brings for it, and how
    many comments inside items the file keeps: lines between an item's keys (of items
    kept or edited), and comments after a value edited."""
    fronts = draw(st.lists(WORDS, min_size=1, max_size=6, unique=True))
    inside: dict[str, tuple[bool, bool]] = {}  # front -> (a line between, a comment after)
    depth = draw(st.sampled_from([0, 2, 4]))
    pad = " " * depth
    lines = ["# my deck", "title: Words", *draw(st.lists(LINES, max_size=2)), "cards:"]
    for front in fronts:
        lines += [line and pad + line.lstrip() for line in draw(st.lists(LINES, max_size=2))]
        back = draw(st.sampled_from(["one", "x   # after", "folded", "literal"]))
        lines.append(f"{pad}- front: {front}")
        between = draw(st.booleans())
        if between:
            lines.append(f"{pad}  # between")
        inside[front] = (between, back == "x   # after")
        if back == "folded":
            lines += [f"{pad}  back: >-", f"{pad}    folded {front}", f"{pad}    over lines"]
        elif back == "literal":  # a blank line and a `#` line in its text
            lines += [f"{pad}  back: |-", f"{pad}    one", "", f"{pad}    # two", ""]
        else:
            lines.append(f"{pad}  back: {back}")
    lines += draw(st.lists(LINES, max_size=2))
    items: list[dict[str, object]] = []
    betweens = afters = 0
    for front in fronts:
        change = draw(st.sampled_from(["keep", "keep", "edit", "drop"]))
        if change != "drop":
            back = "edited" if change == "edit" else None
            items.append({"front": front, "back": back})
            betweens += inside[front][0]
            afters += change == "edit" and inside[front][1]
    new = draw(st.lists(st.sampled_from(["nueve", "diez"]), max_size=2, unique=True))
    items += [{"front": front, "back": "new"} for front in new]
    return "\n".join(lines) + "\n", items, (betweens, afters)


@settings(max_examples=300, deadline=None)
@given(files_and_changes())
def test_the_changes_go_in_or_the_import_writes_its_own(
    case: tuple[str, list[dict[str, object]], tuple[int, int]],
) -> None:
    text, items, (betweens, afters) = case
    written = parse_deck(text.encode(), "w.yaml", "words")
    assert not isinstance(written, list), written
    backs = {c.front: c.back for c in written.cards}
    for item in items:  # what the import brings: a kept card's back as the file has it
        if item["back"] is None:
            item["back"] = backs[str(item["front"])]
    if not items:
        return
    checked, rejected = check_deck(
        title="Words", deck_id="words", sections={"cards": items}, display="w.yaml",
        header="Imported from w.csv by `quizzer import`.",
    )  # fmt: skip
    assert checked is not None and not rejected
    kept = as_written(text.encode(), "w.yaml", checked, {"cards": items})
    assert kept is not None  # edits, removals, additions at the end: always put in
    again = parse_deck(kept.data, "w.yaml", "words")
    assert not isinstance(again, list)
    assert [(c.id, c.front, c.back, c.ordinal) for c in again.cards] == [
        (c.id, c.front, c.back, c.ordinal) for c in checked.loaded.cards
    ]
    assert kept.data.startswith(b"# Imported from w.csv by `quizzer import`.\n# my deck\n")
    assert [k.key for k in item_keys(again.deck)] == [k.key for k in item_keys(checked.loaded.deck)]
    # the comments inside the items kept or edited stay, each by its key
    assert kept.data.count(b"  # between\n") == betweens
    assert kept.data.count(b"back: edited   # after\n") == afters
