"""Test helper: the Anki log's worker processes (log_worker.py), recorded as started."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from quizzer.interchange import log_worker


class Workers:
    """log_worker's processes, recorded as started; one starts for any log (WORKER_FROM
    1), on two idle CPUs."""

    def __init__(self, patch: pytest.MonkeyPatch) -> None:
        self.started: list[subprocess.Popen[bytes]] = []
        real = subprocess.Popen

        def popen(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
            process = real(*args, **kwargs)
            self.started.append(process)
            return process

        patch.setattr(log_worker.subprocess, "Popen", popen)
        patch.setattr(log_worker, "WORKER_FROM", 1)
        patch.setattr(log_worker, "usable_cpus", lambda: 2)
        patch.setattr(log_worker, "_load", lambda: 0.0)
