"""Ruby annotations (`<ruby>漢字<rt>かんじ</rt></ruby>`, the furigana of a Japanese deck):
Chromium shows the reading above its text; the review has no such layout, so the reading
comes after its text in parentheses, `漢字(かんじ)`, as a browser without ruby shows it
when the field gives its own (`<rp>(</rp>`: then those, as written). The text alone ran
the two together (`漢字かんじ`)."""

from __future__ import annotations

__all__ = ["RUBY_TAGS", "Ruby"]

RUBY_TAGS = frozenset({"ruby", "rt", "rp"})


class Ruby:
    """The ruby elements open in a field: what each of their tags writes (`start`,
    `end`)."""

    def __init__(self) -> None:
        self._open: list[list[bool]] = []  # per ruby open: [it has `<rp>`, a `(` is open]

    def start(self, tag: str) -> str:
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
        if not self._open or tag == "rp":
            return ""
        ruby = self._open[-1] if tag == "rt" else self._open.pop()
        closing = ")" if ruby[1] else ""
        ruby[1] = False
        return closing
