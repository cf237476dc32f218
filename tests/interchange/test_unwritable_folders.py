"""An import or export into a folder that takes no new file (/sys refuses one even to
root, as a read-only disk or a folder of another user does): one error line naming the
file the user asked for, not the hidden temp file beside it, and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.interchange.atomic import fresh_folder, write_atomic

UNWRITABLE = Path("/sys")
REFUSED = ("Permission denied", "Read-only file system", "Operation not permitted")


def test_a_deck_file_that_cannot_be_created_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It named the temp file (`/sys/.words.yaml.1a2b3c4d.tmp: cannot write: ...`)."""
    (tmp_path / "words.txt").write_bytes(b"a\tb\n")
    db = tmp_path / "q.db"
    status, stdout, err = run_cli(
        capsys, "--db", str(db), "import", str(tmp_path / "words.txt"), "-o", str(UNWRITABLE)
    )
    assert (status, stdout) == (1, "")
    prefix = f"quizzer: error: {UNWRITABLE / 'words.yaml'}: cannot write: "
    assert err.startswith(prefix) and err.count("\n") == 1, err
    assert err[len(prefix) : -1] in REFUSED, err
    status, stdout, _ = run_cli(capsys, "--db", str(db), "decks", "--json")
    assert (status, json.loads(stdout)["decks"]) == (0, [])


def test_the_atomic_writers_name_their_target() -> None:
    with pytest.raises(OSError) as written:
        write_atomic(UNWRITABLE / "d.yaml", b"x")
    assert written.value.filename == str(UNWRITABLE / "d.yaml")
    assert written.value.strerror in REFUSED
    with pytest.raises(OSError) as staged:
        fresh_folder(UNWRITABLE / "d.media", "staged-")
    assert staged.value.filename == str(UNWRITABLE / "d.media")
    assert staged.value.strerror in REFUSED
