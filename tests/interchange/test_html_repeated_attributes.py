"""A tag that repeats an attribute has its first value, as a browser reads it (HTML's
parsing rules drop the repeated one): the import took the last, so `<img src="a.png"
src="b.png">` showed b.png where Anki's card shows a.png. Every attribute the import
reads: an image's address and alt text, a link's address, a list's start, a code
block's language; and an image's name in a text file."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.text_images import images_as_text

CASES = {
    '<img src="a.png" src="b.png">': "![a.png](a.png)",
    '<img src="a.png" alt="x" alt="y">': "![x](a.png)",
    '<img SRC="a.png" src="b.png">': "![a.png](a.png)",  # names are read lowered
    '<a href="https://e.org/x" href="https://e.org/y">t</a>': "[t](https://e.org/x)",
    '<ol start="3" start="7"><li>a</li></ol>': "3. a",
    '<pre><code class="language-py" class="language-js">x</code></pre>': "```py\nx\n```",
    # through the full converter (HTMLParser's events, not the quick tokenizer's)
    '<p><img src="a.png" src="b.png"></p><table><tr><td>c</td></tr></table>': (
        "![a.png](a.png)\n\n| c |\n| --- |"
    ),
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_repeated_attribute_has_its_first_value(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_a_text_files_image_is_named_by_its_first_src() -> None:
    assert images_as_text('x <img src="a.png" src="b.png">') == ("x (image: a.png)", ["a.png"])
