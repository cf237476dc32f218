"""The code span open in the Anki import's output (html_converter.py): its `<code>`
elements and the `<pre>`s that are part of it (in a heading or a table's cell, or in
code, a `<pre>` is one span with the rest), where it starts, and the last span written,
which the next one joins when nothing shown lies between (`blocks.code_start`)."""

from __future__ import annotations

from quizzer.interchange import html_blocks as blocks

__all__ = ["CodeSpan"]


class CodeSpan:
    """The code span open at the end of one field's output (`out`, the converter's list
    of pieces), if any."""

    def __init__(self, out: list[str]) -> None:
        self._out = out
        self.depth = 0
        """How deep the open span is: its `<code>`s and `<pre>`s (0: none is open; an
        attribute, not a method: the converter asks for each piece of text)."""
        self._pres = 0  # ... of which `<pre>`s: an end tag ends one of its own name
        self._at = 0  # where the open span starts in the output
        self._last: tuple[int, str] | None = None  # the last span: where, its code

    @property
    def in_pre(self) -> bool:
        """Whether a `<pre>` is part of the open span (its text keeps its white space)."""
        return self._pres > 0

    def open(self, tag: str) -> None:
        """A `<code>` or `<pre>` in the span, or starting one (a `<code>` joins the last
        span where nothing shown lies between)."""
        if not self.depth:
            self._at = blocks.code_start(self._out, self._last) if tag == "code" else len(self._out)
        self.depth += 1
        self._pres += tag == "pre"

    def close(self, tag: str) -> None:
        """A `</code>` or `</pre>`: the end of an element of its name in the span (none
        open: a browser ignores it); the span ends with its last."""
        if not (self._pres if tag == "pre" else self.depth > self._pres):
            return
        self.depth -= 1
        self._pres -= tag == "pre"
        if not self.depth:
            self.end()

    def end(self) -> None:
        """The open span ends (every `<code>` and `<pre>` in it): its Markdown."""
        code = "".join(self._out[self._at :])
        self._out[self._at :] = [blocks.code_span(code)]
        self._last = (self._at, code)
        self.depth = self._pres = 0

    def end_since(self, at: int) -> int:
        """End the span if it starts at or after `at` in the output; how many of its
        `<code>`s a browser opens again after (a `<pre>` in it is a block: it ends)."""
        if not self.depth or self._at < at:
            return 0
        codes = self.depth - self._pres
        self.end()
        return codes

    def reopen(self, codes: int) -> None:
        """Open a span of `codes` `<code>` elements here (none: nothing), as a browser
        opens again the ones a block ended (`end_since`): the one that ended goes on
        where the block wrote nothing (two spans side by side would run their fences
        together)."""
        if codes:
            self.depth, self._pres = codes, 0
            self._at = blocks.code_start(self._out, self._last)
