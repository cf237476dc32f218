"""Images in an exported package: every file the deck shows, each under a name of its
own (two folders may hold an `a.png` each), with its alt text."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import exported, run_cli

from quizzer.core.loader import load_deck

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478"
    "9c63f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)
DECK = """\
title: Images
cards:
  - front: one
    back: "![first](a.png)"
  - front: two
    back: "![second](sub/a.png)"
  - front: same file again
    back: "![third](./a.png) and ![fourth](sub/../a.png)"
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.png").write_bytes(PNG)
    (folder / "sub" / "a.png").write_bytes(PNG + b"another picture")
    path = folder / "images.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def test_images_of_the_same_name_stay_apart_in_anki(
    deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki_build import import_into_anki

    package = tmp_path / "images.apkg"
    exported(capsys, tmp_path / "q.db", deck, package)
    notes = {fields[0]: fields[1] for _, _, fields in import_into_anki(tmp_path, package)}
    media = tmp_path / "check-images.media"

    def shown(front: str) -> list[bytes]:
        return [(media / src).read_bytes() for src in re.findall(r'src="([^"]+)"', notes[front])]

    assert shown("one") == [PNG]
    assert shown("two") == [PNG + b"another picture"]
    assert shown("same file again") == [PNG, PNG]


def test_alt_texts_come_back(
    deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "images.apkg"
    exported(capsys, tmp_path / "a.db", deck, package)
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "b.db"), "import", str(package),
                             "-o", str(tmp_path / "back"))  # fmt: skip
    assert status == 0, err
    loaded = load_deck(tmp_path / "back" / "images.yaml")
    assert not isinstance(loaded, list), loaded
    backs = [card.back for card in loaded.cards]
    assert [re.findall(r"!\[([^\]]*)\]", back) for back in backs] == [
        ["first"],
        ["second"],
        ["third", "fourth"],
    ]
    files = [re.findall(r"\]\(([^)]+)\)", back) for back in backs]
    assert len({files[0][0], files[1][0]}) == 2 and files[2] == [files[0][0]] * 2
    folder = tmp_path / "back"
    assert (folder / files[1][0]).read_bytes() == PNG + b"another picture"


def test_an_alt_text_from_anki_is_one_line_its_brackets_escaped() -> None:
    """Whatever Anki's alt holds, the Markdown is still an image (a bare `]` would end
    it), and the alt text is otherwise as written: the review shows it as it is where it
    cannot draw the image."""
    from quizzer.interchange.html import html_to_markdown
    from quizzer.interchange.markdown_html import markdown_to_html

    markdown = html_to_markdown('<img src="x.png" alt="a ]b[\n*c*">', lambda name: f"m/{name}")
    assert markdown == r"![a \]b\[ *c*](m/x.png)"
    assert 'alt="a ]b[ *c*"' in markdown_to_html(markdown, lambda path: path)


def test_a_csv_says_its_images_are_not_in_it(
    deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_cli(capsys, "--db", str(tmp_path / "q.db"), "export", str(deck),
                               "-o", str(tmp_path / "images.csv"))  # fmt: skip
    assert status == 0
    assert out == f"{tmp_path / 'images.csv'}: 3 notes from deck images\n"
    assert err == (
        "warning: the deck shows 2 image files, which a .csv cannot hold: export to .apkg "
        "to take them along, or copy them into Anki's media folder yourself\n"
    )


def test_a_csv_names_its_images_as_the_files_the_user_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A package's media names keep apart in Anki what Anki would make one (`A.png`
    as `A.png` and `a.png` as `a-2.png`, `🥰.png` as `U+1F970.png`); a CSV's images
    are copied into Anki's media folder by hand, under their own names, so its notes
    name them so (renamed, they named files that were not there)."""
    folder = tmp_path / "src"
    folder.mkdir()
    names = ["A.png", "a.png", "🥰.png"]
    for name in names:
        (folder / name).write_bytes(PNG + name.encode())
    cards = "".join(
        f"  - front: f{at}\n    back: '![x]({name})'\n" for at, name in enumerate(names)
    )
    deck = folder / "d.yaml"
    deck.write_text(f"title: D\ncards:\n{cards}", "utf-8")
    csv = exported(capsys, tmp_path / "q.db", deck, tmp_path / "d.csv").read_text("utf-8")
    assert re.findall(r'src=""([^"]+)""', csv) == names
    apkg = exported(capsys, tmp_path / "q.db", deck, tmp_path / "d.apkg")
    with zipfile.ZipFile(apkg) as archive:
        assert sorted(json.loads(archive.read("media")).values()) == sorted(
            ["A.png", "a-2.png", "U+1F970.png"]
        )
