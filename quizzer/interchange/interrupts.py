"""Holding a Ctrl-C back while an import must not be cut: from its files in place through
its COMMIT and what is tidied after, and while a failed import puts its files back.

Once the database has committed, the import is done: a Ctrl-C raised there would undo
the deck files of a committed import, leaving the database newer than its files. A
Ctrl-C in those moments is noted and dropped; one before them stops the import as any
failure does. Only the main thread receives signals, so elsewhere nothing is held."""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

__all__ = ["HeldInterrupts"]


class HeldInterrupts:
    """A Ctrl-C held back between `hold()` and `release()`; `came` tells whether one came."""

    def __init__(self) -> None:
        self.came = False
        self._holding = False
        self._before: Any = None

    def hold(self) -> None:
        if self._holding or threading.current_thread() is not threading.main_thread():
            return
        self._before = signal.signal(signal.SIGINT, self._note)
        self._holding = True

    def release(self) -> None:
        if self._holding:
            before = self._before  # None: not set from Python; Ctrl-C raises again
            signal.signal(signal.SIGINT, signal.default_int_handler if before is None else before)
            self._holding = False

    def _note(self, signum: int, frame: FrameType | None) -> None:
        self.came = True
