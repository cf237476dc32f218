"""A deck file rewritten while its review is open (an import of a newer export renames a
new file over it; an author saves it in another window): the review reloads it within a
second or two and shows the new text, as after `e`; a broken file is said once, and the
deck the session had stays. An edit through `e` reloads once, not again for the watch.
On the home screen, a deck an import adds to a deck folder is listed within a second or
two; not while another screen is on top."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import MakeApp
from tui_helpers import screen_text, settle

from quizzer.store import Store
from quizzer.tui.screens.home import HomeScreen
from quizzer.tui.screens.review import ReviewScreen

PARAMETER = "tiny/terms/parameter"
NEW_DECK = "id: spanish\ntitle: Spanish words\nterms:\n  - term: perro\n    definition: dog\n"
WAIT_S = 10.0  # a bound on a hang, not a speed test: the check runs every second


def _rewrite(path: Path, old: str, new: str) -> None:
    """As an import writes a deck: a new file renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    fresh = path.with_name(f".{path.name}.new")
    fresh.write_text(text.replace(old, new), encoding="utf-8")
    os.replace(fresh, path)


def _counting_syncs(patch: pytest.MonkeyPatch) -> list[object]:
    """The deck syncs from now on (each one's arguments), each still run."""
    import quizzer.library

    syncs: list[object] = []
    sync = quizzer.library.sync_decks

    def counted(*args: Any, **kwargs: Any) -> Any:
        syncs.append(args)
        return sync(*args, **kwargs)

    patch.setattr(quizzer.library, "sync_decks", counted)
    return syncs


async def _until(pilot: Any, seen: Any) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while not seen():
        assert loop.time() < deadline, screen_text(pilot.app)
        await pilot.pause(0.1)
        await settle(pilot)


async def test_a_deck_rewritten_on_disk_is_shown_anew(
    make_app: MakeApp, store: Store, deck_dir: Path
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.card is not None and review.card.id == PARAMETER
        await pilot.press("space")
        assert "A value the model" in screen_text(app)
        _rewrite(deck_dir / "tiny.yaml", "definition: A value the", "definition: A number the")
        await _until(pilot, lambda: "A number the model" in screen_text(app))
        assert review.revealed  # the card stays where it was, its back shown
        assert "Deck reloaded." in [n.message for n in app._notifications]
        await pilot.press("5")
        await settle(pilot)
    assert [e.card_id for e in store.answers("tiny")] == [PARAMETER]
    card = store.card(PARAMETER)
    assert card is not None and card.back.startswith("A number the model")


async def test_a_broken_rewrite_is_said_once_and_the_deck_stays(
    make_app: MakeApp, store: Store, deck_dir: Path
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        _rewrite(deck_dir / "tiny.yaml", "definition: A value", "defintion: A value")

        def errors() -> list[str]:
            return [n.message for n in app._notifications if "tiny.yaml" in n.message]

        await _until(pilot, errors)
        await pilot.pause(2.5)  # two more checks of the file: not said again
        await settle(pilot)
        assert len(errors()) == 1, errors()
        await pilot.press("space", "5")
        await settle(pilot)
    assert [e.card_id for e in store.answers("tiny")] == [PARAMETER]
    card = store.card(PARAMETER)
    assert card is not None and card.back.startswith("A value the model")


async def test_an_edit_through_e_is_reloaded_once(
    make_app: MakeApp, store: Store, deck_dir: Path, workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    editor = workdir / "bin" / "vi"
    editor.parent.mkdir()
    editor.write_text(
        "#!/bin/sh\nexec sed -i 's/definition: A value the/definition: A number the/' \"$2\"\n"
    )
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        syncs = _counting_syncs(monkeypatch)
        await pilot.press("space", "e")
        await _until(pilot, lambda: "A number the model" in screen_text(app))
        await pilot.pause(2.5)  # two more checks of the file
        await settle(pilot)
    assert len(syncs) == 1


async def test_a_deck_an_import_adds_is_listed_on_the_home_screen(
    make_app: MakeApp, store: Store, deck_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Spanish words" not in screen_text(app)
        fresh = deck_dir / ".spanish.yaml.new"  # as an import writes it: renamed in
        fresh.write_text(NEW_DECK, encoding="utf-8")
        os.replace(fresh, deck_dir / "spanish.yaml")
        await _until(pilot, lambda: "Spanish words" in screen_text(app))
        assert store.deck_source("spanish") is not None
        # another screen on top: the folders are left alone until it is closed
        with pytest.MonkeyPatch.context() as patch:
            syncs = _counting_syncs(patch)
            await pilot.press("question_mark")  # help
            await settle(pilot)
            (deck_dir / "spanish.yaml").unlink()
            await pilot.pause(2.5)  # two checks of the folder
            await settle(pilot)
            assert syncs == []
            await pilot.press("escape")
            await _until(pilot, lambda: syncs and "file missing" in screen_text(app))
