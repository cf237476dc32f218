"""The blank lines of a code block (`<pre>`) are kept, however many follow each other,
as Chromium shows every line of a `<pre>`: the import made each run of them one, as it
does (and must) between paragraphs, where a browser shows one gap however many line
breaks the HTML has. Checked by the code the review's parser finds in the Markdown."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()

CASES = {
    "<pre>a\n\n\n\nb</pre>": "a\n\n\n\nb\n",
    "<pre><code>a<br><br><br>b</code></pre>": "a\n\n\nb\n",
    "<pre>a\n \t\n  \nb</pre>": "a\n\n\nb\n",  # a line of spaces shows as a blank one
    "x<pre>a\n\n\nb": "a\n\n\nb",  # left open: the code block goes on to the end
    "<ul><li><pre>a\n\n\nb</pre></li></ul>": "a\n\n\nb\n",
    "<blockquote><pre>a\n\n\nb</pre></blockquote>": "a\n\n\nb\n",
    '<pre><code class="language-py">def f():\n\n\n    pass</code></pre>': (
        "def f():\n\n\n    pass\n"
    ),
}


def _code(markdown: str) -> list[str]:
    return [t.content for t in _REVIEW.parse(markdown) if t.type in ("fence", "code_block")]


@pytest.mark.parametrize(("html", "code"), CASES.items())
def test_a_code_blocks_blank_lines_are_kept(html: str, code: str) -> None:
    written = html_to_markdown(html, lambda name: name)
    assert _code(written) == [code], written
    assert "\ufdea" not in written and not any(line.endswith(" ") for line in written.split("\n"))


def test_blank_lines_outside_code_are_still_one() -> None:
    written = html_to_markdown("a<br><br><br><br>b<p></p><p></p>c", lambda name: name)
    # (four breaks are three empty lines in Chromium: test_html_break_runs.py)
    assert written == "a\n\n&nbsp;\n\nb\n\nc"
