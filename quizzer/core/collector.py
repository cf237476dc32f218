"""Pausing Python's cyclic garbage collector while a big deck is built.

Reading a 100k-term deck makes millions of containers (dicts, lists, validated items,
cards) that hold no reference cycles and all stay alive until the deck is stored. The
collector cannot know that: every few thousand allocations it walks the young objects,
and ever more often the whole heap, finding nothing to free. Paused, a 100k-term first
sync spends about 0.5 s less CPU (bench/bench_loader.py); reference counting still
frees everything that is let go, and the collector runs as usual once the pause ends.

The switch is the interpreter's one: pauses in several threads nest (a count), so the
collector is back on only when the last of them ends, and only if it was on before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (see the module docstring)."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
