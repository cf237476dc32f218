"""Two things a browser shows that the import ran together:

- a ruby's reading (furigana: `<ruby>漢字<rt>かんじ</rt></ruby>`, shown above its text)
  came in glued to its text, `漢字かんじ`; it comes after it in parentheses now, or in
  the field's own `<rp>` ones;
- a block other than the ones the import knew (`<section>`, `<center>`, `<dt>`,
  `<figcaption>`, ...) ran into the text around it; each is a line of its own now, as a
  `<div>` is, or a paragraph where it has margins (`<dl>`, `<figure>`), as a `<p>` is."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import html_csv_cards

from quizzer.interchange.html import html_to_markdown, plain_text

CASES = {
    "<ruby>漢字<rt>かんじ</rt></ruby>を読む": "漢字(かんじ)を読む",
    "<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>": "漢(kan)字(ji)",
    "<ruby>東<rp>(</rp><rt>とう</rt><rp>)</rp></ruby>京": "東(とう)京",
    "<ruby>東<rp>（</rp><rt>とう</rt><rp>）</rp></ruby>": "東（とう）",
    "<b><ruby>漢<rt>かん</rt></ruby></b>": "**漢(かん)**",
    "<ruby>漢<rt>kan<rt>ji</ruby>x": "漢(kan)(ji)x",  # an `<rt>` ends the one before
    "a<rt>b</rt>c": "abc",  # outside a ruby: inline text
    "<ruby>[x]<rt>y</rt></ruby>": "[x\\](y)",  # not a link
    "<section>a</section>b": "a\\\nb",
    "<center>a</center>b": "a\\\nb",
    "x<address>a</address>b": "x\\\na\\\nb",
    "<details><summary>S</summary>body</details>": "S\\\nbody",
    "<dl><dt>term</dt><dd>what it means</dd></dl>after": "term\\\nwhat it means\n\nafter",
    "before<figure>pic</figure>after": "before\n\npic\n\nafter",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_shown_apart_as_a_browser_shows_it(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_text_alone() -> None:
    assert plain_text("<ruby>漢字<rt>かんじ</rt></ruby><section>a</section>") == "漢字(かんじ)\na"


def test_a_csv_of_html_comes_in_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("<ruby>日本<rt>にほん</rt></ruby>", "Japan")]
    assert html_csv_cards(capsys, tmp_path, rows) == [("日本(にほん)", "Japan")]
