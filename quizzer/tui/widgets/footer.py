"""Textual's footer, built again only when the keys it shows change.

Textual rebuilds its footer on every bindings signal (a focus change, a screen pushed,
each `refresh_bindings`), removing and mounting every key: about a frame's work each
time, three times before a review's first key press, although the keys were the same.
This one notes what it last showed (each active binding, enabled or not, its tooltip)
and lets a signal through only when that changed, with one rebuild pending at a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer as TextualFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

__all__ = ["Footer"]


class Footer(TextualFooter):
    """A footer that skips rebuilds that would show the same keys."""

    _shown: tuple[object, ...] | None = None
    _pending = False

    def _keys(self) -> tuple[object, ...]:
        """What compose() would show: every active binding, enabled or not, tooltip."""
        bindings = self.screen.active_bindings
        return tuple(
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in bindings.items()
        )

    def compose(self) -> ComposeResult:
        self._pending = False
        if self._bindings_ready:
            self._shown = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        # As Textual's, but a rebuild is asked for only when the keys differ from the
        # ones shown, and not while one is already on its way (it reads them then).
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if self._pending or (self._shown is not None and self._keys() == self._shown):
            return
        self._pending = True
        self.call_after_refresh(self.recompose)
