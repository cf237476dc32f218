"""Images of an Anki package as an unlucky user's notes hold them: file names with
spaces and brackets, a reference percent-encoded, a remote URL, a `data:` URI, a file
the package lacks, and (written by hand) media-list names with folders that clean to
the same name. Every deck written passes `quizzer check` as it is, every image a card
shows is the file the note showed, and no file overwrites another."""

from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from anki_build import export_apkg
from conftest import imported, listed, run_cli

from quizzer.core.images import images
from quizzer.core.loader import load_deck

NAMES = ["my image.png", "paren(1).png", "a&b.png", "üñí.png", "x]y>.png", "_under.png"]
"""Media files added through Anki (which keeps these names, bar `]` and `>`)."""
CRAFTED = {"../up.png": b"up", "sub/x.png": b"sub x", "x.png": b"plain x", ".x.png": b"dot x"}
"""Media-list names Anki would not write, put in the legacy package by hand."""


def _png(name: str) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + name.encode()


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A legacy package of one deck "Media": a note per image, then the crafted media."""
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("media")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Media")

        def add(front: str, back: str) -> None:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)

        for number, name in enumerate(NAMES):
            (folder / name).write_bytes(_png(name))
            stored = col.media.add_file(str(folder / name))
            add(f'<img src="{stored}">', f"file {number}")
        add('<img src="my%20image.png">', "percent-encoded")
        add('<img src="https://example.com/pic.png">', '<img src="data:image/png;base64,AAAA">')
        add('<img src="missing.png">', "not in the package")
        add(" ".join(f'<img src="{name}">' for name in CRAFTED), "crafted")
        plain = folder / "plain.apkg"
        export_apkg(col, plain, scheduling=False, media=True, legacy=True)
    finally:
        col.close()
    return _with_media(plain, folder / "media.apkg", CRAFTED)


def _with_media(source: Path, target: Path, files: dict[str, bytes]) -> Path:
    """`source` with `files` added to its media list under those names."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        listed = json.loads(old.read("media"))
        for info in old.infolist():
            if info.filename != "media":
                new.writestr(info, old.read(info))
        for name, data in files.items():
            member = str(len(listed))
            listed[member] = name
            new.writestr(member, data)
        new.writestr("media", json.dumps(listed))
    return target


def test_every_image_is_the_file_the_note_showed_and_the_deck_passes_check(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, package)
    (deck,) = report["decks"]
    path = Path(deck["path"])
    status, out, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, out + err
    loaded = load_deck(path)
    assert not isinstance(loaded, list)
    shown: dict[str, bytes] = {}
    for card in loaded.cards:
        for ref in images(card.front):
            shown[card.back] = (
                shown.get(card.back, b"") + path.parent.joinpath(ref.target).read_bytes()
            )
    for number, name in enumerate(NAMES):
        assert shown[f"file {number}"] == _png(name)
    assert shown["percent-encoded"] == _png("my image.png")
    (under,) = [c for c in loaded.cards if c.back == f"file {NAMES.index('_under.png')}"]
    assert under.front == "![_under.png](media.media/_under.png)"  # the alt shows as it is
    assert shown["crafted"] == b"".join(CRAFTED.values())  # four files, none overwritten
    media = path.with_name(f"{deck['id']}.media")
    assert all(not p.name.startswith(".") for p in media.iterdir())
    (url_card,) = [c for c in loaded.cards if "example.com" in c.front]
    assert images(url_card.front) == []  # a remote image is kept as text, not fetched
    assert "https://example.com/pic.png" in url_card.front
    assert images(url_card.back) == []
    (missing,) = [c for c in loaded.cards if c.back == "not in the package"]
    assert images(missing.front) == [] and "missing.png" in missing.front
    assert any("missing.png" in w for w in report["warnings"])


