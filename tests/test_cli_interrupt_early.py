"""A Ctrl-C while quizzer reads its command line (its first tenth of a second) is the
one line and exit status of a Ctrl-C later on: it printed a Python traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

_CHILD = textwrap.dedent(
    """
    import argparse, os, signal, sys
    from quizzer import cli

    parse = argparse.ArgumentParser.parse_args

    def interrupted(self, *args, **kwargs):  # a real SIGINT, as the arguments are read
        os.kill(os.getpid(), signal.SIGINT)
        return parse(self, *args, **kwargs)

    argparse.ArgumentParser.parse_args = interrupted
    sys.exit(cli.main(sys.argv[1:]))
    """
)


def test_a_ctrl_c_while_the_command_line_is_read_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "--db", str(tmp_path / "q.db"), "stats"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (130, "quizzer: error: interrupted\n")
    assert done.stdout == ""
