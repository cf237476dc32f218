"""A superscript or subscript came in as its bare text, changing what the field says
(`x<sup>2</sup>` read "x2", `H<sub>2</sub>O` "H2O", `10<sup>-3</sup>` "10-3"). One that
Unicode can write is those characters now; any other stays its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import html_csv_cards

from quizzer.interchange.html import html_to_markdown, plain_text
from quizzer.interchange.markdown_html import markdown_to_html

CASES = {
    "E = mc<sup>2</sup>": "E = mc²",
    "H<sub>2</sub>O and CO<sub>2</sub>": "H₂O and CO₂",
    "10<SUP>&minus;3</SUP> m": "10⁻³ m",
    "2<sup>n+1</sup> &gt; x<sub>i</sub>": "2ⁿ⁺¹ > xᵢ",
    "a<sub>(k)</sub>": "a₍ₖ₎",
    # ... any other: its text, as before
    "the 1<sup>st</sup> one": "the 1st one",
    "note<sup>[1]</sup>": "note[1]",
    "e<sup>i&pi;</sup>": "eiπ",
    "x<sup><b>2</b></sup>": "x**2**",
    '<b>x<sup class="a">(q)</sup></b>': "**x(q)**",  # (Unicode has no superscript q)
    "x<sup>2 </sup>": "x2",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_script_unicode_writes_is_its_characters(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_text_alone_and_a_round_trip() -> None:
    assert plain_text("H<sub>2</sub>O") == "H₂O"
    html = markdown_to_html("E = mc²", lambda name: name)
    assert html == "E = mc²"
    assert html_to_markdown(html, lambda name: name, exported=True) == "E = mc²"


def test_a_csv_of_html_comes_in_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("water", "H<sub>2</sub>O"), ("area", "&pi;r<sup>2</sup>")]
    assert html_csv_cards(capsys, tmp_path, rows) == [("water", "H₂O"), ("area", "πr²")]
