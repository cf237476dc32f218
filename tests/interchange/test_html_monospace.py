"""Keys, a program's output and teletype text (`<kbd>`, `<samp>`, `<tt>`), which a
browser shows in a monospace font as it shows `<code>`, come in as code as `<code>` does;
they came in as plain text."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text

CASES = {
    "press <kbd>Ctrl</kbd> then <kbd>C</kbd>": "press `Ctrl` then `C`",
    "<kbd>Ctrl</kbd>+<kbd>C</kbd>": "`Ctrl`+`C`",
    "prints <samp>hello</samp>": "prints `hello`",
    "<tt>ls -l</tt>": "`ls -l`",
    "<b><kbd>Esc</kbd></b>": "**`Esc`**",
    "<kbd><kbd>Ctrl</kbd>+<kbd>S</kbd></kbd>": "`Ctrl+S`",  # (nested: one span)
    "<code>a <kbd>b</kbd></code>": "`a b`",
    "<pre><samp>$ ls\nfile</samp></pre>": "```\n$ ls\nfile\n```",
    "<kbd>`</kbd>": "`` ` ``",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_monospace_text_comes_in_as_code(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_text_alone_is_the_text() -> None:
    assert plain_text("<kbd>Ctrl</kbd>+<kbd>C</kbd>") == "Ctrl+C"
