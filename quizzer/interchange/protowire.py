"""Just enough of the protobuf wire format to read the few fields quizzer needs from an
Anki schema-18 collection (note type kind, deck kind) and a modern media list.

`fields(data)` yields (field number, value): an int for varints, bytes for
length-delimited fields; fixed-width fields are skipped. Malformed data raises
ValueError, which the callers turn into one error line.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["fields", "first"]


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data) or shift > 63:
            raise ValueError("truncated or overlong varint")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = _varint(data, at)
            yield number, value
        elif wire == 2:
            size, at = _varint(data, at)
            if at + size > len(data):
                raise ValueError("truncated field")
            yield number, data[at : at + size]
            at += size
        elif wire == 1:
            at += 8
        elif wire == 5:
            at += 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
    if at != len(data):
        raise ValueError("truncated fixed-width field")


def first(data: bytes, number: int) -> int | bytes | None:
    """The first value of field `number`, None when absent."""
    for found, value in fields(data):
        if found == number:
            return value
    return None
