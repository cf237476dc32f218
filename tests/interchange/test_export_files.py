"""`quizzer export` and the file it writes: where `-o` cannot go is one error line with
nothing left behind, and the file written is an ordinary file (the mode any other
program would give it)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli

DECK = "title: D\ncards:\n  - front: a\n    back: b\n"


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "src" / "d.yaml"
    path.parent.mkdir()
    path.write_text(DECK, encoding="utf-8")
    return path


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _export(capsys: pytest.CaptureFixture[str], tmp_path: Path, deck: Path, output: Path):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(output))


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_output_that_is_a_folder_is_one_error_line(
    suffix: str, deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out" / f"deck{suffix}"
    output.mkdir(parents=True)
    status, out, err = _export(capsys, tmp_path, deck, output)
    assert status == 1 and out == ""
    assert err == f"quizzer: error: {output}: is a folder; give the file to write\n"
    assert sorted(p.name for p in output.parent.iterdir()) == [output.name]
    assert list(output.iterdir()) == []


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_output_under_a_file_is_one_error_line(
    suffix: str, deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "out" / "notes.txt"
    blocker.parent.mkdir()
    blocker.write_text("mine\n", encoding="utf-8")
    output = blocker / f"deck{suffix}"
    status, out, err = _export(capsys, tmp_path, deck, output)
    assert status == 1 and out == ""
    # It said only "cannot write file: File exists", naming neither the file nor why.
    assert err == f"quizzer: error: {blocker}: not a folder (the file goes to {output})\n"
    assert blocker.read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in blocker.parent.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_new_file_gets_the_umask_mode_and_an_old_file_keeps_its_own(
    suffix: str, deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], umask_022: None
) -> None:
    new = tmp_path / f"new{suffix}"
    status, out, err = _export(capsys, tmp_path, deck, new)
    assert status == 0, err
    assert out == f"{new}: 1 note from deck d\n"
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    old = tmp_path / f"old{suffix}"
    old.write_bytes(b"before")
    old.chmod(0o640)
    status, _, err = _export(capsys, tmp_path, deck, old)
    assert status == 0, err
    assert old.read_bytes() != b"before"  # overwritten, as docs/import-export.md says
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
