"""A deck quizzer exported, coming back with the deck its file already gives (nothing
edited in Anki or in the CSV): the file stays as its author wrote it, with its comments,
folded texts, blank lines and key order, under the import's header lines, which name
the package (anki_deck_ids.py finds the file by them). Written again in the import's
style, it would lose all of those for nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from quizzer.core.loader.loaded import LoadedDeck
from quizzer.interchange.anki_deck_ids import NEWER_EXPORT
from quizzer.interchange.yaml_writer import CheckedDeck

__all__ = ["as_written"]

_BOM = b"\xef\xbb\xbf"


def as_written(path: Path, checked: CheckedDeck) -> CheckedDeck | None:
    """`checked` (the deck as the import would write it at `path`) as the file there
    now, under `checked`'s header lines, when the two give the same deck: the same
    title, description, source, tags and cards (their lines aside). None otherwise."""
    from quizzer.core.loader import parse_deck
    from quizzer.core.loader.files import read_deck

    try:
        data = read_deck(path, str(path)) if path.is_file() else None
    except OSError:
        return None
    if not isinstance(data, bytes):
        return None
    header = checked.data[: _comments_end(checked.data, 0)]
    body = _without_header(data.removeprefix(_BOM))
    if body[: body.find(b"\n") + 1].endswith(b"\r\n"):  # the file's line ends
        header = header.replace(b"\n", b"\r\n")
    kept = header + body
    loaded = parse_deck(kept, str(path), checked.loaded.deck_id)
    if isinstance(loaded, list) or _meaning(loaded) != _meaning(checked.loaded):
        return None
    return CheckedDeck(kept, loaded, checked.dropped)


def _without_header(data: bytes) -> bytes:
    """The file without the header lines an import wrote at its top, if it has them."""
    first = _comments_end(data, 0, lines=1)
    line = data[:first].rstrip(b"\r\n")
    if not (line.startswith(b"# Imported from ") and line.endswith(b"by `quizzer import`.")):
        return data
    second = _comments_end(data, first, lines=1)
    if data[first:second].rstrip(b"\r\n") == f"# {NEWER_EXPORT}".encode():
        return data[second:]
    return data[first:]


def _comments_end(data: bytes, start: int, lines: int = -1) -> int:
    """Where the run of comment lines from `start` ends (at most `lines` of them)."""
    end = start
    while lines != 0 and data.startswith(b"#", end):
        end = data.find(b"\n", end) + 1 or len(data)
        lines -= 1
    return end


def _meaning(loaded: LoadedDeck) -> tuple[object, ...]:
    deck = loaded.deck
    cards = [replace(card, line=None) for card in loaded.cards]
    return loaded.deck_id, deck.title, deck.description, deck.source, deck.tags, cards
