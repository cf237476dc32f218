"""Session fixtures: the Anki packages are built once (real Anki backend, genanki) in a
tmp folder and shared by every interchange test; each test imports them into its own
tmp deck folder and database."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from anki_build import Expected, build_collection, build_genanki

from quizzer.core.loader import LoadedDeck, load_deck


@dataclass(frozen=True)
class Packages:
    modern: Path
    legacy: Path
    genanki: Path
    expected: Expected
    folder: Path
    colpkg: Path


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    os.environ["TZ"] = "UTC"
    time.tzset()
    folder = tmp_path_factory.mktemp("anki")
    modern, legacy, expected = build_collection(folder)
    return Packages(
        modern, legacy, build_genanki(folder), expected, folder, colpkg=folder / "all.colpkg"
    )


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run quizzer in this process: (exit status, stdout, stderr)."""
    from quizzer.cli import main

    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def synced_deck(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str
) -> tuple[Path, Path]:
    """A deck file `tmp_path/decks/<name>.yaml` of `text`, synced into `tmp_path`'s
    q.db as `quizzer` syncs it (it must load): (its path, the database)."""
    decks, db = tmp_path / "decks", tmp_path / "q.db"
    decks.mkdir(exist_ok=True)
    deck = decks / f"{name}.yaml"
    deck.write_text(text, encoding="utf-8")
    status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(decks), "stats")
    assert status == 0, err
    return deck, db


def exported(capsys: pytest.CaptureFixture[str], db: Path, deck: Path, output: Path) -> Path:
    """`quizzer export DECK -o OUTPUT` with database `db`, which must succeed: OUTPUT."""
    status, _, err = run_cli(capsys, "--db", str(db), "export", str(deck), "-o", str(output))
    assert status == 0, err
    return output


def imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, package: Path, *extra: str
) -> dict[str, Any]:
    """`quizzer import PACKAGE --json` into `tmp_path`'s q.db and decks/, which must
    succeed: its report."""
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(package), "-o",
        str(tmp_path / "decks"), "--json", *extra,
    )  # fmt: skip
    assert status == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def deck_file(path: Path) -> LoadedDeck:
    """The deck file at `path`, which must load."""
    loaded = load_deck(path)
    assert not isinstance(loaded, list), loaded
    return loaded


def html_csv_cards(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rows: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """`rows` (front and back, HTML) imported from a tab-separated CSV with `#html:true`,
    which must succeed: the (front, back) of each card of its deck file."""
    csv = tmp_path / "fields.csv"
    lines = "".join(f"{front}\t{back}\n" for front, back in rows)
    csv.write_text(f"#separator:tab\n#html:true\n{lines}", encoding="utf-8")
    imported(capsys, tmp_path, csv)
    return [
        (card.front, card.back) for card in deck_file(tmp_path / "decks" / "fields.yaml").deck.cards
    ]


def listed(folder: Path) -> list[str]:
    """The names in a deck folder, sorted, without the lock file imports leave there."""
    from quizzer.interchange.folder_lock import LOCK_NAME

    return sorted(p.name for p in folder.iterdir() if p.name != LOCK_NAME)
