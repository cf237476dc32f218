"""A word's reading written after it in parentheses (`日本(にほん)`: kanji, then kana
alone, as the import writes a ruby's reading or Anki's `日本[にほん]`) goes to Anki as
ruby, its parentheses the ruby's `<rp>`: Anki shows the reading above the word, as
the deck's Anki showed it before the import, and importing it back gives the text again.
The export wrote the parentheses as text, so a Japanese deck came back to Anki without
its furigana."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import exported, run_cli

from quizzer.core.deck import ChoiceItem
from quizzer.interchange.faithful import exported_as, faces
from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html, parsed_to_html

RUBY = "<ruby>{}<rp>(</rp><rt>{}</rt><rp>)</rp></ruby>"


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("日本(にほん)に行く", RUBY.format("日本", "にほん") + "に行く"),
        ("私は日本語(にほんご)", "私は" + RUBY.format("日本語", "にほんご")),
        ("お茶(ちゃ)", "お" + RUBY.format("茶", "ちゃ")),
        ("珈琲(コーヒー)", RUBY.format("珈琲", "コーヒー")),
        ("東（とう）京", "<ruby>東<rp>（</rp><rt>とう</rt><rp>）</rp></ruby>京"),
        ("**日本(にほん)**", "<b>" + RUBY.format("日本", "にほん") + "</b>"),
        ("- 水(みず)", "<ul><li>" + RUBY.format("水", "みず") + "</li></ul>"),
    ],
)  # fmt: skip
def test_a_reading_after_its_word_goes_as_ruby(markdown: str, html: str) -> None:
    assert markdown_to_html(markdown, str) == html
    assert parsed_to_html(markdown, str) == html  # (no shortcut for plain text)
    assert html_to_markdown(html, str) == markdown  # back as it was


@pytest.mark.parametrize(
    "markdown",
    [
        "日本 (にほん)",  # (a space before: a remark)
        "日本(Japan)",
        "日本(にほん です)",
        "あ(あ)",  # (no kanji)
        "食べ(たべ)",  # (kana before: not a word's reading the import writes)
        "日本(にほん）",  # (brackets that do not pair)
        "`日本(にほん)`",  # (code)
        "日本(にほん",
    ],
)
def test_other_parentheses_stay_text(markdown: str) -> None:
    assert "<ruby>" not in markdown_to_html(markdown, str)


def test_a_choice_item_exported_before_is_still_recognised() -> None:
    # (an export before this one wrote the parentheses as text: the note is unchanged)
    item = ChoiceItem(
        type="choice", question="日本(にほん) is?", answer="Japan", distractors=["China"]
    )
    front, back = (markdown_to_html(text, str) for text in faces(item))
    assert RUBY.format("日本", "にほん") in front
    before = front.replace(RUBY.format("日本", "にほん"), "日本(にほん)")
    assert exported_as(item, front, back, str)
    assert exported_as(item, before, back, str)
    assert not exported_as(item, before.replace("日本", "中国"), back, str)


def test_real_anki_holds_the_ruby_and_it_comes_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "jp.yaml").write_text(
        "title: JP\ncards:\n  - front: 日本(にほん)\n    back: Japan\n", "utf-8"
    )
    db = tmp_path / "q.db"
    package = exported(capsys, db, decks / "jp.yaml", tmp_path / "jp.apkg")
    col = Collection(str(tmp_path / "check.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
        )
        (note_id,) = col.find_notes("")
        assert col.get_note(note_id).fields[0] == RUBY.format("日本", "にほん")
    finally:
        col.close()
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "back.db"), "import",
                             str(package), "-o", str(tmp_path / "back"))  # fmt: skip
    assert status == 0, err
    assert "front: 日本(にほん)" in (tmp_path / "back" / "jp.yaml").read_text("utf-8")