def test_reimporting_keeps_the_media_folder_as_it_was(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported(capsys, tmp_path, package)
    folder = tmp_path / "decks"
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    shutil.copy(package, tmp_path / "again.apkg")
    imported(capsys, tmp_path, tmp_path / "again.apkg")
    after = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    deck = next(k for k in before if k.suffix == ".yaml")
    before[deck] = before[deck].replace(b"media.apkg", b"again.apkg")  # the header's name
    assert after == before


@pytest.mark.parametrize("target", ["gone", "elsewhere"])
def test_a_media_folder_that_is_a_link_is_replaced_by_a_folder(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    """`media.media` made a link after an import, to a folder gone or elsewhere: the
    next import puts a folder of the package's files there, leaves what the link named
    as it was, and nothing else (it stopped with `.media.media.<hex>: cannot write: Not
    a directory`, naming its staging folder)."""
    imported(capsys, tmp_path, package)
    folder = tmp_path / "decks"
    files = sorted(p.name for p in (folder / "media.media").iterdir())
    shutil.rmtree(folder / "media.media")
    elsewhere = tmp_path / target
    if target == "elsewhere":
        elsewhere.mkdir()
        (elsewhere / "mine.png").write_bytes(b"mine")
    (folder / "media.media").symlink_to(elsewhere)
    shutil.copy(package, tmp_path / "again.apkg")
    imported(capsys, tmp_path, tmp_path / "again.apkg")
    media = folder / "media.media"
    assert not media.is_symlink() and sorted(p.name for p in media.iterdir()) == files
    assert listed(folder) == ["media.media", "media.yaml"]
    if target == "elsewhere":
        assert [p.name for p in elsewhere.iterdir()] == ["mine.png"]


def test_files_and_folders_written_get_the_users_permissions(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deck file and its media folder are made as any program makes a file (the mode
    the umask leaves), not private to the user, and a deck file whose mode the user set
    keeps it when an import rewrites it."""
    old = os.umask(0o022)
    try:
        (deck,) = imported(capsys, tmp_path, package)["decks"]
        path = Path(deck["path"])
        media = path.with_name(f"{deck['id']}.media")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert stat.S_IMODE(media.stat().st_mode) == 0o755
        assert {stat.S_IMODE(p.stat().st_mode) for p in media.iterdir()} == {0o644}
        path.chmod(0o640)
        imported(capsys, tmp_path, package)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        assert stat.S_IMODE(media.stat().st_mode) == 0o755
    finally:
        os.umask(old)


BIG = b"\x89PNG\r\n\x1a\n" + bytes(21 * 2**20)
"""An image over the 20 MiB a deck may show."""


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(modern, legacy) packages of one note showing BIG, one showing a small image."""
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("big")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Big")
        for name, data in (("big.png", BIG), ("small.png", _png("small"))):
            (folder / name).write_bytes(data)
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = (
                f'<img src="{col.media.add_file(str(folder / name))}">',
                name,
            )
            col.add_note(note, deck)
        paths = []
        for legacy in (False, True):
            path = folder / ("legacy.apkg" if legacy else "modern.apkg")
            export_apkg(col, path, scheduling=False, media=True, legacy=legacy)
            paths.append(path)
    finally:
        col.close()
    return paths[0], paths[1]


@pytest.mark.parametrize("flavour", [0, 1])
def test_an_image_too_large_to_show_is_named_as_text(
    big: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], flavour: int
) -> None:
    report = imported(capsys, tmp_path, big[flavour])
    status, out, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, out + err
    loaded = load_deck(Path(report["decks"][0]["path"]))
    assert not isinstance(loaded, list)
    cards = {card.back: card for card in loaded.cards}
    assert images(cards["big.png"].front) == [] and "big.png" in cards["big.png"].front
    assert len(images(cards["small.png"].front)) == 1
    assert any("over 20 MiB" in w and "big.png" in w for w in report["warnings"])


def _varint(value: int) -> bytes:
    out = b""
    while True:
        low, value = value & 0x7F, value >> 7
        out += bytes([low | (0x80 if value else 0)])
        if not value:
            return out


def _field(number: int, data: bytes | int) -> bytes:
    if isinstance(data, int):
        return _varint(number << 3) + _varint(data)
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def test_a_media_file_larger_than_its_list_says_is_a_damaged_package(
    big: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A modern package whose media list gives the big image as 10 bytes (so its card
    would show it): refused, nothing written."""
    import zstandard

    lying = tmp_path / "lying.apkg"
    with zipfile.ZipFile(big[0]) as old, zipfile.ZipFile(lying, "w") as new:
        listed = zstandard.ZstdDecompressor().stream_reader(old.read("media")).read()
        entries = [_field(1, entry) for number, entry in _entries(listed)]
        names = [_name(entry) for _, entry in _entries(listed)]
        at = names.index("big.png")
        entries[at] = _field(1, _field(1, b"big.png") + _field(2, 10))
        for info in old.infolist():
            if info.filename != "media":
                new.writestr(info, old.read(info))
        new.writestr("media", zstandard.ZstdCompressor().compress(b"".join(entries)))
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(lying), "-o", str(tmp_path / "d")
    )
    assert status == 1, out
    assert err.count("\n") == 1 and "'big.png'" in err and "damaged" in err
    assert not (tmp_path / "d").exists() or list((tmp_path / "d").iterdir()) == []


def _entries(data: bytes) -> list[tuple[int, bytes]]:
    from quizzer.interchange import protowire

    return [(n, e) for n, e in protowire.fields(data) if n == 1 and isinstance(e, bytes)]


def _name(entry: bytes) -> str:
    from quizzer.interchange import protowire

    found = protowire.first(entry, 1)
    assert isinstance(found, bytes)
    return found.decode()


def test_a_media_folder_no_import_wrote_is_never_replaced(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`media.media/` of the user's own, with no deck file of an import beside it: the
    import stops with one line and the folder is kept as it was."""
    own = tmp_path / "decks" / "media.media"
    own.mkdir(parents=True)
    (own / "mine.png").write_bytes(b"mine")
    status, out, err = run_cli(
        capsys,
        "--db",
        str(tmp_path / "q.db"),
        "import",
        str(package),
        "-o",
        str(tmp_path / "decks"),
    )
    assert status == 1, out
    assert err.count("\n") == 1 and str(own) in err
    assert [p.name for p in own.iterdir()] == ["mine.png"]
    assert listed(tmp_path / "decks") == ["media.media"]


def _checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, report: dict[str, Any]
) -> tuple[dict[str, str], dict[str, list[tuple[str, bytes]]]]:
    """The deck the import `report` names, checked by `quizzer check`: each card's back,
    and each card's images (alt text and the bytes of the file it shows), by front."""
    status, out, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, out + err
    path = Path(report["decks"][0]["path"])
    loaded = load_deck(path)
    assert not isinstance(loaded, list)
    backs = {card.front: card.back for card in loaded.cards}
    shown = {
        front: [(ref.alt, path.parent.joinpath(ref.target).read_bytes()) for ref in images(back)]
        for front, back in backs.items()
    }
    return backs, shown


def test_an_image_address_with_a_noncharacter_or_control_character_is_the_file_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A noncharacter (U+FDD0, U+FFFE) or a control character in an image's address,
    written as it is or as a reference, was dropped from it: the card showed another
    file (`a.png` for `a&#xFDD0;.png`), or named a file the note did not. A browser
    requests the address percent-encoded (`a%EF%B7%90.png`), and the package's file of
    that name is the one shown; Anki keeps no file named with a control character, so
    `b&#1;.png` is a file the package lacks (named as text, not `b.png`). A control
    character in the alt text is dropped and counted, as in any text."""
    from anki.collection import Collection

    folder = tmp_path / "build"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Odd")
        for name in ("a.png", "b.png"):
            (folder / name).write_bytes(_png(name))
            col.media.add_file(str(folder / name))
        for front, back in (
            ("reference", '<img src="a&#xFDD0;.png" alt="x&#1;y">'),
            ("decimal", '<img alt="d" src="a&#64976;.png">'),
            ("raw", "<img src='a\ufdd0.png' alt='r'>"),
            ("plane", '<IMG SRC="c&#xFFFE;.png" ALT="p">'),
            ("control", '<img src="b&#1;.png" alt="c">'),
            ("plain", '<img src="a.png" alt="a"><img src="b.png" alt="b">'),
        ):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
        plain = export_apkg(col, folder / "plain.apkg", scheduling=False, media=True, legacy=True)
    finally:
        col.close()
    # Anki refuses to export a media folder holding such a name: another program's may.
    odd = {"a\ufdd0.png": _png("a\ufdd0.png"), "c\ufffe.png": _png("c\ufffe.png")}
    report = imported(capsys, tmp_path, _with_media(plain, tmp_path / "odd.apkg", odd))
    backs, shown = _checked(capsys, tmp_path, report)
    assert shown == {
        "reference": [("xy", _png("a\ufdd0.png"))],
        "decimal": [("d", _png("a\ufdd0.png"))],
        "raw": [("r", _png("a\ufdd0.png"))],
        "plane": [("p", _png("c\ufffe.png"))],
        "control": [],
        "plain": [("a", _png("a.png")), ("b", _png("b.png"))],
    }
    assert backs["control"] == "[image: b%01.png]"
    assert report["warnings"] == [
        "odd.yaml: a control character dropped from the text of 1 note(s) (deck text may "
        "not hold one; first: 'reference', U+0001)",
        "odd.yaml: 1 media file(s) named but not in the package, kept as text (first: 'b%01.png')",
    ]


def test_a_control_character_written_as_it_is_in_an_address_is_the_file_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A control character written as it is (not as `&#1;`) in an image's address was
    dropped as the package was read, with those in text: `b\\x01.png` named `b.png`,
    another file the package may hold, and the note was named as one whose text lost a
    character. A browser requests it percent-encoded (`b%01.png`), as for a reference: the
    file of that very name is shown, or named as missing; a link's address keeps one so
    (Chromium's `a.href`), and one in text is still dropped and named."""
    from anki.collection import Collection

    folder = tmp_path / "build"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Raw")
        (folder / "b.png").write_bytes(_png("b.png"))
        col.media.add_file(str(folder / "b.png"))
        ids = []
        for front in ("found", "missing", "link", "text"):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, "x"
            col.add_note(note, deck)
            ids.append(note.id)
        # Anki's editor strips them: another program writing the collection may not.
        for note_id, fields in zip(
            ids,
            [
                "found\x1f<img src='b\x01.png' alt='f'><img src=b.png alt=b>",
                'missing\x1f<IMG ALT="m" SRC="d\x02\x7f.png">',
                'link\x1f<a href="https://e.org/a\x01b">x</a>',
                "text\x1fa\x01b<img src=b.png alt=t\x03>",
            ],
            strict=True,
        ):
            col.db.execute("UPDATE notes SET flds = ? WHERE id = ?", fields, note_id)
        plain = export_apkg(col, folder / "plain.apkg", scheduling=False, media=True, legacy=True)
    finally:
        col.close()
    odd = {"b\x01.png": _png("b\x01.png")}
    report = imported(capsys, tmp_path, _with_media(plain, tmp_path / "raw.apkg", odd))
    backs, shown = _checked(capsys, tmp_path, report)
    assert shown["found"] == [("f", _png("b\x01.png")), ("b", _png("b.png"))]
    assert shown["text"] == [("t", _png("b.png"))]
    assert backs["missing"] == "[image: d%02%7F.png]"
    assert backs["link"] == "[x](https://e.org/a%01b)"
    assert backs["text"].startswith("ab")
    assert report["warnings"] == [
        "raw.yaml: a control character dropped from the text of 1 note(s) (deck text may "
        "not hold one; first: 'text', U+0001)",
        "raw.yaml: 1 media file(s) named but not in the package, kept as text (first: "
        "'d%02%7F.png')",
    ]
