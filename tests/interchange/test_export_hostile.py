"""`quizzer export` of decks that `quizzer check` accepts but that hold odd content
(found by a scratch fuzzer of the export): the package holds only the files the review
shows, and nothing in a deck's text ends the command in a traceback."""

from __future__ import annotations

import html
import json
import os
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.core.deck import ChoiceItem, TrueFalseItem
from quizzer.core.loader import load_deck

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478"
    "9c63f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


def _deck(folder: Path, back: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "d.yaml"
    lines = "".join(f"      {line}\n" for line in back.split("\n"))
    path.write_text(f"title: D\ncards:\n  - front: a\n    back: |-\n{lines}", "utf-8")
    return path


def _export(capsys: pytest.CaptureFixture[str], tmp_path: Path, deck: Path) -> Path:
    package = tmp_path / "d.apkg"
    assert run_cli(capsys, "check", str(deck))[0] == 0
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(package)
    )
    assert status == 0, err
    return package


def _media(package: Path) -> dict[str, bytes]:
    """The package's media files: name in Anki -> bytes."""
    with zipfile.ZipFile(package) as archive:
        listed: dict[str, str] = json.loads(archive.read("media"))
        return {name: archive.read(member) for member, name in listed.items()}


@pytest.mark.parametrize("target", ["../secret.png", "{outside}/secret.png", "/proc/self/environ"])
def test_an_image_the_review_does_not_show_takes_no_file_from_outside_the_deck(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reference image (`![x][r]`, `[r]: ../secret.png`) is no image to `quizzer
    check` and the review (core/images.py), but Markdown reads it: the export packed
    whatever file it named, outside the deck's folder too."""
    (tmp_path / "secret.png").write_bytes(b"private")
    target = target.format(outside=tmp_path)
    package = _export(capsys, tmp_path, _deck(tmp_path / "src", f"![x][r]\n\n[r]: {target}"))
    assert _media(package) == {}


def test_an_image_in_angle_brackets_outside_the_deck_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path with a space in `<...>` is an image to `quizzer check` (it was not, and
    the check passed it): outside the deck's folder, the check and the export refuse
    the deck, and nothing is written."""
    (tmp_path / "secret file.png").write_bytes(b"private")
    deck = _deck(tmp_path / "src", "![x](<../secret file.png>)")
    status, out, _ = run_cli(capsys, "check", str(deck))
    assert status == 1
    assert f"{deck}:5:7: error: '../secret file.png' is outside the deck's folder" in out
    package = tmp_path / "d.apkg"
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(package)
    )
    assert status == 1 and "the deck has errors" in err
    assert not package.exists()


def test_an_image_in_the_deck_folder_is_packed_however_markdown_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the review does not show but Markdown does still takes a file of the deck's
    folder along, as before."""
    folder = tmp_path / "src"
    deck = _deck(folder, "![x][r] ![y](<a b.png>)\n\n[r]: sub/a.png")
    (folder / "sub").mkdir()
    (folder / "sub" / "a.png").write_bytes(PNG)
    (folder / "a b.png").write_bytes(PNG + b"2")
    assert _media(_export(capsys, tmp_path, deck)) == {"a.png": PNG, "a b.png": PNG + b"2"}


@pytest.mark.parametrize("name", ["loop.png", "a" * 300 + ".png"])
def test_an_image_path_the_system_refuses_is_no_crash(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symlink loop (`RuntimeError` from `Path.resolve`) and a name over the system's
    limit (`OSError` from `is_file`) ended the export in a traceback (exit status 70)."""
    folder = tmp_path / "src"
    deck = _deck(folder, f"![x][r]\n\n[r]: {name}")
    if name == "loop.png":
        os.symlink("loop.png", folder / "loop.png")
    assert _media(_export(capsys, tmp_path, deck)) == {}


def test_an_image_is_the_file_the_review_shows_not_the_one_markdown_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review and `quizzer check` take an image's path as written (core/images.py):
    `![x](a&amp;b.png)` shows the file `a&amp;b.png`. The export took Markdown's reading
    of it, `a&b.png` (and `a_b.png` for `a\\_b.png`): another file, or none."""
    folder = tmp_path / "src"
    deck = _deck(folder, "![x](a&amp;b.png) ![y](a\\_b.png) ![z](c&amp;d.png)")
    shown = ("a&amp;b.png", "a\\_b.png", "c&amp;d.png")
    for name in shown:
        (folder / name).write_bytes(PNG + name.encode())
    (folder / "a&b.png").write_bytes(b"another file")
    (folder / "a_b.png").write_bytes(b"another file")
    packed = _media(_export(capsys, tmp_path, deck)).values()
    assert sorted(packed) == sorted(PNG + name.encode() for name in shown)


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_an_output_name_over_the_system_limit_is_one_error_line(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Path.is_dir` raised on it (OSError, ENAMETOOLONG): a traceback, exit status 70."""
    deck = _deck(tmp_path / "src", "b")
    output = tmp_path / "out" / ("n" * 300 + suffix)
    output.parent.mkdir()
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(output)
    )
    assert (status, out) == (1, "")
    assert err == f"quizzer: error: {output}: cannot write file: File name too long\n"
    assert list(output.parent.iterdir()) == []


@pytest.mark.parametrize("name", ["n" * 250, "日" * 82])
def test_an_output_name_near_the_system_limit_is_written(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name the system takes (255 bytes) whose temp file's name, the name and 14 more
    characters, it did not: 'cannot write file: File name too long'."""
    deck = _deck(tmp_path / "src", "b")
    output = tmp_path / "out" / f"{name}.csv"
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(output)
    )
    assert status == 0, err
    assert [path.name for path in output.parent.iterdir()] == [output.name]


def test_images_whose_names_anki_makes_one_stay_apart_in_anki(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anki keeps a media file under a name of its own making (NFC, without `?` and
    other marks, at most 120 bytes): `a?b.png` and `ab.png` were both `ab.png` there, one
    picture for both notes, and so were an accent composed and not, and two long names
    alike in their first 120 bytes."""
    names = [
        "a?b.png",
        "ab.png",
        "e\u0301.png",
        "\u00e9.png",
        "l" * 200 + "1.png",
        "l" * 200 + "2.png",
    ]
    _each_image_stays_its_own_in_anki(tmp_path, capsys, names)


def test_images_whose_names_differ_only_in_case_stay_apart_in_anki(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anki's media folder on macOS or Windows ignores case: `A.png` and `a.png` were
    one file there (the one copied last), one picture for both notes."""
    names = ["A.png", "a.png", "Straße.png", "STRASSE.PNG", "Ä.png", "a\u0308.png"]
    in_anki = _each_image_stays_its_own_in_anki(tmp_path, capsys, names)
    assert len({name.casefold() for name in in_anki}) == len(names), in_anki


def test_images_whose_names_hold_characters_anki_does_not_know_stay_apart_in_anki(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anki drops from a media name each character added to Unicode after its tables'
    version 10 (`🥰`, Unicode 11; `🫠`, 14): `🥰.png` and `🫠.png` were both `.png`
    there, one picture for both notes. Such a character is written as its code point;
    one Anki knows (`😀`, Unicode 6.1) is kept as it is."""
    names = ["🥰.png", "🫠.png", "a🥰.png", "a🫠.png", "x😀y.png", "\u0560.png"]
    in_anki = _each_image_stays_its_own_in_anki(tmp_path, capsys, names)
    assert sorted(in_anki) == sorted(
        ["U+1F970.png", "U+1FAE0.png", "aU+1F970.png", "aU+1FAE0.png", "x😀y.png", "U+0560.png"]
    )


def test_the_characters_anki_does_not_know_are_those_it_drops(tmp_path: Path) -> None:
    """Each span of `_UNKNOWN_RANGES` starts and ends with characters real Anki drops
    from a media name (of those Python knows), and the characters Python knows right
    outside it Anki keeps (tests/interchange/anki_unknown_chars.py checks every one)."""
    from anki.collection import Collection
    from anki_unknown_chars import anki_drops

    from quizzer.interchange.anki_media_names import _UNKNOWN_RANGES

    def known(code_points: range) -> str:
        return next(
            (chr(cp) for cp in code_points if unicodedata.category(chr(cp)) not in ("Cn", "Cs")),
            "",
        )

    inside, outside = [], []
    for span in _UNKNOWN_RANGES.split():
        start, _, end = span.partition("-")
        first, last = int(start, 16), int(end or start, 16)
        inside += [known(range(first, last + 1)), known(range(last, first - 1, -1))]
        outside += [known(range(first - 1, 0x7F, -1)), known(range(last + 1, 0x110000))]
    col = Collection(str(tmp_path / "probe.anki2"))
    try:
        assert anki_drops(col, [char for char in inside if char]) == [c for c in inside if c]
        assert anki_drops(col, [char for char in outside if char]) == []
    finally:
        col.close()


def _each_image_stays_its_own_in_anki(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: list[str]
) -> list[str]:
    """Export a deck of a card per image file in `names`, import it into real Anki, and
    check that each note shows its own picture there: the media names in Anki."""
    from anki_build import import_into_anki

    folder = tmp_path / "src"
    folder.mkdir()
    lines = []
    for number, name in enumerate(names):
        (folder / name).write_bytes(PNG + name.encode())
        lines.append(f"  - front: f{number}\n    back: '![x]({name})'\n")
    deck = folder / "d.yaml"
    deck.write_text("title: D\ncards:\n" + "".join(lines), "utf-8")
    package = _export(capsys, tmp_path, deck)
    media = tmp_path / "check-d.media"
    for _, _, fields in import_into_anki(tmp_path, package):
        (src,) = re.findall(r'src="([^"]+)"', fields[1])
        name = names[int(fields[0].removeprefix("f"))]
        assert (media / html.unescape(src)).read_bytes() == PNG + name.encode(), name
    return [path.name for path in media.iterdir()]


ITEMS_WITH_IMAGES = """\
title: D
mental_models:
  - name: Model
    summary: "![s](img/a.png)"
    mapping:
      one: "![m](b.png)"
      two: plain
cards:
  - type: choice
    question: "Which? ![q](img/a.png)"
    answer: "![a](b.png)"
    distractors: ["![d\\\\]](img/a.png)", none]
    explanation: "![e](b.png)"
  - type: true_false
    statement: "![t](b.png) is true"
    answer: true
"""


def test_items_with_images_come_back_a_deck_that_shows_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A choice, true/false or mental model comes back from the item the note carries,
    whose images named the files beside the exported deck (`img/a.png`): the deck
    written was one `quizzer check` refuses (image not found)."""
    folder = tmp_path / "src"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a.png").write_bytes(PNG)
    (folder / "b.png").write_bytes(PNG + b"b")
    deck = folder / "d.yaml"
    deck.write_text(ITEMS_WITH_IMAGES, "utf-8")
    package = _export(capsys, tmp_path, deck)
    status, out, err = run_cli(capsys, "--db", str(tmp_path / "b.db"), "import", str(package),
                               "-o", str(tmp_path / "back"), "--json")  # fmt: skip
    assert status == 0, err
    assert json.loads(out)["warnings"] == []
    back = tmp_path / "back" / "d.yaml"
    assert run_cli(capsys, "check", str(back))[0] == 0
    loaded = load_deck(back)
    assert not isinstance(loaded, list)
    (model,) = loaded.deck.mental_models
    assert model.summary == "![s](d.media/a.png)"
    assert model.mapping == {"one": "![m](d.media/b.png)", "two": "plain"}
    choice, verdict = loaded.deck.cards
    assert isinstance(choice, ChoiceItem) and isinstance(verdict, TrueFalseItem)
    assert choice.question == "Which? ![q](d.media/a.png)"
    assert (choice.answer, choice.explanation) == ("![a](d.media/b.png)", "![e](d.media/b.png)")
    assert choice.distractors == ["![d\\]](d.media/a.png)", "none"]
    assert verdict.statement == "![t](d.media/b.png) is true"
    source = load_deck(deck)
    assert not isinstance(source, list)
    assert [card.id for card in loaded.cards] == [card.id for card in source.cards]
