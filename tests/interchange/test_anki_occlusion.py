"""An Image Occlusion note (shapes drawn over an image, one Anki card per cloze number
of its shapes) comes in as one card item per Anki card, its front and back images drawn
as Anki's review draws them: the card's shapes filled #ff8e8e on the question and
outlined on the answer, the note's other shapes hidden (#ffeba2) where `oi=1` says so
and left open where not. Each card keeps its history; it used to be left out.

Built with the real Anki (its own Image Occlusion note type) and checked pixel by
pixel: a colour at the middle of each shape of the image drawn for each card."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from anki_build import answer_card, export_apkg, import_into_anki
from conftest import imported, run_cli

from quizzer.interchange.identity import key_for_guid
from quizzer.interchange.occlusion_draw import ACTIVE, HIGHLIGHT, INACTIVE
from quizzer.store import Store

W, H = 400, 300
GREEN = (0, 160, 0)
SHAPES = (  # c1 is two rectangles (a group); c3 is hidden on its own card only
    "{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2:oi=1}}<br>"
    "{{c1::image-occlusion:rect:left=.1:top=.6:width=.2:height=.2:oi=1}}<br>"
    "{{c2::image-occlusion:ellipse:left=.5:top=.1:rx=.1:ry=.1:oi=1}}<br>"
    "{{c3::image-occlusion:polygon:points=.6,.6 .9,.6 .75,.9}}<br>"
    "{{c3::image-occlusion:text:left=.5:top=.45:text=Label: here:fs=.05}}"
)
MIDDLES = {"c1": (80, 60), "c1b": (80, 210), "c2": (240, 60), "c3": (300, 230)}
"""A point inside each shape, in pixels."""
PIXELS = "{{c1::image-occlusion:rect:left=40:top=30:width=80:height=60}}"
"""Anki 23.10's shapes: in pixels."""


def _image(path: Path, kind: str) -> Path:
    from PIL import Image

    Image.new("RGB", (W, H), GREEN).save(path, kind)
    return path


@pytest.fixture(scope="module")
def anki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The packages (modern, legacy) of an Image Occlusion deck: a PNG note of SHAPES
    (its c2 answered twice in Anki, its c3 suspended), a JPEG one of PIXELS, and one
    whose image is not there at all."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("occlusion")
    col = Collection(str(folder / "collection.anki2"))
    try:
        col.add_image_occlusion_notetype()
        kind = col.models.by_name("Image Occlusion")
        deck = col.decks.id("Anatomy")
        col.decks.select(deck)
        png, jpg = _image(folder / "arm.png", "PNG"), _image(folder / "leg.jpg", "JPEG")
        col.add_image_occlusion_note(kind["id"], str(png), SHAPES, "The arm", "Extra!", ["io"])
        col.add_image_occlusion_note(kind["id"], str(jpg), PIXELS, "", "", [])
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        for note in notes:
            col.set_deck([card.id for card in note.cards()], deck)
        first = next(note for note in notes if "arm" in note["Image"])
        cards = sorted(first.cards(), key=lambda card: card.ord)
        answer_card(col, cards[1].id, [CardAnswer.AGAIN, CardAnswer.GOOD])
        col.sched.suspend_cards([cards[2].id])
        packages = {
            flavour: export_apkg(col, folder / f"{flavour}.apkg", media=True,
                                 legacy=flavour == "legacy")
            for flavour in ("modern", "legacy")
        }  # fmt: skip
        return {"packages": packages, "arm": first.guid}
    finally:
        col.close()


def _colour(path: Path, at: tuple[int, int]) -> tuple[int, ...]:
    from PIL import Image

    with Image.open(path) as image:
        return tuple(image.convert("RGB").getpixel(at))  # type: ignore[arg-type]


def _hex(colour: str) -> tuple[int, ...]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_each_card_shows_its_shapes_as_anki_draws_them(
    anki: dict, flavour: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, anki["packages"][flavour])
    decks = tmp_path / "decks"
    items = {i["id"]: i for i in yaml.safe_load((decks / "anatomy.yaml").read_text())["cards"]}
    key = key_for_guid(anki["arm"])
    assert sorted(items) == sorted([key, f"{key}-2", f"{key}-3", *(k for k in items if
                                    k.startswith("anki-") and not k.startswith(key))])  # fmt: skip
    assert len(items) == 4  # 3 of the arm, 1 of the leg
    one = items[key]
    assert one["tags"] == ["io"]
    assert one["front"].startswith("The arm\n\n![what the red shape hides](anatomy.media/")
    assert one["back"].endswith(")\n\nExtra!")

    def drawn(item: dict, side: str) -> Path:
        return decks / item[side].split("](")[1].split(")")[0]

    red, yellow, open_ = _hex(ACTIVE), _hex(INACTIVE), GREEN
    expected = {  # card -> side -> shape -> colour at its middle
        key: {"front": {"c1": red, "c1b": red, "c2": yellow, "c3": open_},
              "back": {"c1": open_, "c1b": open_, "c2": yellow, "c3": open_}},
        f"{key}-2": {"front": {"c1": yellow, "c1b": yellow, "c2": red, "c3": open_},
                     "back": {"c1": yellow, "c1b": yellow, "c2": open_, "c3": open_}},
        f"{key}-3": {"front": {"c1": yellow, "c1b": yellow, "c2": yellow, "c3": red},
                     "back": {"c1": yellow, "c1b": yellow, "c2": yellow, "c3": open_}},
    }  # fmt: skip
    for card, sides in expected.items():
        for side, colours in sides.items():
            seen = {shape: _colour(drawn(items[card], side), MIDDLES[shape]) for shape in colours}
            assert seen == colours, (card, side)
    assert _colour(drawn(one, "back"), (40, 50)) == _hex(HIGHLIGHT)  # the open shape's edge
    (leg,) = [item for name, item in items.items() if not name.startswith(key)]
    assert drawn(leg, "front").suffix == ".jpg"  # a JPEG's drawings are JPEGs
    near = _colour(drawn(leg, "front"), (80, 60))  # Anki 23.10's pixels, not fractions
    assert max(abs(a - b) for a, b in zip(near, red, strict=True)) < 12
    assert report["decks"][0]["cards"] == 3 and report["decks"][0]["retired"] == 1
    assert not [w for w in report["warnings"] if "Occlusion" in w or "left out" in w]
    with Store.open(tmp_path / "q.db") as store:  # c2's answers came with its card
        assert [a.grade for a in store.history(f"anatomy/cards/{key}-2")] == [1, 4]


