"""A tab, line feed or carriage return in a link's or an image's address is dropped, as
a browser's URL parser drops it wherever it is (Chromium's `a.href` of
`https://e.org/a&Tab;b` is `https://e.org/ab`; an `<img src="a&Tab;b.png">` requests
`ab.png`), written as it is or as a named reference: the import kept it, percent-encoded
in a link (`a%09b`) and as it is in an image's name (another file than Anki's card
shows). A reference by number (`&#9;`) already went so."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.text_images import images_as_text

CASES = {
    '<a href="https://e.org/a&Tab;b">t</a>': "[t](https://e.org/ab)",
    '<a href="https://e.org/a\tb">t</a>': "[t](https://e.org/ab)",
    '<a href="https://e.org/a&NewLine;b\r\nc">t</a>': "[t](https://e.org/abc)",
    '<a href="https://e.org/a&#9;b">t</a>': "[t](https://e.org/ab)",
    '<a href="&Tab;https://e.org/ab&NewLine;">t</a>': "[t](https://e.org/ab)",
    '<img src="a&Tab;b.png">': "![ab.png](ab.png)",
    '<img src="a\tb\n.png">': "![ab.png](ab.png)",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_an_address_loses_what_a_url_parser_drops(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_a_text_files_image_name_loses_it_too() -> None:
    assert images_as_text('<img src="a&Tab;b.png">') == ("(image: ab.png)", ["ab.png"])
