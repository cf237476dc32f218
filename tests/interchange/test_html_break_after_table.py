"""A line break right after a table, before text or a table, is the blank line Chromium
shows there: a table has no margins (`</table>b`: 4 px from the table's last line to the
text), and one `<br>` sets the text a paragraph break apart (`</table><br>b` 27 px,
`a<br><br>b` 24 px; `</table><br><table>` 30 px), in a list item or a quote too. It came
in as an empty line of its own (`&nbsp;\\`; before a table a paragraph of `&nbsp;`), as
after a block with margins (`<p>a</p><br>b`: test_html_break_after_block.py), a line
more than Anki shows. Of two or more the first is the blank line and the others the
empty lines they show after a block (`</table><br><br>b`: 50 px, two lines; three
breaks 73 px), but in a field quizzer exported (`exported`: it wrote `<br><br>` there
before 2026-12-06, the blank line); one before a block with margins (`</table><br><ul>`,
47 px; `</table><ul>` 24 px) or after a block with margins around the table
(`<p><table>...</table></p><br>b`, 47 px) stays the empty line it was. One before a
line of `&nbsp;` alone and a block (`</table><br>&nbsp;<ul>`, 70 px as
`</table><br><br><ul>`) is the blank line too: it is how the export writes a paragraph
of `&nbsp;` there, which came back a line longer (`&nbsp;\\` and `&nbsp;`) and went
out again as two, a deck changing at each round trip
(test_html_nbsp_paragraph_breaks.py: `WAY_BACK`)."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text

_TABLE = "<table><thead><tr><th>a</th></tr></thead></table>"
CASES = {
    f"{_TABLE}<br>b": "| a |\n| --- |\n\nb",
    f"<div>{_TABLE}</div><br>b": "| a |\n| --- |\n\nb",
    f"{_TABLE}<br><b>b</b>": "| a |\n| --- |\n\n**b**",
    f"{_TABLE}<b><br>b</b>": "| a |\n| --- |\n\n**b**",
    f"<ul><li>{_TABLE}<br>b</li></ul>": "- | a |\n  | --- |\n\n  b",
    f"<ol><li>{_TABLE}<br>b</li><li>c</li></ol>": "1. | a |\n   | --- |\n\n   b\n2. c",
    f"<blockquote>{_TABLE}<br>b</blockquote>": "> | a |\n> | --- |\n>\n> b",
    f"{_TABLE}<br>{_TABLE}": "| a |\n| --- |\n\n| a |\n| --- |",
    f"{_TABLE}<br><b>{_TABLE}</b>": "| a |\n| --- |\n\n| **a** |\n| --- |",
    f"<ul><li>{_TABLE}<br>{_TABLE}</li></ul>": "- | a |\n  | --- |\n\n  | a |\n  | --- |",
    # ... the first of two or more (`<br><br>` before a table, 53 px: a paragraph of
    # `&nbsp;`, as one before a block with margins)
    f"{_TABLE}<br><br>b": "| a |\n| --- |\n\n&nbsp;\\\nb",
    f"{_TABLE}<br><br><br>b": "| a |\n| --- |\n\n&nbsp;\n\nb",
    f"{_TABLE}<br><br>{_TABLE}": "| a |\n| --- |\n\n&nbsp;\n\n| a |\n| --- |",
    f"{_TABLE}<br><br><ul><li>b</li></ul>": "| a |\n| --- |\n\n&nbsp;\n\n- b",  # (70 px)
    f"{_TABLE}<br>&nbsp;<br>b": "| a |\n| --- |\n\n &nbsp;\\\nb",  # (50 px, as `<br><br>`)
    # ... a line of `&nbsp;` alone is an empty line there as a break is (`<br>&nbsp;<ul>`
    # 70 px, as `<br><br><ul>`)
    f"{_TABLE}<br>&nbsp;<ul><li>b</li></ul>": "| a |\n| --- |\n\n&nbsp;\n\n- b",
    f"{_TABLE}<br> &nbsp; <h1>b</h1>": "| a |\n| --- |\n\n&nbsp;\n\n# b",
    f"{_TABLE}<br>&nbsp;{_TABLE}": "| a |\n| --- |\n\n&nbsp;\n\n| a |\n| --- |",
    # ... as before: none, one before a block or at the end, one after a block with
    # margins
    f"{_TABLE}b": "| a |\n| --- |\n\nb",
    f"{_TABLE}<br><ul><li>b</li></ul>": "| a |\n| --- |\n\n&nbsp;\n\n- b",
    f"{_TABLE}<br>": "| a |\n| --- |",
    f"<p>{_TABLE}</p><br>b": "| a |\n| --- |\n\n&nbsp;\\\nb",
    f"<ul><li>{_TABLE}</li></ul><br>b": "- | a |\n  | --- |\n\n&nbsp;\\\nb",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_break_after_a_table_is_its_blank_line(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


EXPORTED = {  # as exports before 2026-12-06 wrote them: `<br><br>` after a table
    f"{_TABLE}<br><br>b": "| a |\n| --- |\n\nb",
    f"{_TABLE}<br><br>{_TABLE}": "| a |\n| --- |\n\n| a |\n| --- |",
    f"<ul><li>{_TABLE}<br><br>b</li></ul>": "- | a |\n  | --- |\n\n  b",
}


@pytest.mark.parametrize(("html", "markdown"), EXPORTED.items())
def test_in_a_field_quizzer_exported_two_are_its_blank_line(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name, exported=True) == markdown


def test_the_text_alone_is_as_before() -> None:
    assert plain_text(f"{_TABLE}<br>b") == "a\n\nb"
