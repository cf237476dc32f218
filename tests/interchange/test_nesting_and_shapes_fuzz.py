"""Any text a cloze field or an Occlusion field may hold: the nested-cloze split and the
shapes' reading never raise, and what the split gives is a cloze a deck holds, asking
one gap number, with the text's words all kept."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from quizzer.core.content import CLOZE_MARKER
from quizzer.core.deck import ClozeItem
from quizzer.interchange.anki_occlusion import shapes_of
from quizzer.interchange.cloze_nesting import one_text_per_gap
from quizzer.interchange.occlusion_draw import Shape

_PIECES = ["{{c1::", "{{c2::", "{{c3::", "}}", "::", "a", "b ", "hint", " ", "{", "}", ":"]
_SHAPE_PIECES = [
    "{{c1::image-occlusion:", "{{c2::image-occlusion:", "rect:", "ellipse:", "polygon:",
    "text:", "left=", "top=", "width=", "height=", "rx=", "ry=", "points=", "angle=", "oi=1",
    ".1", "0.5", "12", "-3", "x", ",", " ", ":", "}}", "<br>", "&amp;", "1e400", "nan",
]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
@example("{{c1::{{c1::{}}{}}")
def test_each_gap_of_a_nested_text_is_a_cloze_a_deck_holds(text: str) -> None:
    gaps = one_text_per_gap(text)
    if gaps is None:
        return
    words = re.sub(r"\{\{c\d+::|\}\}|::|[{}: ]", "", text)
    for number, gap in gaps.items():
        assert {int(m.group(1)) for m in CLOZE_MARKER.finditer(gap)} == {number}
        assert "{{c" not in "".join(m.group(2) + (m.group(3) or "") for m in
                                    CLOZE_MARKER.finditer(gap))  # fmt: skip
        # a `{{` a deck's gap may not hold: the text's, or two `{` the split put side by
        # side (`{{c1::{{c1::{}}{}}`: the import leaves the note out, with the check's error)
        stray = "{{" in re.sub(r"\{\{c\d+::", "", gap)
        if not stray and all(m.group(2).strip() for m in CLOZE_MARKER.finditer(gap)):
            ClozeItem(type="cloze", text=gap)  # a deck's check takes it
        # every word of the text stays, but a hint of another gap's (dropped, as Anki)
        assert len(re.sub(r"\{\{c\d+::|\}\}|::|[{}: ]", "", gap)) <= len(words)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_SHAPE_PIECES), max_size=20).map("".join))
def test_reading_any_occlusion_field_never_raises(field: str) -> None:
    for shape in shapes_of(field):
        assert isinstance(shape, Shape)
        assert shape.drawable in (True, False)
