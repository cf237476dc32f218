"""The characters real Anki drops from a media file's name though Python knows them
(quizzer/interchange/anki_media_names.py, `_UNKNOWN_RANGES`), asked of the `anki`
package itself. `python tests/interchange/anki_unknown_chars.py` prints the table anew
(half a minute): for a newer Anki, or a Python whose Unicode tables are newer."""

from __future__ import annotations

import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

_BATCH = 25  # characters per name: at most 4 bytes each, in Anki's 120


def anki_drops(col: Any, chars: Iterable[str]) -> list[str]:
    """Those of `chars` that Anki (the open collection `col`) drops from a media
    name. (Its `write_data` names a file as a package import does, `normalize_filename`,
    and lowers its case besides.)"""

    def kept(text: str) -> bool:
        name = f"p{text}.png"
        written: str = col.media.write_data(name, b"x")
        return written == unicodedata.normalize("NFC", name).lower()

    chars = list(chars)
    dropped = []
    for at in range(0, len(chars), _BATCH):
        batch = chars[at : at + _BATCH]
        if not kept("".join(batch)):  # one name a batch; each of a batch that changed
            dropped += [
                char for char in batch if col.media.write_data(f"p{char}.png", b"x") == "p.png"
            ]
    return dropped


def _spans(code_points: list[int]) -> Iterator[tuple[int, int]]:
    """The code points, each run of them widened over the code points around it that
    Python does not know either (Anki knows none of those)."""

    def unknown(code_point: int) -> bool:
        return 0 <= code_point <= 0x10FFFF and unicodedata.category(chr(code_point)) == "Cn"

    spans: list[list[int]] = []
    for code_point in code_points:
        start = code_point
        while unknown(start - 1):
            start -= 1
        if spans and spans[-1][1] >= start - 1:
            spans[-1][1] = code_point
        else:
            spans.append([start, code_point])
    for span in spans:
        while unknown(span[1] + 1):
            span[1] += 1
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and merged[-1][1] >= start - 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return ((start, end) for start, end in merged)


def main() -> None:
    from anki.collection import Collection

    known = [
        chr(cp) for cp in range(0x80, 0x110000) if unicodedata.category(chr(cp)) not in ("Cn", "Cs")
    ]
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(str(Path(folder) / "probe.anki2"))
        try:
            dropped = anki_drops(col, known)
        finally:
            col.close()
    spans = _spans([ord(char) for char in dropped])
    words = [f"{a:X}" if a == b else f"{a:X}-{b:X}" for a, b in spans]
    line = ""
    for word in words:
        if len(line) + len(word) + 1 > 88:
            print(line)
            line = ""
        line = f"{line} {word}" if line else word
    print(line)
    print(f"{len(dropped)} characters Python {unicodedata.unidata_version} knows", file=sys.stderr)


if __name__ == "__main__":
    main()
