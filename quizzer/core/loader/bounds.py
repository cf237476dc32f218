"""How much one deck file may hold: what the YAML reader stops at as it streams (and
what a deck written by quizzer is checked against without reading it, written.py)."""

from __future__ import annotations

__all__ = ["MAX_DEPTH", "MAX_ITEMS", "MAX_VALUES"]

MAX_DEPTH = 32
MAX_ITEMS = 200_000
"""Items (terms, cards, ...) one deck may hold: twice a 100k-note Anki import. With the
64 MiB cap on a file this bounds what reading a file may build, as the 5 MiB cap alone
did before: 64 MiB of one-line items would otherwise be two million validated items
(gigabytes) before an alias on the last line is even seen."""
MAX_VALUES = 2_000_000
"""Scalars, mappings and lists one file may hold (a 100k-term deck has 500k): the same
bound for data that is not items (a list of a million tags)."""
