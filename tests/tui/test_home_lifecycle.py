"""Home and the deck lifecycle: only the decks of the folders in use are listed, a deck
whose file is gone is dimmed with what to do, and a reload names the `id:` line that
keeps a reworded term's history."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp
from textual.widgets import DataTable
from tui_helpers import screen_text, settle

from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.tui.screens.home import HomeScreen

OTHER_DECK = "id: elsewhere\ntitle: Elsewhere\nterms:\n  - term: a\n    definition: b\n"
GONE_DECK = "id: gone\ntitle: Gone deck\nterms:\n  - term: a\n    definition: b\n"


async def test_home_lists_only_the_decks_of_its_folders(
    make_app: MakeApp, store: Store, workdir: Path
) -> None:
    other = workdir / "other"
    other.mkdir()
    (other / "elsewhere.yaml").write_text(OTHER_DECK, encoding="utf-8")
    sync_decks(store, [other])  # reviewed once by file name: stored, not in the folders
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert [row.value for row in table.rows] == ["tiny"]
        assert "Elsewhere" not in screen_text(app)


async def test_a_deck_whose_file_is_gone_is_dimmed_with_a_hint_and_not_opened(
    make_app: MakeApp, store: Store, workdir: Path
) -> None:
    gone = workdir / "decks" / "gone.yaml"
    gone.write_text(GONE_DECK, encoding="utf-8")
    sync_decks(store, [Path("decks")])
    gone.unlink()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert [row.value for row in table.rows] == ["gone", "tiny"]
        title, new, *_, progress, last = table.get_row("gone")
        assert str(title) == "Gone deck" and title.style == "dim"
        assert (str(new), str(progress), last) == ("-", "file missing", "")
        text = screen_text(app)
        assert "quizzer decks remove gone" in text
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)  # nothing to review: the hint instead
        assert any("Deck file missing" in n.title for n in app._notifications)


async def test_a_reload_names_the_id_line_that_keeps_a_reworded_terms_history(
    make_app: MakeApp, store: Store, workdir: Path, clock: object
) -> None:
    sync_decks(store, [Path("decks")])
    card = "tiny/terms/parameter"
    store.record_answer(
        card, 4, response_ms=900, kind="scheduled", reviewed_at=clock(),  # type: ignore[operator]
        study_day=clock().date(),  # type: ignore[operator]
    )  # fmt: skip
    path = workdir / "decks" / "tiny.yaml"
    path.write_text(
        path.read_text().replace("term: Parameter", "term: Model parameter"), encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "History left behind:" in text
        assert "add the line `id: parameter` to the item" in text
