"""A file quizzer rewrites whole (an import's deck file, an export) that is a symlink is
written through it, as a plain `open()` writes (interchange/atomic.py): the link stays
and the file it names gets the new text. The rename onto the link used to replace the
link with a file, so a deck kept elsewhere (a git checkout, linked into the deck
folder) stayed as it was while a copy took its place."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.core.loader import load_deck


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, rows: str) -> None:
    source = tmp_path / "spanish.txt"
    source.write_text(f"#separator:tab\n#deck:Spanish\n{rows}", "utf-8")
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(source), "-o",
        str(tmp_path / "decks"),
    )  # fmt: skip
    assert status == 0, err


def test_an_import_writes_a_linked_deck_file_through_its_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(capsys, tmp_path, "hola\thello\n")
    link, kept = tmp_path / "decks" / "spanish.yaml", tmp_path / "repo" / "spanish.yaml"
    kept.parent.mkdir()
    link.rename(kept)
    link.symlink_to(kept)
    _import(capsys, tmp_path, "hola\thello\nperro\tdog\n")
    assert link.is_symlink() and link.resolve() == kept.resolve()
    assert [c.front for c in load_deck(kept).cards] == ["hola", "perro"]


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_an_export_writes_through_a_linked_output(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text("title: D\ncards:\n  - front: a\n    back: b\n", "utf-8")
    target = tmp_path / "dropbox" / f"d{suffix}"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / f"out{suffix}"
    link.symlink_to(target)
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(link)
    )
    assert status == 0, err
    assert link.is_symlink() and link.resolve() == target.resolve()
    if suffix == ".apkg":
        assert zipfile.is_zipfile(target)
    else:
        assert target.read_text("utf-8").startswith("#separator:tab")


def test_without_hard_links_a_linked_deck_keeps_its_old_bytes_as_a_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the file system makes no hard links (os.link fails as on FAT), the old
    bytes an import keeps beside a linked deck's file are a copy, gone once it is done."""
    _import(capsys, tmp_path, "hola\thello\n")
    link, kept = tmp_path / "decks" / "spanish.yaml", tmp_path / "repo" / "spanish.yaml"
    kept.parent.mkdir()
    link.rename(kept)
    link.symlink_to(kept)

    def no_link(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    _import(capsys, tmp_path, "hola\thello\nperro\tdog\n")
    assert [c.front for c in load_deck(kept).cards] == ["hola", "perro"]
    assert sorted(p.name for p in kept.parent.iterdir()) == ["spanish.yaml"]
