"""A leech in the review: the lapse that makes a card a leech says so ("leech, failed
2 times: edit it? e") and `e` opens that card's line in $EDITOR even when the next card
is already shown; with `leech_action = "retire"` it leaves the schedule."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NOW, MakeApp
from tui_helpers import settle

from quizzer.core.schedule import QueueSettings
from quizzer.library import resolve_deck
from quizzer.store import Store
from quizzer.tui.screens.review import ReviewScreen

PARAMETER = "tiny/terms/parameter"
MARKUP = "tiny/terms/bold-markup-bold-stays"
RECORDER = "import sys, pathlib\npathlib.Path({out!r}).write_text(' '.join(sys.argv[1:]))\n"


def failed_twice_before(store: Store, deck_dir: Path, card_id: str) -> None:
    """Passed three days ago, failed two days ago (lapse 1), passed yesterday: due today
    (and a second card due today too)."""
    resolve_deck(store, "tiny", [deck_dir])
    for days_ago, grade, card in ((4, 5, card_id), (3, 1, card_id), (2, 5, card_id)):
        at = NOW - timedelta(days=days_ago)
        store.record_answer(card, grade, response_ms=1, kind="scheduled", reviewed_at=at,
                            study_day=at.date())  # fmt: skip
    for days_ago, grade in ((2, 5), (1, 5)):
        at = NOW - timedelta(days=days_ago)
        store.record_answer(MARKUP, grade, response_ms=1, kind="scheduled", reviewed_at=at,
                            study_day=at.date())  # fmt: skip


@pytest.mark.parametrize("action", ["mark", "retire"])
async def test_a_leech_is_marked_and_e_edits_it(
    make_app: MakeApp,
    store: Store,
    deck_dir: Path,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    action: str,
) -> None:
    failed_twice_before(store, deck_dir, PARAMETER)
    out = workdir / "editor-args.txt"
    script = workdir / "recorder.py"
    script.write_text(RECORDER.format(out=str(out)))
    vi = workdir / "bin" / "vi"  # named vi: the `+LINE FILE` convention
    vi.parent.mkdir()
    vi.write_text(f'#!/bin/sh\nexec {sys.executable} {script} "$@"\n')
    vi.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(vi))
    settings = QueueSettings(new_per_day=0, leech_threshold=2, leech_action=action)  # type: ignore[arg-type]
    app = make_app(("review", "tiny"), settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen)
        if review.card is not None and review.card.id == MARKUP:
            await pilot.press("space", "5")
        assert review.card is not None and review.card.id == PARAMETER
        line = review.card.line
        await pilot.press("space", "1")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        retired = " retired from the schedule (history kept). Edit it? e"
        expected = "leech, failed 2 times:" + (retired if action == "retire" else " edit it? e")
        assert expected in messages, messages
        await pilot.press("e")
        await settle(pilot)
        assert out.read_text().split()[0] == f"+{line}"
    assert (PARAMETER in {c.id for c in store.cards("tiny")}) is (action == "mark")
    assert len(store.history(PARAMETER)) >= 4


async def test_the_stats_screen_lists_leeches_opens_edits_and_brings_them_back(
    make_app: MakeApp,
    store: Store,
    deck_dir: Path,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stats_screen_helpers import loaded

    from quizzer.tui.screens.card_detail import CardDetailScreen
    from quizzer.tui.screens.stats import StatsScreen
    from quizzer.tui.widgets.leech_list import LeechList

    failed_twice_before(store, deck_dir, PARAMETER)
    at = NOW - timedelta(days=1)
    store.record_answer(PARAMETER, 0, response_ms=1, kind="scheduled", reviewed_at=at,
                        study_day=at.date())  # fmt: skip
    assert store.retire_leech(PARAMETER)
    out = workdir / "editor-args.txt"
    script = workdir / "recorder.py"
    script.write_text(RECORDER.format(out=str(out)))
    vi = workdir / "bin" / "vi"
    vi.parent.mkdir()
    vi.write_text(f'#!/bin/sh\nexec {sys.executable} {script} "$@"\n')
    vi.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(vi))
    app = make_app(("stats", "tiny"), settings=QueueSettings(leech_threshold=2))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert screen.report is not None and screen.report.leeches == [(PARAMETER, 2)]
        assert screen.report.retired_leeches == {PARAMETER}
        leeches = screen.query_one(LeechList)
        assert leeches.option_count == 1 and "retired" in str(leeches.get_option_at_index(0).prompt)
        await pilot.press("l", "enter")
        assert isinstance(app.screen, CardDetailScreen)
        assert app.screen.overview.card.id == PARAMETER
        await pilot.press("escape")
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("e")
        screen = await loaded(pilot)
        card = store.card(PARAMETER)
        assert card is not None and out.read_text().split()[0] == f"+{card.line}"
        assert PARAMETER not in {c.id for c in store.cards("tiny")}  # the reread keeps it out
        await pilot.press("l", "b")
        screen = await loaded(pilot)
        assert PARAMETER in {c.id for c in store.cards("tiny")}
        assert screen.report is not None and screen.report.retired_leeches == frozenset()
        assert "retired" not in str(screen.query_one(LeechList).get_option_at_index(0).prompt)


async def test_a_card_out_of_the_schedule_below_the_threshold_is_listed_and_comes_back(
    make_app: MakeApp, store: Store, deck_dir: Path
) -> None:
    """A card suspended in Anki comes in out of the schedule as a leech with no lapse
    (interchange/anki_import.py): the leech list shows it as a retired leech, and `b`
    brings it back."""
    from stats_screen_helpers import loaded

    from quizzer.tui.widgets.leech_list import LeechList

    resolve_deck(store, "tiny", [deck_dir])
    assert store.retire_leech(PARAMETER)
    app = make_app(("stats", "tiny"), settings=QueueSettings(leech_threshold=2))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        assert screen.report is not None and screen.report.leeches == []
        leeches = screen.query_one(LeechList)
        assert leeches.option_count == 1
        line = str(leeches.get_option_at_index(0).prompt)
        assert "0 lapses" in line and "retired" in line
        note = str(screen.query_one("#leech-note").render())
        assert note.startswith("No card failed 2 times or more; 1 card out of the schedule")
        await pilot.press("l", "b")
        screen = await loaded(pilot)
        assert PARAMETER in {c.id for c in store.cards("tiny")}
        assert screen.query_one(LeechList).option_count == 0
