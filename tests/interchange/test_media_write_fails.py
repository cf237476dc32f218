"""A media file the deck folder cannot take (a full disk, a file size limit) is one error
line naming the folder written, as a deck file's is: it named the package, which was only
read (`media.apkg: File too large`)."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import genanki

_ONE_MIB = 2**20


def _limited() -> None:
    """In the child: no file written past 512 KiB, the write failing (EFBIG) instead of
    the process being killed."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (_ONE_MIB // 2, _ONE_MIB // 2))


def test_a_media_file_the_folder_cannot_take_names_the_folder(tmp_path: Path) -> None:
    picture = tmp_path / "big.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * _ONE_MIB)
    deck = genanki.Deck(2059400111, "Pictures")
    deck.add_note(genanki.Note(genanki.BASIC_MODEL, ['<img src="big.png">', "a picture"]))
    package = genanki.Package(deck, media_files=[str(picture)])
    package.write_to_file(str(tmp_path / "media.apkg"))
    out = tmp_path / "decks"
    done = subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), "import",
         str(tmp_path / "media.apkg"), "-o", str(out)],
        capture_output=True, text=True, preexec_fn=_limited, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout
    assert done.stderr == f"quizzer: error: {out}: cannot write: File too large\n"
    assert not out.exists()  # made for the import, and removed with it
