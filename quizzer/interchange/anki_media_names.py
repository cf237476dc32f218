"""The names an exported package gives its media files: each one that real Anki keeps
as it is, and keeps apart from the others.

Anki keeps every media file of a collection in one folder, under a name it makes of
the package's (rslib media/files.rs, `normalize_filename`): NFC, without `[]<>:"/?*^\\|`,
control characters and the characters its Unicode tables (version 10) do not know, a
no-break space as a space, at most 120 bytes. Two names it makes one were one picture
for both notes; so were two that differ only in case, in a media folder on a file
system that ignores case (macOS's and Windows' by default).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["AnkiMediaNames"]

_ANKI_NAME_BYTES = 120
_ANKI_DROPS = re.compile(r'[\[\]<>:"/?*^\\|\x00-\x1f\x7f]')
_DEVICE = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)", re.I)
_UNKNOWN_RANGES = """
560 588 5EB-5EF 61D 7FB-7FF 86B-89F 8B5 8BE-8D3 9FE-A00 A76-A80 B4E-B55 C04 C3A-C3C
C5B-C5F C70-C77 C84 CD7-CDD D04 D80-D81 E85-E86 E89 E8B-E8C E8E-E93 E98 EA0 EA8-EA9 EAC
EBA 170D 1715-171F 180F 1878-187F 1ABF-1AFF 1B4C-1B4F 1B7D-1B7F 1C89-1CBF 1CFA-1CFF 1DFA
20C0-20CF 2B96-2B97 2BBA-2BBC 2BC9 2BD3-2BEB 2BF0-2BFF 2C2F 2C5F 2E4A-2E7F 312F-3130
31BB-31BF 32FF 4DB6-4DBF 9FEB-9FFF A7AF A7B8-A7F6 A82C-A82F A8FE-A8FF AB66-AB6F FBC2-FBD2
FD40-FD4F FDC8-FDEF FDFE-FDFF 1019C-1019F 10570-105FF 10768-107FF 10A34-10A37 10A48-10A4F
10D00-10E5F 10E7F-10FFF 11070-1107E 110C2-110CF 11144-1114F 111CE-111CF 1133A-1133B 1145A
1145E-1147F 116B8-116BF 1171A-1171C 11740-1189F 11900-119FF 11A84-11A85 11A9D 11AA3-11ABF
11D5A-11FFF 12544-12FFF 1342F-143FF 16A70-16ACF 16B90-16EFF 16F45-16F4F 16F7F-16F8E
16FE2-16FFF 187ED-187FF 18AF3-1AFFF 1B11F-1B16F 1BCA4-1CFFF 1D1E9-1D1FF 1D246-1D2FF
1D372-1D3FF 1DAB0-1DFFF 1E02B-1E7FF 1E94B-1E94F 1E960-1EDFF 1F10D-1F10F 1F12F 1F16C-1F16F
1F1AD-1F1E5 1F6D5-1F6DF 1F6F9-1F6FF 1F7D5-1F7FF 1F8AE-1F8FF 1F90C-1F90F 1F93F 1F94D-1F94F
1F96C-1F97F 1F998-1F9BF 1F9C1-1F9CF 1F9E7-1FFFF 2A6D7-2A6FF 2B735-2B73F 2FA1E-E0000
"""
"""The code points real Anki drops from a media name though Python's Unicode tables (14
and later) know some: each added to Unicode after version 10 (`🥰`, `🫠`), and the
unassigned ones around them. Found by giving Anki (26.09) a name of every character
Python 3.11 knows (tests/interchange/anki_unknown_chars.py prints them again)."""


def _character_class(ranges: str) -> re.Pattern[str]:
    """`ranges` (code points in hex, and spans of them: `560 5EB-5EF`) as a regex."""
    spans = ("-".join(chr(int(end, 16)) for end in span.split("-")) for span in ranges.split())
    return re.compile(f"[{''.join(spans)}]")


_UNKNOWN_TO_ANKI = _character_class(_UNKNOWN_RANGES)


class AnkiMediaNames:
    """Names for one export's media files, each one Anki keeps apart from the others:
    `name_for(file_name)`. `packed=False` (a CSV, whose images the user copies into
    Anki's media folder by hand, under their own names): no case folding and no code
    points (`_kept`), which would name files that are not there."""

    def __init__(self, *, packed: bool) -> None:
        self._packed = packed
        self._taken: set[str] = set()  # the names given, case folded when packed

    def name_for(self, name: str) -> str:
        """`name` as Anki keeps it (`_kept`), or `stem-2.png`, `stem-3.png`, ... when
        another file has that name, in any case: two names Anki makes one (`a?b.png`
        and `ab.png`, an accent composed and not, two names alike in their first 120
        bytes) were one picture for both notes, and so were `A.png` and `a.png` in a
        media folder on a file system that ignores case (macOS's and Windows' by
        default, where the file copied last took the name). Compared case folded, which
        folds more than those systems do (`Straße.png` and `STRASSE.png` too): at
        worst a name renamed that needed not be."""
        kept = _kept(name, code_points=self._packed) or "image"
        stem, dot, suffix = kept.rpartition(".")
        if not dot or not stem or len(suffix.encode()) > 10:  # Anki cuts a longer one
            stem, dot, suffix = kept, "", ""
        number = 1
        free = _cut(stem, f"{dot}{suffix}")
        while self._key(free) in self._taken:
            number += 1
            free = _cut(stem, f"-{number}{dot}{suffix}")
        self._taken.add(self._key(free))
        return free

    def _key(self, name: str) -> str:
        return name.casefold() if self._packed else name


def _kept(name: str, *, code_points: bool) -> str:
    """A media file's name as an Anki import keeps it, but for its cut to 120 bytes
    (`_cut`): NFC, without the characters it drops (unassigned ones, surrogates from a
    name not in UTF-8 too), a no-break space a space, a `_` after a Windows device name
    and after an end in a space or a dot. With `code_points`, a character Anki drops
    that Python knows (`_UNKNOWN_RANGES`) is written as its code point instead
    (`U+1F970`): the names of `🥰.png` and `🫠.png` stay two."""
    name = unicodedata.normalize("NFC", name)
    if not name.isascii():
        name = _UNKNOWN_TO_ANKI.sub(_code_point, name) if code_points else name
        name = "".join(c for c in name if unicodedata.category(c) not in ("Cn", "Cs"))
    name = _DEVICE.sub(r"\1_\2", _ANKI_DROPS.sub("", name).replace("\xa0", " "))
    return f"{name}_" if name.endswith((" ", ".")) else name


def _code_point(found: re.Match[str]) -> str:
    """A character Anki drops, as its code point where Python knows it (else dropped)."""
    char = found[0]
    return f"U+{ord(char):04X}" if unicodedata.category(char) != "Cn" else char


def _cut(stem: str, end: str) -> str:
    """`stem` and `end` in at most Anki's 120 bytes, `stem` cut to fit."""
    cut = stem.encode()[: _ANKI_NAME_BYTES - len(end.encode())].decode(errors="ignore")
    return f"{cut}{end}" if end else cut.rstrip(" .")
