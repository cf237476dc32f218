"""Anki's gaps inside gaps (`{{c1::capital of {{c2::France}}}}`, Anki 2.1.56 and later)
as quizzer's gaps, which do not nest (deck-format.md): one cloze text per gap number,
written as Anki shows that number's card. Its own gaps are kept, every other gap is its
answer (its hint dropped, as Anki shows it), and a gap inside a kept one is its answer
too: card c2 of the text above asks `capital of {{c2::France}}`, card c1 asks
`{{c1::capital of France}}`.

A gap's hint is what follows the first `::` at its own level, as a deck's cloze reads
it, up to a gap opening in it: what follows that gap is the answer's again, as Anki
reads `{{c1::a::hint {{c2::b}} c}}` (card c1 asks `[hint]`, its answer `ab c`). Text
whose markers do not close is left as it is (the deck check says why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["nested_warning", "one_text_per_gap"]

_TOKEN = re.compile(r"\{\{c(\d{1,3})::|\}\}|::")
_NESTED = re.compile(r"\{\{c\d{1,3}::(?:(?!\}\}).)*?\{\{c\d", re.DOTALL)
"""A gap that opens before the one before it closes: what nesting needs."""

_Parts = list["str | _Gap"]


_DEEPEST = 32
"""Gaps nested deeper are not read (the deck check then leaves the note out): a field of
thousands of `{{c1::` would otherwise take Python's recursion to its limit."""


@dataclass(slots=True)
class _Gap:
    number: int
    answer: _Parts = field(default_factory=list)
    hint: list[str] | None = None
    """Its hint's text; a gap opening in it ends it (`_parsed`)."""
    hinting: bool = True
    """Whether text after its `::` is still its hint."""


def one_text_per_gap(text: str) -> dict[int, str] | None:
    """Each gap number of `text` and the text of its card, when a gap of `text` holds
    another; None when none does (or its markers do not close, or nest too deep)."""
    if _NESTED.search(text) is None:  # most texts (a few hundred ns; parsing takes µs)
        return None
    parts = _parsed(text)
    if parts is None or not any(_holds_a_gap(gap) for gap in _gaps(parts)):
        return None
    return {number: _shown(parts, number) for number in sorted({g.number for g in _gaps(parts)})}


def nested_warning(count: int, first: str) -> str:
    """The import's warning for `count` cloze notes whose gaps nest, `first` the text of
    the first."""
    return (
        f"{count} cloze note(s) have a gap inside a gap, which a deck's cloze cannot hold: "
        f"each came in as one cloze item per gap, as Anki shows its cards (first: "
        f"{first[:40]!r})"
    )


def _parsed(text: str) -> _Parts | None:
    """`text` as text and gaps; None if a gap does not close."""
    top: _Parts = []
    open_gaps: list[_Gap] = []
    at = 0

    def into() -> _Parts | list[str]:  # where text goes: a gap's hint or answer, or the top
        if not open_gaps:
            return top
        gap = open_gaps[-1]
        return gap.hint if gap.hint is not None and gap.hinting else gap.answer

    for token in _TOKEN.finditer(text):
        into().append(text[at : token.start()])
        at = token.end()
        if token.group(1) is not None:
            if open_gaps and open_gaps[-1].hint is not None:  # a gap in a hint ends it:
                open_gaps[-1].hinting = False  # what follows is the answer's (as in Anki)
            if len(open_gaps) == _DEEPEST:
                return None
            open_gaps.append(_Gap(int(token.group(1))))
        elif not open_gaps:  # `}}` or `::` outside any gap: text
            top.append(token.group(0))
        elif token.group(0) == "::" and open_gaps[-1].hint is None:
            open_gaps[-1].hint = []
        elif token.group(0) == "::":  # a second `::`: text
            into().append("::")
        else:
            closed = open_gaps.pop()
            if not open_gaps:
                top.append(closed)
            else:
                open_gaps[-1].answer.append(closed)  # (never a hint: see above)
    into().append(text[at:])
    return None if open_gaps else top


def _gaps(parts: _Parts) -> list[_Gap]:
    """Every gap in `parts`, those inside others too."""
    found = []
    for part in parts:
        if isinstance(part, _Gap):
            found.append(part)
            found += _gaps(part.answer)
    return found


def _holds_a_gap(gap: _Gap) -> bool:
    return any(isinstance(part, _Gap) for part in gap.answer)


def _shown(parts: _Parts, number: int, *, inside: bool = False) -> str:
    """`parts` as the card of gap `number` shows them (`inside`: within a kept gap)."""
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif part.number == number and not inside:
            answer = _shown(part.answer, number, inside=True)
            hint = "".join(part.hint or ())
            hint = f"::{hint}" if hint.strip() else ""  # (an empty one: Anki shows `[]`)
            pieces.append(f"{{{{c{number}::{answer}{hint}}}}}")
        else:
            pieces.append(_shown(part.answer, number, inside=inside))
    return "".join(pieces)