def test_importing_again_changes_nothing_and_the_export_keeps_every_card(
    anki: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = anki["packages"]["modern"]
    imported(capsys, tmp_path, package)
    media = tmp_path / "decks" / "anatomy.media"
    before = {path.name: path.read_bytes() for path in media.iterdir()}
    drawn = {path.name: path.stat().st_ino for path in media.glob("occlusion-*")}
    again = imported(capsys, tmp_path, package)
    assert {path.name: path.read_bytes() for path in media.iterdir()} == before
    assert again["answers_added"] == 0
    # each drawing linked from the folder, not drawn again: the same file
    assert {path.name: path.stat().st_ino for path in media.glob("occlusion-*")} == drawn
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(tmp_path / "decks" /
        "anatomy.yaml"), "-o", str(tmp_path / "out.apkg"),
    )  # fmt: skip
    assert status == 0, err
    notes = import_into_anki(tmp_path, tmp_path / "out.apkg")
    assert len(notes) == 4
    assert all("<img src=" in fields[0] for _, _, fields in notes)


NO_SHAPE = "no shape to hide that can be read"
CUT = "a PNG cut short"
BOMB = "a decompression bomb"


@pytest.mark.parametrize(
    ("shapes", "image", "why"),
    [
        ("{{c1::image-occlusion:rect:left=x:top=.1:width=.2:height=.2}}", None, NO_SHAPE),
        ("{{c1::image-occlusion:polygon:points=.1,.1 .2,.2}}", None, NO_SHAPE),  # 2 points
        ("{{c1::image-occlusion:star:left=.1:top=.1}}", None, NO_SHAPE),  # not Anki's
        ("{{c1::image-occlusion:text:left=.1:top=.1:text=only a label}}", None, NO_SHAPE),
        (PIXELS, '<img src="">', "no image in the note"),
        (PIXELS, "a picture, once", "no image in the note"),
        (PIXELS, '<img src="gone.png">', "their image is not in the package"),
        (PIXELS, CUT, "their image cannot be read"),  # its header whole, its pixels not
        (PIXELS, BOMB, "their image cannot be read"),  # 12 KB, 100 million pixels
    ],
)
def test_a_note_that_cannot_be_drawn_is_left_out_with_a_warning(
    shapes: str, image: str | None, why: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.add_image_occlusion_notetype()
        kind = col.models.by_name("Image Occlusion")
        png = _image(tmp_path / "x.png", "PNG")
        if image == CUT:
            png.write_bytes(png.read_bytes()[:60])
        elif image == BOMB:  # over Pillow's limit, which warns (and doubled, raises)
            from PIL import Image

            Image.new("1", (10_000, 10_000)).save(png, "PNG")
        col.add_image_occlusion_note(kind["id"], str(png), shapes, "", "", [])
        if image not in (None, CUT, BOMB):  # the note's Image field, edited
            note = col.get_note(col.find_notes("")[0])
            note["Image"] = image
            col.update_note(note)
        basic = col.new_note(col.models.by_name("Basic"))
        basic["Front"], basic["Back"] = "kept", "yes"
        col.add_note(basic, 1)
        package = export_apkg(col, tmp_path / "p.apkg", media=True)
    finally:
        col.close()
    report = imported(capsys, tmp_path, package)
    assert [d["cards"] for d in report["decks"]] == [1]
    assert report["warnings"] == [f"1 Image Occlusion note(s) left out: {why}"]
    assert list((tmp_path / "decks").glob("*.media/*")) == []  # its image not copied


def test_what_is_transparent_in_the_image_is_drawn_white(tmp_path: Path) -> None:
    from PIL import Image

    from quizzer.interchange.anki_occlusion import shapes_of
    from quizzer.interchange.occlusion_draw import Drawing, draw

    Image.new("RGBA", (W, H), (0, 0, 0, 0)).save(tmp_path / "clear.png")
    shapes = tuple(shapes_of(SHAPES))
    draw(tmp_path, [Drawing("clear.png", "q.png", shapes, 1, answer=False)], tmp_path / "none")
    assert _colour(tmp_path / "q.png", (5, 5)) == (255, 255, 255)
    assert _colour(tmp_path / "q.png", MIDDLES["c1"]) == _hex(ACTIVE)
