"""Start-up without the cyclic garbage collector.

Until the first screen is drawn, a process allocates mostly objects that live as long as
it does (modules, classes, CSS rules, widgets); the cyclic collector runs about 130 times
over them on the way to the first card, for nothing. `pause` stops it before the app's
imports; `resume`, after the first frame, moves what exists then to the permanent
generation (`gc.freeze`: later collections skip it, so key presses pay less too) and
starts the collector again. Reference counting frees everything else as usual.
"""

from __future__ import annotations

import gc


def pause() -> None:
    """Stop the cyclic collector (until `resume`)."""
    gc.disable()


def resume() -> None:
    """Freeze what start-up built and start the collector again; idempotent."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
