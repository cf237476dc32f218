"""Start-up without the cyclic garbage collector.

Until the first screen is drawn, a process allocates mostly objects that live as long as
it does (modules, classes, CSS rules, widgets); the cyclic collector runs about 130 times
over them on the way to the first card, for nothing. `pause` stops it before the app's
imports; `resume`, after the first frame, moves what exists then to the permanent
generation (`gc.freeze`: later collections skip it, so key presses pay less too) and
starts the collector again. Reference counting frees everything else as usual. An app
started some other way (a test's or a bench's) is frozen after its first frame too.
"""

from __future__ import annotations

import gc


def pause() -> None:
    """Stop the cyclic collector (until `resume`)."""
    gc.disable()


_frozen = False


def resume() -> None:
    """Freeze what start-up built (once a process) and start the collector again."""
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True
    gc.enable()


_HELD = 1_000_000_000
"""The full-collection threshold while held: never reached in a round."""
_saved: tuple[int, int, int] | None = None


def hold_full_collections() -> None:
    """A timed round is running: no full collection (a pass over every live object, up
    to tens of milliseconds, longer than a frame) until `release_full_collections`. The
    young generations are still collected as usual."""
    global _saved
    if _saved is None:
        _saved = gc.get_threshold()
        gc.set_threshold(_saved[0], _saved[1], _HELD)


def release_full_collections() -> None:
    """The round is over: full collections as before."""
    global _saved
    if _saved is not None:
        gc.set_threshold(*_saved)
        _saved = None
