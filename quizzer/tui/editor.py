"""The command line that opens a deck file in the user's editor at a given line."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from quizzer.errors import QuizzerError

__all__ = ["editor_command"]

# Editors that take `+LINE FILE` (vi family, nano, emacs, micro, kakoune, joe, ...).
_PLUS_LINE = {
    "vi", "vim", "nvim", "gvim", "view", "ex", "elvis", "nvi", "vis",
    "nano", "pico", "rnano", "emacs", "emacsclient", "micro", "kak", "joe", "jed",
    "ne", "mg", "jove", "mcedit", "gedit", "mousepad", "pluma", "xed",
}  # fmt: skip
# Editors that take `FILE:LINE` (some need a flag first, and a flag to wait).
_COLON_LINE = {
    "code": ["--wait", "-g"],
    "code-insiders": ["--wait", "-g"],
    "codium": ["--wait", "-g"],
    "cursor": ["--wait", "-g"],
    "subl": ["--wait"],
    "hx": [],
    "helix": [],
    "zed": ["--wait"],
}


def editor_command(path: Path, line: int | None, editor: str | None = None) -> list[str]:
    """argv that opens `path` at `line` in `editor` (default: $VISUAL, $EDITOR, then vi).
    Raises QuizzerError when the setting is not a command line (an unclosed quote)."""
    visual, env_editor = os.environ.get("VISUAL"), os.environ.get("EDITOR")
    spec = editor or visual or env_editor or "vi"
    try:
        argv = shlex.split(spec) or ["vi"]
    except ValueError as error:
        name = "the editor" if editor else "$VISUAL" if visual else "$EDITOR"
        raise QuizzerError(f"{name} is not a valid command line ({error}): {spec}") from None
    name = Path(argv[0]).name.removesuffix(".exe")
    if line is None or line < 1:
        return [*argv, str(path)]
    if name in _PLUS_LINE:
        return [*argv, f"+{line}", str(path)]
    if name in _COLON_LINE:
        flags = [flag for flag in _COLON_LINE[name] if flag not in argv]
        return [*argv, *flags, f"{path}:{line}"]
    if name == "kate":
        return [*argv, "--line", str(line), str(path)]
    return [*argv, str(path)]
