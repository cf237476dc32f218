"""A line break right after a table, before text or a table, is the blank line Chromium
shows there: a table has no margins (`</table>b`: 4 px from the table's last line to the
text), and one `<br>` sets the text a paragraph break apart (`</table><br>b` 27 px,
`a<br><br>b` 24 px; `</table><br><table>` 30 px), in a list item or a quote too. It came
in as an empty line of its own (`&nbsp;\\`; before a table a paragraph of `&nbsp;`), as
after a block with margins (`<p>a</p><br>b`: test_html_break_after_block.py), a line
more than Anki shows. Two or more stay the blank line, as after any block (the export
wrote `<br><br>` there before 2026-12-06); one before a block with margins
(`</table><br><ul>`, 47 px; `</table><ul>` 24 px) or after a block with margins around
the table (`<p><table>...</table></p><br>b`, 47 px) stays the empty line it was."""

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
    # ... as before: two or more breaks, one before a block or at the end, one after a
    # block with margins
    f"{_TABLE}b": "| a |\n| --- |\n\nb",
    f"{_TABLE}<br><br>b": "| a |\n| --- |\n\nb",
    f"{_TABLE}<br><br><br>b": "| a |\n| --- |\n\nb",
    f"{_TABLE}<br><br>{_TABLE}": "| a |\n| --- |\n\n| a |\n| --- |",
    f"{_TABLE}<br><ul><li>b</li></ul>": "| a |\n| --- |\n\n&nbsp;\n\n- b",
    f"{_TABLE}<br>": "| a |\n| --- |",
    f"<p>{_TABLE}</p><br>b": "| a |\n| --- |\n\n&nbsp;\\\nb",
    f"<ul><li>{_TABLE}</li></ul><br>b": "- | a |\n  | --- |\n\n&nbsp;\\\nb",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_break_after_a_table_is_its_blank_line(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_text_alone_is_as_before() -> None:
    assert plain_text(f"{_TABLE}<br>b") == "a\n\nb"
