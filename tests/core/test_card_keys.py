"""Card keys for text in every script (deck-format.md, "Card identity"): letters and digits
of any script are kept, plain ASCII text keeps the key it always had, texts a person reads
as different terms get different keys, and true duplicates are still reported."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from quizzer.core.content import CLOZE_MARKER
from quizzer.core.keys import KEY_MAX_LENGTH, text_key
from quizzer.core.loader import LoadedDeck, load_deck

HERE = Path(__file__).resolve().parent
JAPANESE_DECK = HERE / "decks" / "japanese-vocabulary.yaml"


def old_key(text: str) -> str:
    """The rule before keys kept every script (schema version 3 and earlier)."""
    key = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return key[:KEY_MAX_LENGTH].rstrip("-") or "item"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # Japanese: kanji, kana (hiragana and katakana stay apart), half-width katakana
        ("猫", "猫"),
        ("食べる", "食べる"),
        ("ねこ", "ねこ"),
        ("ネコ", "ネコ"),
        ("ﾈｺ", "ネコ"),
        ("「は」と「が」の違いは？", "は-と-が-の違いは"),
        ("私は学生です。", "私は学生です"),
        # Chinese
        ("你好", "你好"),
        ("学习 中文", "学习-中文"),
        # Russian
        ("Привет, мир!", "привет-мир"),
        ("Ёлка", "ёлка"),
        # Greek (final sigma stays final)
        ("Ελλάδα", "ελλάδα"),
        ("ΟΔΟΣ", "οδος"),
        # Arabic and Hebrew, right to left
        ("مرحبا بالعالم", "مرحبا-بالعالم"),
        ("שלום עולם", "שלום-עולם"),
        # German and French: umlauts, ß and accents are letters
        ("Größe", "größe"),
        ("Grüße", "grüße"),
        ("Maße", "maße"),
        ("Masse", "masse"),
        ("Café", "café"),
        ("Cafe\u0301", "café"),  # the same word, decomposed
        # Korean, Hindi (vowel signs and virama are part of the word)
        ("안녕하세요", "안녕하세요"),
        ("नमस्ते दुनिया", "नमस्ते-दुनिया"),
        # Compatibility forms fold to the plain ones
        ("ＡＢＣ １２３", "abc-123"),
        ("ﬁnance", "finance"),
        # A symbol written right after a word is part of the term
        ("C", "c"),
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("50%", "50-percent"),
        ("90°", "90-degree"),
        ("a+b", "a-plus-b"),
        # ... elsewhere it separates words, as punctuation does
        ("F1 score", "f1-score"),
        ("F1-score", "f1-score"),
        ("print(1 + 1)", "print-1-1"),
        ("What does `C` control?", "what-does-c-control"),
        ("**Bold** term", "bold-term"),
        # A text of symbols only is spelled out
        ("+", "plus"),
        ("→", "rightwards-arrow"),
        ("?", "question-mark"),
        # Invisible format characters do not split a word
        ("Ge\u00adschwindigkeit", "geschwindigkeit"),
        # Nothing to key on
        ("   ", "item"),
    ],
)
def test_keys_in_many_scripts(text: str, key: str) -> None:
    assert text_key(text) == key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Größe", "Grüße"),
        ("Maße", "Masse"),
        ("Café", "Cafe"),
        ("C", "C++"),
        ("C", "C#"),
        ("C++", "C#"),
        ("猫", "犬"),
        ("ねこ", "ネコ"),
        ("Москва", "Минск"),
        ("אבא", "אמא"),
    ],
)
def test_texts_read_as_different_terms_get_different_keys(one: str, other: str) -> None:
    assert text_key(one) != text_key(other)


def test_long_texts_are_cut_at_the_maximum_length() -> None:
    assert text_key("猫" * 100) == "猫" * KEY_MAX_LENGTH
    assert text_key("word " * 40) == old_key("word " * 40)


ASCII_PLAIN = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ", max_size=90
)
# ASCII punctuation that only ever separates words: everything but the symbols that a
# term may end with (+ < = > | ~ $ # %).
ASCII_PUNCTUATED = st.text(alphabet="ABCabcxyzXYZ019 \t\n!\"&'()*,-./:;?@[\\]^_`{}", max_size=90)


@given(ASCII_PLAIN)
@example("Early stopping treats the number of epochs as something to tune")
def test_plain_ascii_text_keeps_the_key_it_always_had(text: str) -> None:
    assert text_key(text) == old_key(text)


@given(ASCII_PUNCTUATED)
@example("What does this print?\n\n```python\nprint(1 + 1)\n```")
def test_ascii_punctuation_keeps_the_key_it_always_had(text: str) -> None:
    assume(any(ch.isalnum() for ch in text))  # a text of symbols only is spelled out
    assert text_key(text) == old_key(text)


def _valid(key: str) -> bool:
    return (
        0 < len(key) <= KEY_MAX_LENGTH
        and not key.startswith("-")
        and not key.endswith("-")
        and "--" not in key
        and "/" not in key
        and not any(ch.isspace() or unicodedata.category(ch)[0] in "CZ" for ch in key)
        and unicodedata.normalize("NFKC", key) == key
    )


@given(st.text(max_size=120))
@example("e\u200b\u0301")  # removing the invisible space must not leave e + accent apart
@example("ΑΣ.Β")
def test_keys_are_valid_and_stable(text: str) -> None:
    key = text_key(text)
    assert _valid(key), key
    assert text_key(key) == key  # a key is its own key: pinning it changes nothing
    assert text_key(unicodedata.normalize("NFD", text)) == key
    assert text_key(unicodedata.normalize("NFC", text)) == key


LETTERS = (
    "abcdefghijklmnopqrstuvwxyzäöüßéèçñåøæœ"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÉÈÇÑ"
    "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "αβγδεζηθικλμνξοπρτυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΤΥΦΧΨΩ"
    "あいうえおかきくけこさしすせそたちつてとなにぬねのアイウエオカキクケコ"
    "日本語猫犬水学生中文你好图书馆"
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    "אבגדהוזחטיכלמנסעפצקרשת"
    "가나다라마바사아자차카타파하"
    "0123456789"
)
WORDS = st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=6), min_size=1, max_size=6)
SEPARATORS = st.sampled_from(
    [" ", "  ", ", ", ". ", "-", "_", "/", " (", ") ", "! ", "\n", "、", "。"]
)


@st.composite
def phrases(draw: st.DrawFn) -> tuple[list[str], str]:
    words = draw(WORDS)
    text = words[0]
    for word in words[1:]:
        text += draw(SEPARATORS) + word
    return words, text


@given(phrases())
def test_a_key_is_the_words_of_the_text_lower_cased(phrase: tuple[list[str], str]) -> None:
    words, text = phrase
    expected = "-".join(word.lower() for word in words)[:KEY_MAX_LENGTH].rstrip("-")
    assert text_key(text) == expected


@given(phrases(), phrases())
def test_texts_with_different_words_get_different_keys(
    one: tuple[list[str], str], other: tuple[list[str], str]
) -> None:
    one_words = [w.lower() for w in one[0]]
    other_words = [w.lower() for w in other[0]]
    if (
        one_words != other_words
        and max(len("-".join(one_words)), len("-".join(other_words))) <= KEY_MAX_LENGTH
    ):
        assert text_key(one[1]) != text_key(other[1])


def test_a_japanese_deck_without_ids_loads_with_readable_distinct_ids() -> None:
    loaded = load_deck(JAPANESE_DECK)
    assert isinstance(loaded, LoadedDeck), [e.render() for e in loaded]
    ids = [card.id for card in loaded.cards]
    assert len(ids) == len(set(ids))
    assert ids[:3] == [
        "japanese-vocabulary/terms/猫",
        "japanese-vocabulary/terms/猫/reverse",
        "japanese-vocabulary/terms/犬",
    ]
    assert "japanese-vocabulary/mental_models/漢字の部首/map-水" in ids
    assert "japanese-vocabulary/mental_models/漢字の部首/map-木" in ids
    assert "japanese-vocabulary/cards/私は-です/c1" in ids


def test_true_duplicates_in_any_script_are_reported_with_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    text = """\
        title: t
        terms:
          - term: 猫
            definition: cat
          - term: Größe
            definition: size
          - term: "ｸﾞﾘｰﾝ"
            definition: green, half-width
          - term: 猫。
            definition: the same word
          - term: グリーン
            definition: green
          - term: Grüße
            definition: greetings
        """
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    result = load_deck(path, display="deck.yaml")
    assert isinstance(result, list)
    assert [error.render() for error in result] == [
        "deck.yaml:9:5: error: terms[3]: duplicate card key '猫': terms[0] on line 3 has the "
        "same key (change the text or set a distinct `id:`)",
        "deck.yaml:11:5: error: terms[4]: duplicate card key 'グリーン': terms[2] on line 7 has "
        "the same key (change the text or set a distinct `id:`)",
    ]


def test_the_examples_in_the_deck_format_reference_are_right() -> None:
    """docs/deck-format.md shows keys made from text in many scripts: each is checked."""
    doc = (HERE.parents[1] / "docs" / "deck-format.md").read_text(encoding="utf-8")
    table = doc.split("### The key of a text", 1)[1].split("\n\n| text | key |", 1)[1]
    rows = [line for line in table.split("\n\n", 1)[0].splitlines() if line.startswith("| `")]
    assert len(rows) >= 15
    for row in rows:
        texts_cell, keys_cell = row.split(" | ")[:2]
        texts = re.findall(r"``(.+?)``|`([^`]+)`", texts_cell.removeprefix("| "))
        keys = re.findall(r"`([^`]+)`", keys_cell)
        texts = [a or b for a, b in texts]
        if len(keys) == 1:
            keys = keys * len(texts)
        assert len(texts) == len(keys), row
        for text, key in zip(texts, keys, strict=True):
            assert text_key(CLOZE_MARKER.sub(" ", text)) == key, row
