"""Whether a deck file or folder changed on disk while a screen shows it: an import of a
newer export rewrote the file, or one added a deck to the folder, or an edit in another
window (screens/review.py reloads the deck, screens/home.py syncs the folders)."""

from __future__ import annotations

import os

__all__ = ["FileStamp"]


class FileStamp:
    """Whether a file has changed since it was last `seen` (its time, size and inode: an
    import replaces a deck file by renaming a new one over it)."""

    def __init__(self) -> None:
        self._path: str | None = None
        self._stamp: tuple[int, int, int] | None = None

    def changed(self, path: str | None) -> bool:
        """Whether `path` changed since `seen`; False for a file not followed before (it
        is followed from now on) or one that cannot be read now (a rename under way)."""
        if path != self._path:
            self._path, self._stamp = path, _stamp(path)
            return False
        stamp = _stamp(path)
        return stamp is not None and stamp != self._stamp

    def seen(self) -> None:
        self._stamp = _stamp(self._path)


def _stamp(path: str | None) -> tuple[int, int, int] | None:
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino
