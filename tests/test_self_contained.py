"""The suite stands on the repository alone: no test reads a file outside the clone, and
none is skipped (a test that skips where a file is missing proves nothing there)."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent

# A path that climbs above the repository (from tests/x/y.py, parents[2] is the
# repository) or names the team's folder beside the clone.
_OUTSIDE = re.compile(
    r"parents\[(?:[3-9]|\d\d)\]"
    r"|(?:\.parent){3,}"
    r"|/\s*['\"]shared['\"]"
)
_SKIP = re.compile(r"pytest\.skip\(|mark\.skip(?:if)?\b|importorskip\(")


def _sources() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py") if path != Path(__file__).resolve())


def test_no_test_reads_outside_the_repository() -> None:
    found = [
        f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
        for path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _OUTSIDE.search(line)
    ]
    assert found == []


def test_no_test_is_skipped() -> None:
    found = [
        f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
        for path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _SKIP.search(line)
    ]
    assert found == []
