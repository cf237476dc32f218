"""A sound an Anki import brought (`[sound:name]`, its file in `<deck id>.media/` beside
the deck): `o` plays it in the system's player (a real process standing in for
`xdg-open`), once its side is shown; a sound whose file is not there says so. Before,
the card showed the name and `o` said the card had no image."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MakeApp
from PIL import Image
from tui_helpers import screen_text, wait_for

from quizzer.core.media_names import media_file
from quizzer.store import Store

SOUND_DECK = r"""
id: listening
title: Listening
cards:
  - front: "hello"
    back: '[sound:say\_it.mp3] hello'  # (Markdown's escape read)
  - front: "[sound:gone.mp3] what is said?"
    back: "gone"
"""


@pytest.fixture
def sound_deck(workdir: Path) -> Path:
    folder = workdir / "decks"
    (folder / "listening.yaml").write_text(SOUND_DECK, encoding="utf-8")
    sound = folder / media_file("listening", "say_it.mp3")
    sound.parent.mkdir()
    sound.write_bytes(b"ID3 say it")
    return folder / "listening.yaml"


async def test_o_plays_the_sound_of_a_shown_side(
    make_app: MakeApp,
    store: Store,
    sound_deck: Path,
    viewer: Path,
) -> None:
    app = make_app(("review", str(sound_deck)))
    async with app.run_test(size=(100, 30)) as pilot:
        assert "o play sound" not in screen_text(app)  # (its sound is on the back)
        await pilot.press("o")
        await pilot.pause(0.3)
        assert not viewer.exists()
        await pilot.press("space")
        assert "o play sound" in screen_text(app)
        await pilot.press("o")
        expected = sound_deck.parent.resolve() / "listening.media" / "say_it.mp3"
        assert await wait_for(viewer, pilot) == f"{expected}\n"
        messages = [str(n.message) for n in app._notifications]
        assert "Opened the sound in the system's player." in messages


async def test_a_sound_whose_file_is_not_there_says_so(
    make_app: MakeApp,
    store: Store,
    sound_deck: Path,
    viewer: Path,
) -> None:
    app = make_app(("review", str(sound_deck)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "4")
        assert "o play sound" in screen_text(app)
        await pilot.press("o")
        await pilot.pause(0.3)
        assert not viewer.exists()
        messages = [str(n.message) for n in app._notifications]
        assert any(
            "the sound 'gone.mp3' has no file beside the deck (listening.media/gone.mp3)" in m
            for m in messages
        ), messages


async def test_a_hand_written_decks_sound_is_found_by_its_own_name(
    make_app: MakeApp,
    store: Store,
    workdir: Path,
    viewer: Path,
) -> None:
    """A name with a space, which an import would have written as a plain one: a deck
    written by hand keeps the file under the name its text gives."""
    folder = workdir / "decks"
    deck = folder / "words.yaml"
    deck.write_text("id: words\ntitle: Words\ncards:\n  - front: 'hello [sound:hello world.mp3]'\n"
                    "    back: hi\n", encoding="utf-8")  # fmt: skip
    (folder / "words.media").mkdir()
    (folder / "words.media" / "hello world.mp3").write_bytes(b"ID3")
    app = make_app(("review", str(deck)))
    async with app.run_test(size=(100, 30)) as pilot:
        assert "o play sound" in screen_text(app)
        await pilot.press("o")
        expected = folder.resolve() / "words.media" / "hello world.mp3"
        assert await wait_for(viewer, pilot) == f"{expected}\n"


async def test_o_opens_each_sound_and_image_in_turn(
    make_app: MakeApp,
    store: Store,
    workdir: Path,
    viewer: Path,
) -> None:
    """A sound on each side (a sentence asked, the word's own on the back): each press of
    `o` opens the next, in the order they stand on the card, from the first again once
    the answer is shown. Before, the back's could not be played: `o` opened the first of
    the shown sides only; then it opened the images before the sounds."""
    folder = workdir / "decks"
    deck = folder / "words.yaml"
    deck.write_text("id: words\ntitle: Words\ncards:\n  - front: '[sound:ask.mp3] heard?'\n"
                    "    back: '[sound:word.mp3] ![x](x.png)'\n", encoding="utf-8")  # fmt: skip
    (folder / "words.media").mkdir()
    for name in ("ask.mp3", "word.mp3"):
        (folder / "words.media" / name).write_bytes(b"ID3")
    Image.new("RGB", (4, 4), "blue").save(folder / "x.png")
    app = make_app(("review", str(deck)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "o", "o", "o", "o")
        written = await wait_for(viewer, pilot, lines=4)
        opened = [line.rsplit("/", 1)[-1] for line in written.splitlines()]
        assert opened == ["ask.mp3", "word.mp3", "x.png", "ask.mp3"]
        messages = [str(n.message) for n in app._notifications]
        assert "Opened the sound in the system's player (2 of 3; o again for the next)." in messages
        assert "Opened the image in the image viewer (3 of 3; o again for the next)." in messages
