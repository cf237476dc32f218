"""Text that starts a line with what Markdown reads as a block's mark shows as text, as
Chromium shows it: `>` before anything (`&gt;50% of patients` came in as a quote of
`50% of patients`, its `>` gone), a heading's run of `#` (`## x` was a heading), and a
mark alone on its line (`#` an empty heading, `1.` or `+` an empty list item, `>` an
empty quote). A mark that ends one text before a space that starts the next (`1.<b>
Step</b>`, `#<span></span> h`) too: each text's mark at its end is escaped as one
before a space is."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()


def _paragraph_text(markdown: str) -> str:
    """The text of `markdown`, which must be one paragraph (line breaks as `\\n`)."""
    tokens = _REVIEW.parse(markdown)
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    pieces = []
    for child in tokens[1].children or []:
        pieces.append("\n" if child.type.endswith("break") else child.content)
    return "".join(pieces)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("&gt;50% of patients", ">50% of patients"),
        ("x<br>&gt;50%", "x\n>50%"),
        ("&gt;&gt;b", ">>b"),
        ("## x", "## x"),
        ("###### x", "###### x"),
        ("#", "#"),
        ("1.", "1."),
        ("12)", "12)"),
        ("+", "+"),
        ("&gt;", ">"),
        ("x<br>#", "x\n#"),
        ("1.<b> Step one</b>", "1. Step one"),
        ("#<span></span> h", "# h"),
        ("&gt;<span></span> x", "> x"),
        ("#x and 1.5", "#x and 1.5"),  # as before: no mark
    ],
)
def test_a_mark_at_a_lines_start_is_text(html: str, text: str) -> None:
    written = html_to_markdown(html, lambda name: name)
    assert _paragraph_text(written) == text, written
