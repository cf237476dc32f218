"""`quizzer schema`: print the JSON Schema of the deck format (for editor completion).

Imports only the deck model: no Textual, no SQL.
"""

from __future__ import annotations

import argparse
import sys

from quizzer.core.deck_schema import schema_text

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0
