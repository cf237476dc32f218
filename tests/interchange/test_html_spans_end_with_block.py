"""A `<span>` whose CSS sets a style ends with the block it is in, as a browser reads
it: `<div><span style="font-weight:bold">a</div>b` came in as `**a\\\nb**`, "b" bold,
where Anki (Chromium) shows it plain. A `<b>` left open goes on past the block, in
Chromium as before, and a `</span>` in a block whose spans were opened outside it ends
none of them. Each case is checked against Chromium's computed styles, word by word,
both of the field and of the export of the Markdown it came in as."""

from __future__ import annotations

import pytest
from chromium_gaps import page  # noqa: F401  (the Chromium page: a fixture)
from playwright.sync_api import Page

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html

BOLD = 'style="font-weight:bold"'
ITALIC = 'style="font-style:italic"'
CASES = {
    f"<div><span {BOLD}>a</div>b": "**a**\\\nb",
    f"<div><span {BOLD}>a</div><div>b</div>": "**a**\\\nb",
    f"<p><span {ITALIC}>a</p><p>b</p>": "*a*\n\nb",
    f"<p><span {BOLD}>a<p>b": "**a**\n\nb",
    f"<p><span {BOLD}>a<div>b</div>c</p>d": "**a**\\\nb\\\nc\n\nd",  # (a block ends the <p>)
    f"<ul><li><span {BOLD}>a</li><li>b</li></ul>c": "- **a**\n- b\n\nc",
    f"<blockquote><span {BOLD}>a</blockquote>b": "> **a**\n\nb",
    f"<h2><span {ITALIC}>a</h2>b": "## *a*\n\nb",
    f"<div><span {BOLD}>a<span {ITALIC}>x</div>b</span>c": "**a*x***\\\nbc",
    # ... the span opened outside the block: its `</span>` in the block ends nothing
    f"<span {BOLD}>a<div>b</span>c</div>d": "**a\\\nbc\\\nd**",
    # ... a <b> goes on past the block, as before
    "<div><b>a</div>b": "**a\\\nb**",
    f"<div><span {BOLD}>a</span></div>b": "**a**\\\nb",
}
_STYLED_WORDS = """() => {
  const words = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const style = getComputedStyle(node.parentElement);
    const heading = node.parentElement.closest("h1, h2, h3, h4, h5, h6");
    const bold = !heading && parseInt(style.fontWeight) >= 600;
    for (const word of node.data.split(/\\s+/).filter(Boolean))
      words.push(word + (bold ? ":b" : "") + (style.fontStyle === "italic" ? ":i" : ""));
  }
  return words.join(" ");
}"""
"""Each word Chromium shows, with `:b` if bold (not counting a heading's own bold) and
`:i` if italic."""


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_span_ends_with_its_block(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


@pytest.mark.parametrize("html", CASES)
def test_each_word_has_the_style_chromium_shows(page: Page, html: str) -> None:  # noqa: F811
    page.set_content(html)
    shown = page.evaluate(_STYLED_WORDS)
    markdown = html_to_markdown(html, lambda name: name)
    page.set_content(markdown_to_html(markdown, lambda name: name))
    assert page.evaluate(_STYLED_WORDS) == shown
