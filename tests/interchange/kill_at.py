"""Test helper, run as a script: quizzer killed at a chosen moment, as by a crash.

python kill_at.py EVENT N ARGS...
    run `quizzer ARGS...` in this process, and SIGKILL it just before its N-th audit
    event EVENT (`os.rename`: a rename or replace; `shutil.rmtree`), so the command
    stops there with no chance to tidy up, as a power cut or `kill -9` would stop it.
    With N = 0, print each such event's first argument instead, and run to the end.
    With N negative, stop just before the -N-th event instead: print "held" on stderr,
    wait for a line on stdin, then carry on (a quizzer still running at that moment).
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any


def main(event: str, count: int, argv: list[str]) -> int:
    seen = 0

    def hook(name: str, args: tuple[Any, ...]) -> None:
        nonlocal seen
        if name != event:
            return
        seen += 1
        if count == 0:
            print(f"{event} {seen}: {args[0]}", file=sys.stderr)
        elif seen == count:
            os.kill(os.getpid(), signal.SIGKILL)
        elif seen == -count:
            print("held", file=sys.stderr, flush=True)
            sys.stdin.readline()

    sys.addaudithook(hook)
    from quizzer.cli import main as quizzer

    return quizzer(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3:]))
