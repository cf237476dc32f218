"""Markdown links: `[text](url)` of an http, https or mailto URL is an Anki link
(`<a href>`), and such an `<a href>` in an Anki field comes in as a Markdown link; any
other link stays text (escaped), so nothing of another scheme becomes a link either
way. quizzer -> .apkg -> quizzer keeps the links."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import exported, imported
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from quizzer.core.loader import load_deck
from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.html_controls import dropped_control
from quizzer.interchange.markdown_html import markdown_to_html
from quizzer.markdown_parser import card_parser


def _html(text: str) -> str:
    return markdown_to_html(text, lambda path: path.rsplit("/", 1)[-1])


def _md(html: str) -> str:
    return html_to_markdown(html, lambda name: name)


def _links(markdown: str) -> list[tuple[str, str]]:
    """(href, text) of each link markdown-it (the review's parser) reads in `markdown`."""
    found: list[tuple[str, str]] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        children = token.children or []
        for at, child in enumerate(children):
            if child.type == "link_open":
                text = ""
                for inner in children[at + 1 :]:
                    if inner.type == "link_close":
                        break
                    text += inner.content
                found.append((str(child.attrs["href"]), text))
    return found


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("see [the docs](https://example.com/a_b?x=1&y=2) now",
         'see <a href="https://example.com/a_b?x=1&amp;y=2">the docs</a> now'),
        ("[**bold** & *it*](http://e.org)",
         '<a href="http://e.org"><b>bold</b> &amp; <i>it</i></a>'),
        ("write [me](mailto:a@b.c)!", 'write <a href="mailto:a@b.c">me</a>!'),
        ("**a [b](HTTPS://E.ORG) c**", '<b>a <a href="HTTPS://E.ORG">b</a> c</b>'),
        (r"[a \] b](https://e.org/\(x\))", '<a href="https://e.org/(x)">a ] b</a>'),
        ('[q](https://e.org/"onclick=x)', '<a href="https://e.org/&quot;onclick=x">q</a>'),
        ("[![alt](img/p.png)](https://e.org)",
         '<a href="https://e.org"><img src="p.png" alt="alt"></a>'),
    ],
)  # fmt: skip
def test_a_web_or_mail_link_is_an_anki_link(markdown: str, html: str) -> None:
    assert _html(markdown) == html


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("[x](file:///etc/passwd)", "[x](file:///etc/passwd)"),
        ("[x](relative/page.html)", "[x](relative/page.html)"),
        ("[<b>x</b>](data:text/html,<script>)",
         "[&lt;b&gt;x&lt;/b&gt;](data:text/html,&lt;script&gt;)"),
        ("[](https://e.org)", "[](https://e.org)"),
        ("`[x](https://e.org)`", "<code>[x](https://e.org)</code>"),
        (r"\[x](https://e.org)", "[x](https://e.org)"),
    ],
)  # fmt: skip
def test_any_other_link_stays_text(markdown: str, html: str) -> None:
    assert _html(markdown) == html


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ('see <a href="https://example.com/a_b?x=1&amp;y=2">the docs</a>',
         "see [the docs](https://example.com/a_b?x=1&y=2)"),
        ('<a href="mailto:a@b.c"><b>me</b></a>', "[**me**](mailto:a@b.c)"),
        ("<a href='http://e.org/a b(c)d<e>'>x [1] *y*</a>",
         r"[x \[1\] \*y\*](http://e.org/a%20b(c)d%3Ce%3E)"),
        ('<a href="javascript:alert(1)">click</a> here', "click here"),
        ('<a href="file:///etc/passwd">file</a>', "file"),
        ("<a>no href</a>", "no href"),
        ('<pre><a href="https://e.org">in code</a></pre>', "```\nin code\n```"),
        ('<code><a href="https://e.org">in code</a></code>', "`in code`"),
    ],
)  # fmt: skip
def test_an_anki_link_comes_in_as_a_markdown_link_only_for_the_web_and_mail(
    html: str, markdown: str
) -> None:
    assert _md(html) == markdown


def test_an_imported_link_is_the_link_anki_had_and_exports_back_to_it() -> None:
    anki = '<a href="https://e.org/a b(c)]x">x [1] ![i](p.png) *y* $z$</a>'
    markdown = _md(anki)
    assert _links(markdown) == [("https://e.org/a%20b(c)%5Dx", "x [1] ![i](p.png) *y* $z$")]
    # `]` needs no encoding in a destination (markdown-it encodes it as it draws a link)
    assert _html(markdown) == '<a href="https://e.org/a%20b(c)]x">x [1] ![i](p.png) *y* $z$</a>'


@pytest.mark.parametrize(
    ("href", "address"),
    [
        ("https://e.org/a&#1;b", "https://e.org/a%01b"),
        ("https://e.org/?q=&#x1b;2J&#x7f;", "https://e.org/?q=%1B2J%7F"),
        ("mailto:a&#31;@e.org", "mailto:a%1F@e.org"),
    ],
)  # fmt: skip
def test_a_control_character_in_an_address_is_sent_as_a_browser_sends_it(
    href: str, address: str
) -> None:
    """Chromium's `a.href` of `https://e.org/a&#1;b` is `https://e.org/a%01b`: the import
    dropped the `&#1;` (and named it as dropped from the text), a link to another page.
    It comes in percent-encoded, as an image's address keeps one, not named; the review's
    parser reads that address, and the export writes it back, which Chromium reads as
    the same `a.href`."""
    html = f'<a href="{href}">x</a>'
    markdown = _md(html)
    assert _links(markdown) == [(address, "x")]
    assert dropped_control(html) is None
    assert _html(markdown) == f'<a href="{address}">x</a>'
    assert dropped_control(f'<a href="{href}">x&#1;</a>') == "\x01"  # text still drops one


