"""What a browser shows around some elements besides their text:

- ruby annotations (`<ruby>漢字<rt>かんじ</rt></ruby>`, the furigana of a Japanese deck):
  Chromium shows the reading above its text; the review has no such layout, so the
  reading comes after its text in parentheses, `漢字(かんじ)`, as a browser without ruby
  shows it when the field gives its own (`<rp>(</rp>`: then those, as written). The text
  alone ran the two together (`漢字かんじ`);
- a quotation (`<q>`) between quotation marks, “ ” and ‘ ’ within one (deeper ones as
  that), Chromium's English defaults. The import dropped them.
"""

from __future__ import annotations

__all__ = ["ADDS_TEXT", "AddedText"]

ADDS_TEXT = frozenset({"ruby", "rt", "rp", "q"})
_QUOTES = (("\u201c", "\u201d"), ("\u2018", "\u2019"))


class AddedText:
    """The elements open in a field that add text: what each of their tags writes
    (`start`, `end`)."""

    def __init__(self) -> None:
        self._open: list[list[bool]] = []  # per ruby open: [it has `<rp>`, a `(` is open]
        self._quotes = 0  # quotations open

    def start(self, tag: str) -> str:
        if tag == "q":
            self._quotes += 1
            return _QUOTES[min(self._quotes, 2) - 1][0]
        if tag == "ruby":
            self._open.append([False, False])
            return ""
        if not self._open:
            return ""  # an `<rt>` outside a ruby: a browser shows its text inline
        ruby = self._open[-1]
        if tag == "rp":
            ruby[0] = True
            return ""
        if ruby[0]:
            return ""  # the field's own parentheses
        written = ")(" if ruby[1] else "("  # (an `<rt>` ends the one before it)
        ruby[1] = True
        return written

    def end(self, tag: str) -> str:
        if tag == "q":
            if not self._quotes:
                return ""  # none open: a browser ignores it
            self._quotes -= 1
            return _QUOTES[min(self._quotes, 1)][1]
        if not self._open or tag == "rp":
            return ""
        ruby = self._open[-1] if tag == "rt" else self._open.pop()
        closing = ")" if ruby[1] else ""
        ruby[1] = False
        return closing
