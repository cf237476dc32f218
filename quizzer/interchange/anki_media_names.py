"""The names an exported package gives its media files: each one that real Anki keeps
as it is, and keeps apart from the others.

Anki keeps every media file of a collection in one folder, under a name it makes of
the package's (rslib media/files.rs, `normalize_filename`): NFC, without `[]<>:"/?*^\\|`,
control characters and unassigned characters, a no-break space as a space, at most 120
bytes. Two names it makes one were one picture for both notes.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["AnkiMediaNames"]

_ANKI_NAME_BYTES = 120
_ANKI_DROPS = re.compile(r'[\[\]<>:"/?*^\\|\x00-\x1f\x7f]')
_DEVICE = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)", re.I)


class AnkiMediaNames:
    """Names for one package's media files, each one Anki keeps apart from the others:
    `name_for(file_name)`."""

    def __init__(self) -> None:
        self._taken: set[str] = set()  # the names given, case folded

    def name_for(self, name: str) -> str:
        """`name` as Anki keeps it (`_kept`), or `stem-2.png`, `stem-3.png`, ... when
        another file has that name, in any case: two names Anki makes one (`a?b.png`
        and `ab.png`, an accent composed and not, two names alike in their first 120
        bytes) were one picture for both notes, and so were `A.png` and `a.png` in a
        media folder on a file system that ignores case (macOS's and Windows' by
        default, where the file copied last took the name). Compared case folded, which
        folds more than those systems do (`Straße.png` and `STRASSE.png` too): at
        worst a name renamed that needed not be."""
        kept = _kept(name) or "image"
        stem, dot, suffix = kept.rpartition(".")
        if not dot or not stem or len(suffix.encode()) > 10:  # Anki cuts a longer one
            stem, dot, suffix = kept, "", ""
        number = 1
        free = _cut(stem, f"{dot}{suffix}")
        while free.casefold() in self._taken:
            number += 1
            free = _cut(stem, f"-{number}{dot}{suffix}")
        self._taken.add(free.casefold())
        return free


def _kept(name: str) -> str:
    """A media file's name as an Anki import keeps it, but for its cut to 120 bytes
    (`_cut`): NFC, without the characters it drops (unassigned ones, surrogates from a
    name not in UTF-8 too), a no-break space a space, a `_` after a Windows device name
    and after an end in a space or a dot."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cn", "Cs"))
    name = _DEVICE.sub(r"\1_\2", _ANKI_DROPS.sub("", name).replace("\xa0", " "))
    return f"{name}_" if name.endswith((" ", ".")) else name


def _cut(stem: str, end: str) -> str:
    """`stem` and `end` in at most Anki's 120 bytes, `stem` cut to fit."""
    cut = stem.encode()[: _ANKI_NAME_BYTES - len(end.encode())].decode(errors="ignore")
    return f"{cut}{end}" if end else cut.rstrip(" .")