_DEEP = "(" * 33 + ")" * 33  # deeper than markdown-it reads a destination's parentheses
_DEEP_ESCAPED = "\\(" * 33 + "\\)" * 33


@pytest.mark.parametrize(
    ("href", "markdown"),
    [
        ("https://e.org/a_(b)", "[x](https://e.org/a_(b))"),
        ("https://e.org/((a)(b))c", "[x](https://e.org/((a)(b))c)"),
        ("mailto:a(b)@e.org", "[x](mailto:a(b)@e.org)"),
        # Unbalanced: escaped (a destination ends at a `)` that closes none).
        ("https://e.org/a(b", r"[x](https://e.org/a\(b)"),
        ("https://e.org/a)b(c)", r"[x](https://e.org/a\)b\(c\))"),
        (f"https://e.org/{_DEEP}", f"[x](https://e.org/{_DEEP_ESCAPED})"),
    ],
)  # fmt: skip
def test_parentheses_in_an_address_stay_as_anki_has_them(href: str, markdown: str) -> None:
    """Chromium's `a.href` keeps `(` and `)` as written, balanced or not (they were
    percent-encoded, `a_%28b%29`): the Markdown writes them as they are where they are
    balanced (CommonMark, up to 32 deep as markdown-it reads them), escaped where not;
    the review's parser reads the address back, and the export writes it back."""
    assert _md(f'<a href="{href}">x</a>') == markdown
    (link,) = [
        child.attrs["href"]
        for token in card_parser().parse(markdown)
        for child in token.children or []
        if child.type == "link_open"
    ]
    assert link == href
    assert _html(markdown) == f'<a href="{href}">x</a>'


DECK = """\
title: Links
cards:
  - front: Where are the docs?
    back: "[The docs](https://example.com/docs?a=1&b=2), or [mail us](mailto:help@example.com)."
  - front: Not links
    back: "[run](javascript:alert(1)) and [file](file:///etc/passwd) and <b>tag</b>"
"""


def test_quizzer_to_apkg_to_quizzer_keeps_the_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki_build import import_into_anki

    deck = tmp_path / "src" / "links.yaml"
    deck.parent.mkdir()
    deck.write_text(DECK, encoding="utf-8")
    package = exported(capsys, tmp_path / "a.db", deck, tmp_path / "links.apkg")
    backs = {fields[0]: fields[1] for _, _, fields in import_into_anki(tmp_path, package)}
    assert backs["Where are the docs?"] == (
        '<a href="https://example.com/docs?a=1&amp;b=2">The docs</a>, or '
        '<a href="mailto:help@example.com">mail us</a>.'
    )
    assert "<a" not in backs["Not links"] and "&lt;b&gt;" in backs["Not links"]
    report = imported(capsys, tmp_path, package)
    (written,) = report["decks"]
    loaded = load_deck(Path(written["path"]))
    assert not isinstance(loaded, list), loaded
    first, second = loaded.deck.cards
    assert first.back == (  # type: ignore[union-attr]
        "[The docs](https://example.com/docs?a=1&b=2), or [mail us](mailto:help@example.com)."
    )
    assert _links(second.back) == []  # type: ignore[union-attr]


_PIECES = [
    '<a href="https://e.org/x">', '<a href="mailto:a@b.c">', '<a href="javascript:x()">',
    '<a href="e.html">', "<a>", "</a>", "<code>c</code>",
    "[", "]", "(", ")", "](", "](https://e.org)", "![", "\\", "&amp;", "&lt;a&gt;",
    " ", "x", "two words", "$", "<br>", "<span></span>", ":",
]  # fmt: skip


def _rendered(markdown: str) -> str:
    """What the review's parser makes of `markdown`, runs of spaces as one."""
    return " ".join(MarkdownIt("commonmark").render(markdown).split())


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
@example("<code>c</code><br><br><br> <code>c</code>")  # a paragraph's leading space (CI)
@example("<code>c</code><br><br> <code>c</code>")  # a space after two breaks, not shown
@example("<br><br> <br> <code>c</code>")  # ... and after three: not an indented line
@example('\\<a href="javascript:x()">[\\[[\\](')  # a lone `\\[`, then a formula
@example('[]<a href="javascript:x()">()')  # a `]` and `(` apart, then together: a link
@example("[a]<span>: x</span>")  # ... or a link definition, which shows nothing
def test_only_web_and_mail_links_come_in_and_they_survive_the_way_back(html: str) -> None:
    """Whatever an Anki field's links and brackets, the Markdown's links (as the
    review's parser reads them) are web or mail links, and exporting the Markdown and
    importing it again shows the same (the Markdown may differ in its escapes). No `_`
    or `*`: runs of them come back as emphasis, links or not (`_____`)."""
    markdown = _md(html)
    for href, _ in _links(markdown):
        assert href.startswith(("https://e.org", "mailto:")), (markdown, href)
    again = _md(_html(markdown))
    assert _rendered(again) == _rendered(markdown), (markdown, again)
