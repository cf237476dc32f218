"""How a command-line run ends when its command did not: a one-line failure (and its JSON
with --json), the crash log of an internal error, or quietly when the reader of its
output went away (`quizzer stats --json | head -1`)."""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from pathlib import Path

from quizzer.errors import QuizzerError, error_json, report

__all__ = ["failed", "reader_gone", "write_crash_log"]


def failed(error: QuizzerError | str, exit_code: int, wants_json: bool) -> int:
    """Say `error` in one line on stderr (and as JSON on stdout with --json)."""
    report(error)
    if wants_json:
        try:
            print(json.dumps(error_json(str(error), exit_code)))
        except BrokenPipeError:
            return reader_gone()
    return exit_code


def reader_gone() -> int:
    """stdout's reader stopped reading: end without a word, with the status a tool
    stopped by SIGPIPE has (141). stdout now writes to the null device, so that Python's
    last flush at exit finds no broken pipe to complain about."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
    return 128 + signal.SIGPIPE


def write_crash_log() -> Path:
    """The current exception's traceback, appended to crash.log in the data folder."""
    from quizzer.paths import data_dir

    log = data_dir() / "crash.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            traceback.print_exc(file=handle)
    except OSError:
        traceback.print_exc()
    return log
