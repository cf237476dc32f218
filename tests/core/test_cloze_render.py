"""A cloze card's faces: each gap's card hides that gap (as `[...]` or `[hint]`) and
shows the others as their answers; its back shows the gap's answer in bold. The faces
are made from one split of the text; here they are held to the marker-by-marker
substitution they replaced, over any text of marker pieces and any gap."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from quizzer.core.content import CLOZE_MARKER, ClozeContent, render

_PIECES = [
    "{{c1::", "{{c2::", "{{c10::", "{{c0::", "{{c1234::", "}}", "::", "::h", ":: hint ",
    "a", " ", "\n", "b c", "{", "}", ":", "{{c1::x}}", "{{c2::y::}}", "{{c1:: z ::h}}",
    "**", "[...]", "日本",
]  # fmt: skip


def _substituted(text: str, gap: int) -> tuple[str, str, str]:
    """Front, back and answer, marker by marker (what render did before)."""
    answers: list[str] = []

    def front_part(match: re.Match[str]) -> str:
        answer, hint = match.group(2), match.group(3)
        if int(match.group(1)) != gap:
            return answer
        answers.append(answer.strip())
        return f"[{hint.strip()}]" if hint else "[...]"

    def back_part(match: re.Match[str]) -> str:
        answer = match.group(2)
        return f"**{answer}**" if int(match.group(1)) == gap else answer

    front, back = CLOZE_MARKER.sub(front_part, text), CLOZE_MARKER.sub(back_part, text)
    return front, back, " / ".join(answers)


@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join), st.integers(0, 11))
def test_faces_are_the_marker_by_marker_substitution(text: str, gap: int) -> None:
    faces = render("cloze", ClozeContent(text, gap))
    assert (faces.front, faces.back, faces.answer) == _substituted(text, gap)


def test_the_gap_is_hidden_and_the_others_shown() -> None:
    faces = render("cloze", ClozeContent("{{c1::Paris}} is in {{c2::France::country}}.", 2))
    assert faces.front == "Paris is in [country]."
    assert faces.back == "Paris is in **France**."
    assert faces.answer == "France"


def test_a_backslash_before_the_hidden_gap_stays_a_backslash() -> None:
    # `C:\{{c1::Users}}`: the gap's card on the other gap shows `C:\Users` (a backslash
    # before a letter is text); the hidden gap's `[...]` and `**Users**` must not turn
    # that backslash into an escape of their first mark (`C:[...]`, `C:*Users**`).
    text = r"path C:\{{c1::Users}} and {{c2::y}}"
    faces = render("cloze", ClozeContent(text, 1))
    assert faces.front == r"path C:\\[...] and y"
    assert faces.back == r"path C:\\**Users** and y"
    assert render("cloze", ClozeContent(text, 2)).front == r"path C:\Users and [...]"
    # an escaped backslash (an even run) is already one backslash shown: left as it is
    even = render("cloze", ClozeContent(r"C:\\{{c1::Users}}", 1))
    assert (even.front, even.back) == (r"C:\\[...]", r"C:\\**Users**")
