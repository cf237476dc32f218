"""A text file saved as UTF-32 with its byte-order mark. Its little-endian mark
(`FF FE 00 00`) starts with UTF-16's (`FF FE`), so the file was read as UTF-16: every
character came with a U+0000 (dropped, with a warning on each line), a character past
U+FFFF was garbled (`😀` as U+F600) and the file's end made a row that was left out."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from test_text_hostile import _import, _pairs, _refused


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_its_byte_order_mark_is_decoded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], codec: str
) -> None:
    bom = codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE
    data = bom + "smile\t😀 grin\ncafé\tcoffee\n".encode(codec)
    report, loaded = _import(capsys, tmp_path, "u32.txt", data)
    assert _pairs(loaded) == [("smile", "😀 grin"), ("café", "coffee")]
    assert report["warnings"] == []


@pytest.mark.parametrize(
    "damage",
    [b"\x00\x00\x11\x00", b"a\x00\x00"],  # past U+10FFFF; a character cut short
    ids=["no-character", "cut-short"],
)
def test_utf32_damaged(tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: bytes) -> None:
    data = codecs.BOM_UTF32_LE + "a\tb\n".encode("utf-32-le") + damage
    _refused(capsys, tmp_path, data, "bad.txt: damaged UTF-32 text (invalid bytes at offset 20)")
