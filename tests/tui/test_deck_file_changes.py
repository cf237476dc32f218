"""A deck file rewritten while its review is open (an import of a newer export renames a
new file over it; an author saves it in another window): the review reloads it within a
second or two and shows the new text, as after `e`; a broken file is said once, and the
deck the session had stays. An edit through `e` reloads once, not again for the watch."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import MakeApp
from tui_helpers import screen_text, settle

from quizzer.store import Store
from quizzer.tui.screens.review import ReviewScreen

PARAMETER = "tiny/terms/parameter"
WAIT_S = 10.0  # a bound on a hang, not a speed test: the check runs every second


def _rewrite(path: Path, old: str, new: str) -> None:
    """As an import writes a deck: a new file renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    fresh = path.with_name(f".{path.name}.new")
    fresh.write_text(text.replace(old, new), encoding="utf-8")
    os.replace(fresh, path)


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
    import quizzer.library

    syncs: list[object] = []
    sync = quizzer.library.sync_decks

    def counted(*args: Any, **kwargs: Any) -> Any:
        syncs.append(args)
        return sync(*args, **kwargs)

    editor = workdir / "bin" / "vi"
    editor.parent.mkdir()
    editor.write_text(
        "#!/bin/sh\nexec sed -i 's/definition: A value the/definition: A number the/' \"$2\"\n"
    )
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(quizzer.library, "sync_decks", counted)
        await pilot.press("space", "e")
        await _until(pilot, lambda: "A number the model" in screen_text(app))
        await pilot.pause(2.5)  # two more checks of the file
        await settle(pilot)
    assert len(syncs) == 1
