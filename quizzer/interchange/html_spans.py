"""The `<span>`s open in a field, each with the styles its CSS sets, and the blocks they
were opened in: a span ends with its block, as a browser reads it.

A browser closes every element a block holds when the block ends, and opens again
after it only the formatting elements (`<b>`, `<i>`, ...; the converter keeps those
open). So `<div><span style="font-weight:bold">a</div>b` shows "b" plain, and a
`</span>` inside a block whose spans were all opened outside it ends none of them
(`<span style=...>a<div>b</span>c</div>`: "c" is styled). A block that starts in a
paragraph ends it first, as a paragraph holds no block."""

from __future__ import annotations

__all__ = ["BLOCKS", "Spans"]

BLOCKS = frozenset({"div", "p", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3",
                    "h4", "h5", "h6"})  # fmt: skip
"""The blocks a span ends with (tables end theirs themselves: html_tables.py)."""


class Spans:
    def __init__(self) -> None:
        self._open: list[list[str]] = []
        """Per `<span>` open, the styles it opened (the converter's tags for them)."""
        self._blocks: list[tuple[str, int]] = []
        """Per block open, its tag and how many spans were open when it started."""

    def open(self, styles: list[str]) -> None:
        self._open.append(styles)

    def close(self) -> list[str]:
        """The styles a `</span>` ends, innermost first: the innermost span's, none if it
        was opened outside the innermost block."""
        floor = self._blocks[-1][1] if self._blocks else 0
        return self._open.pop()[::-1] if len(self._open) > floor else []

    def block_start(self, tag: str) -> list[str]:
        """A block `tag` starts; the styles it ends first, innermost first: those of the
        paragraph it is in, which a block cannot be in (`<p>a<div>b`: the `<p>` ends)."""
        ended = self.block_end("p") if self._blocks and self._blocks[-1][0] == "p" else []
        self._blocks.append((tag, len(self._open)))
        return ended

    def block_end(self, tag: str) -> list[str]:
        """The styles of the spans opened in the innermost open block `tag` (and in the
        blocks it holds), which its end tag ends, innermost first; none if no such
        block is open (a browser ignores the end tag)."""
        at = next((i for i in range(len(self._blocks) - 1, -1, -1)
                   if self._blocks[i][0] == tag), None)  # fmt: skip
        if at is None:
            return []
        depth = self._blocks[at][1]
        del self._blocks[at:]
        ended = [style for styles in reversed(self._open[depth:]) for style in reversed(styles)]
        del self._open[depth:]
        return ended
