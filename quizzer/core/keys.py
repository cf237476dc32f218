"""The key a card id is built from when an item pins no `id:` (deck-format.md, "Card
identity"): the words of the text that names the item, in any script.

The rule, in order:

1. The text is normalised (Unicode NFKC: `ｶ` -> `カ`, `ＡＢＣ` -> `ABC`, `e` + combining
   accent -> `é`).
2. Its words are the runs of letters, digits and combining marks of any script; each is
   lower-cased (the Unicode default mapping, not full case folding, so `ß` stays `ß` and
   `Maße` is not `Masse`) and normalised again. Invisible format characters (soft hyphen,
   zero-width joiners) are dropped without splitting a word.
3. A symbol written right after a word (`C++`, `C#`, `50%`, `90°`) is part of the term:
   it is spelled out by its Unicode name (`plus`, `sharp`, `percent`, `degree`). Symbols
   are the Unicode math, currency and other symbols, plus `#` and `%`.
4. Everything else (spaces, punctuation, brackets, quotes, Markdown marks, symbols not
   right after a word) only separates words; the words are joined with `-`.
5. A text with no letter or digit is spelled out character by character (`+` -> `plus`).
6. The key is cut to 64 characters; a text with nothing to key on gets `item`.

For text of ASCII letters, digits and punctuation this is exactly the rule of earlier
versions (`[a-z0-9]` runs joined by `-`), so existing card ids stay as they were; only
text with other letters, or with a symbol right after a word, gets a new key (the store
moves such cards' history when it upgrades a database, see store/migrations.py).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FALLBACK_KEY", "KEY_MAX_LENGTH", "text_key"]

KEY_MAX_LENGTH = 64
FALLBACK_KEY = "item"

_SYMBOL_CATEGORIES = frozenset({"Sm", "Sc", "So"})
_SYMBOL_PUNCTUATION = frozenset("#%")
# Names that read better than Unicode's: a `#` after a word is a sharp (C#, F#, C#4).
_NAMES = {"#": "sharp"}


# ASCII text without a symbol that could be spelled out: the rule is then exactly runs
# of [a-z0-9] joined by '-', which a regular expression finds several times faster.
_ASCII_SYMBOLS = re.compile(r"[+<=>|~$#%]")
_ASCII_SEPARATORS = re.compile(r"[^a-z0-9]+")


def text_key(text: str, max_length: int = KEY_MAX_LENGTH) -> str:
    """The card key of `text` (see the module docstring for the rule)."""
    if text.isascii() and not _ASCII_SYMBOLS.search(text):
        key = _ASCII_SEPARATORS.sub("-", text.lower()).strip("-")
        if key:
            return key[:max_length].rstrip("-")
    text = unicodedata.normalize("NFKC", text)
    parts = _words(text, max_length) or [_name(ch) for ch in text if _spelled(ch)]
    key = "-".join(part for part in parts if part)
    return key[:max_length].rstrip("-") or FALLBACK_KEY


def _words(text: str, max_length: int) -> list[str]:
    """The lower-cased words of `text`, with the symbols right after a word spelled out
    (enough of them for a key of `max_length`); empty when the text has no letter or
    digit at all."""
    parts: list[str] = []
    length = 0  # of the parts joined
    word: list[str] = []
    attached = False  # the last character seen was part of a word or of its symbol
    found_letter = False

    def close_word() -> None:
        nonlocal length
        if word:
            lowered = unicodedata.normalize("NFKC", "".join(word).lower())
            parts.append(lowered)
            length += len(lowered) + 1
            word.clear()

    for ch in text:
        if length > max_length:  # a long cloze text: the rest is cut off anyway
            break
        category = unicodedata.category(ch)
        if category[0] in "LNM":
            word.append(ch)
            attached = found_letter = True
        elif category == "Cf":
            continue
        elif attached and (category in _SYMBOL_CATEGORIES or ch in _SYMBOL_PUNCTUATION):
            close_word()
            parts.append(_name(ch))
            length += len(parts[-1]) + 1
        else:
            close_word()
            attached = False
    close_word()
    return parts if found_letter else []


def _spelled(ch: str) -> bool:
    """Whether a character of a text without letters is spelled out in its key."""
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")


def _name(ch: str) -> str:
    """`+` -> `plus`, `→` -> `rightwards-arrow`: the Unicode name, lower-cased, its
    spaces made `-` and the word "sign" left out (`u-e000` for a nameless character)."""
    if ch in _NAMES:
        return _NAMES[ch]
    name = unicodedata.name(ch, "") or f"u {ord(ch):04x}"
    return "-".join(word for word in name.lower().split() if word != "sign")
