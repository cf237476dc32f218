"""Text on each side of a tag shows as Chromium shows it, where the two written side by
side would make markup that `escape` escapes inside one text: an entity
(`a&amp;<span></span>lt;b` came in `a&lt;b`, which the review shows `a<b`) or an
autolink (`&lt;<span></span>https://e.org&gt;` came in `<https://e.org>`, a link
without its brackets). (Two `~`: test_html_emphasis_flanking.py.) Through the editor's
fast path (`<span>`) and the converter (`<sup>`) alike."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()


def _shown(markdown: str) -> list[tuple[str, str]]:
    """Each inline piece the review's parser reads: (type, text)."""
    inline = [token for token in _REVIEW.parse(markdown) if token.type == "inline"]
    return [(child.type, child.content) for child in inline[0].children or []]


@pytest.mark.parametrize("tag", ["span", "sup"])
@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("a&amp;<{t}></{t}>lt;b", [("text", "a&lt;b")]),
        ("a&amp;<{t}></{t}>#35;b", [("text", "a&#35;b")]),
        ("a&amp;<{t}></{t}> b", [("text", "a& b")]),  # nothing to escape: as before
        (
            "&lt;<{t}></{t}>https://e.org&gt;",  # (a bare link, as without the tag)
            [
                ("text", "<"),
                ("link_open", ""),
                ("text", "https://e.org"),
                ("link_close", ""),
                ("text", ">"),
            ],
        ),
    ],
)
def test_text_split_by_a_tag_makes_no_markup(
    tag: str, html: str, shown: list[tuple[str, str]]
) -> None:
    written = html_to_markdown(html.format(t=tag), lambda n: n)
    assert _shown(written) == shown, written
    assert _shown(html_to_markdown(html.format(t=tag).replace(f"<{tag}></{tag}>", ""), str)) == (
        shown
    )
