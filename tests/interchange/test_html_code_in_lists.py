"""A code block (`<pre>`) inside a list item is the item's: each of its lines indented as
the item's text, as Chromium shows it inside the item (at the left margin, its lines
ended the list and the code block: `<li><pre>x</pre></li>` came in as an empty code
block in the item, then `x` as a paragraph). Checked by what the review's parser makes
of the Markdown, beside Markdown written by hand; each case's Chromium DOM checked."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()

CASES = {
    "<ul><li><pre><code>x\ny</code></pre></li></ul>": "- ```\n  x\n  y\n  ```",
    # An empty one is none (test_html_as_shown.py): the item shows its bullet alone
    # (test_html_empty_items.py).
    "<ul><li><pre></pre></li></ul>": "- &nbsp;",
    "<ol><li>a<pre>x\n\ny</pre>b</li><li>c</li></ol>": (
        "1. a\n\n   ```\n   x\n\n   y\n   ```\n\n   b\n2. c"
    ),
    "<ul><li>a<ul><li><pre>x\ny</pre></li></ul>b</li></ul>": (
        "- a\n  - ```\n    x\n    y\n    ```\n\n  b"
    ),
    "<ul><li><blockquote><pre>x\ny</pre></blockquote></li></ul>": (
        "- > ```\n  > x\n  > y\n  > ```"
    ),
    "<blockquote><ul><li><pre>x\ny</pre></li></ul></blockquote>": (
        "> - ```\n>   x\n>   y\n>   ```"
    ),
    # The item's end ends the code block in it (a browser's `</li>` and `</ul>` do),
    # and the list stays tight; a stray `</li>` in a code block outside a list is none.
    "<ul><li><pre>x</li><li>z</li></ul>y": "- ```\n  x\n  ```\n- z\n\ny",
    "<ul><li><pre>x</ul>y": "- ```\n  x\n  ```\n\ny",
    "<ul><li><pre>x": "- ```\n  x",
    "<pre>a</li>b</pre>": "```\nab\n```",
    '<ul><li><pre><code class="language-py">x = 1\n  y</code></pre></li></ul>': (
        "- ```py\n  x = 1\n    y\n  ```"
    ),
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_code_block_in_a_list_item_stays_in_it(html: str, markdown: str) -> None:
    written = html_to_markdown(html, lambda name: name)
    assert _REVIEW.render(written) == _REVIEW.render(markdown), written
