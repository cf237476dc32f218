"""Review screen: real keys in a real app on a tmp database, checked on screen and in
the database (and, once, against `quizzer stats` in a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import FixedClock, MakeApp
from textual.widgets import Markdown
from tui_helpers import screen_text, settle

from quizzer.store import Store
from quizzer.tui.screens.home import HomeScreen
from quizzer.tui.screens.review import ReviewScreen
from quizzer.tui.screens.summary import SummaryScreen

# The tiny deck's queue, in deck order (terms, confusions, cards).
PARAMETER = "tiny/terms/parameter"
MARKUP = "tiny/terms/bold-markup-bold-stays"


def _review(app: object) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)  # type: ignore[attr-defined]
    return app.screen  # type: ignore[attr-defined]


def _front(app: object) -> str:
    screen = _review(app)
    return screen.card.front if screen.card else ""


async def test_whole_session_is_saved_and_stats_agree(
    make_app: MakeApp, store: Store, db_path: Path, deck_dir: Path
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        review = _review(app)
        assert review.card is not None and review.card.id == PARAMETER
        assert "What does this term mean?" in screen_text(app)
        assert not review.revealed
        await pilot.press("space")
        assert review.revealed
        assert "learns from data" in screen_text(app)
        assert "perfect response" in screen_text(app)  # grade meanings on screen
        await pilot.press("5")
        assert review.card is not None and review.card.id == MARKUP
        await pilot.press("enter", "2")  # graded below 4: comes back as a re-drill
        assert review.session is not None and review.session.redrill_pending == 1
        assert "re-drill 1" in screen_text(app)
        assert "2/9" in screen_text(app)  # 2 answers given; 6 cards and 1 re-drill to go
        await pilot.press("space", "4")
        assert [e.grade for e in store.answers("tiny")] == [5, 2, 4]
        await pilot.press("u")
        assert [e.grade for e in store.answers("tiny")] == [5, 2]
        assert not review.revealed
        await pilot.press("u")  # across cards
        assert [e.grade for e in store.answers("tiny")] == [5]
        assert review.card is not None and review.card.id == MARKUP
        await pilot.press("space", "3")
        assert "1/8" not in screen_text(app)
        await pilot.press("q")
    assert app.return_code == 0
    answers = store.answers("tiny")
    assert [(e.card_id, e.grade, e.kind) for e in answers] == [
        (PARAMETER, 5, "scheduled"),
        (MARKUP, 3, "scheduled"),
    ]
    state = store.card_state(PARAMETER)
    assert state is not None and state.due is not None and state.due.isoformat() == "2026-03-03"

    command = [sys.executable, "-m", "quizzer", "stats", "--json", "--db", str(db_path)]
    command += ["--decks", str(deck_dir), "tiny"]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    (deck,) = json.loads(out.stdout)["decks"]
    assert deck["id"] == "tiny"
    assert deck["cards"] == 8
    assert deck["reviews_total"] == 2
    assert deck["new"] == 6
    assert deck["next_due"] == "2026-03-03"


async def test_card_text_is_literal_and_escape_sequences_never_drawn(make_app: MakeApp) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "5")
        assert _review(app).card is not None
        text = screen_text(app)
        assert "[bold]Markup[/bold] stays" in text
        assert "Tiny [bold]deck[/bold]" in text
        await pilot.press("space")
        text = screen_text(app)
        assert "Shown literally: [red]not red[/red]" in text
        # What was left of escape sequences once the TUI dropped their control
        # characters; a deck cannot hold those now (test_hostile_text draws them).
        assert "[2J[31mno escape bell." in text
        assert "\x1b" not in text and "\x07" not in text
        back = app.screen.query_one("#back", Markdown)
        assert back.source == "Shown literally: [red]not red[/red] and [2J[31mno escape bell."


async def test_markdown_code_blocks_lists_and_cloze_gaps(make_app: MakeApp) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):  # two terms and the confusion
            await pilot.press("space", "5")
        text = screen_text(app)
        assert "print(1 + 1)" in text and "```" not in text
        await pilot.press("space")
        text = screen_text(app)
        assert "• print writes it" in text and "*two*" not in text
        await pilot.press("5")
        assert "Parameters are [...] from data." in screen_text(app)
        await pilot.press("space", "5")
        assert "Hyperparameters are [when?] first." in screen_text(app)


async def _to_choice_card(pilot: object, app: object) -> None:
    for _ in range(6):
        await pilot.press("space", "5")  # type: ignore[attr-defined]
    assert _review(app).card is not None and _review(app).card.kind == "choice"  # type: ignore[union-attr]


async def test_choice_pick_wrong_suggests_1_and_enter_confirms(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _to_choice_card(pilot, app)
        review = _review(app)
        assert sorted(review.options) == ["A learned bias", "A network weight", "Learning rate"]
        text = screen_text(app)
        for number, option in enumerate(review.options, start=1):
            assert f" {number}  {option}" in text
        wrong = next(i for i, o in enumerate(review.options) if o != "Learning rate")
        await pilot.press(str(wrong + 1))
        assert review.revealed and review.suggested == 1
        assert "✗ your answer" in screen_text(app) and "✓ right answer" in screen_text(app)
        assert "Enter grades 1" in screen_text(app)
        await pilot.press("enter")
        assert store.answers("tiny")[-1].grade == 1
        assert review.card is not None and review.card.kind == "true_false"


async def test_choice_pick_right_suggests_4_and_a_digit_overrides(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _to_choice_card(pilot, app)
        review = _review(app)
        await pilot.press(str(review.options.index("Learning rate") + 1))
        assert review.suggested == 4
        await pilot.press("5")
        assert store.answers("tiny")[-1].grade == 5


async def test_true_false_with_t_and_f(make_app: MakeApp, store: Store) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(7):
            await pilot.press("space", "5")
        review = _review(app)
        assert review.card is not None and review.card.kind == "true_false"
        await pilot.press("f")
        assert review.revealed and review.suggested == 1
        await pilot.press("u")  # nothing graded yet on this card: undoes the previous one
        assert review.card is not None and review.card.kind == "choice"
        await pilot.press("space", "4", "t")
        assert review.suggested == 4
        await pilot.press("enter")
    assert [e.grade for e in store.answers("tiny")][-2:] == [4, 4]


async def test_digits_before_the_reveal_do_not_grade(make_app: MakeApp, store: Store) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "3")
        assert store.answers("tiny") == []
        assert not _review(app).revealed


async def test_practice_mode_is_marked_and_leaves_the_schedule(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        review = _review(app)
        assert review.has_class("-practice")
        assert "PRACTICE" in screen_text(app)
        await pilot.press("space", "5")
        await pilot.press("p")
        assert not review.has_class("-practice")
        assert "PRACTICE" not in screen_text(app)
    (entry,) = store.answers("tiny")
    assert entry.kind == "practice" and entry.card_id == PARAMETER
    state = store.card_state(PARAMETER)
    assert state is not None and state.due is None  # still new


async def test_queue_empties_into_the_summary_then_home(make_app: MakeApp, store: Store) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "2")  # comes back later as a re-drill
        review = _review(app)
        assert review.session is not None
        seen_redrill = False
        for _ in range(8):
            if review.session.is_redrill:
                seen_redrill = True
                assert review.card is not None and review.card.id == PARAMETER
                assert "term · re-drill" in screen_text(app)
                await pilot.press("space", "4")
            else:
                await pilot.press("space", "5")
        assert seen_redrill
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.summary
        assert summary.reviewed == 8 and summary.redrills == 1
        assert summary.grades[5] == 7 and summary.grades[2] == 1 and summary.grades[4] == 1
        text = screen_text(app)
        assert "Cards reviewed   8" in text and "Re-drills        1" in text
        assert "due tomorrow        8" in text
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
    assert len(store.answers("tiny")) == 9


async def test_nothing_due_says_when_and_offers_practice(make_app: MakeApp, store: Store) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(8):
            await pilot.press("space", "5")
        assert isinstance(app.screen, SummaryScreen)
    again = make_app(("review", "tiny"))
    async with again.run_test(size=(100, 30)) as pilot:
        review = _review(again)
        assert review.card is None
        text = screen_text(again)
        assert "Nothing is due now." in text
        assert "The next card is due tomorrow (2026-03-03)." in text
        assert "Press p to practise" in text
        await pilot.press("space", "5")  # nothing happens
        assert len(store.answers("tiny")) == 8
        await pilot.press("p")
        assert review.card is not None and review.has_class("-practice")
        await pilot.press("p")  # stays on: these cards are not due
        assert review.has_class("-practice") and review.session is not None
        assert review.session.practice
        await pilot.press("space", "1")
    assert store.answers("tiny")[-1].kind == "practice"


async def test_escape_ends_the_session_with_a_summary(make_app: MakeApp) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "4", "escape")
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.reviewed == 1
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
@pytest.mark.parametrize("where", ["review", "revealed", "summary", "help"])
async def test_q_quits_from_anywhere(make_app: MakeApp, where: str, key: str) -> None:
    app = make_app(("review", "tiny"))
    keys = {"review": [], "revealed": ["space"], "summary": ["escape"], "help": ["?"]}[where]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*keys)
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_c_quits_like_any_terminal_program(make_app: MakeApp, store: Store) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "4", "ctrl+c")
        await pilot.pause()
        assert not app.is_running
    app.close_saves()
    assert app.failure is None and len(store.answers("tiny")) == 1


async def test_review_in_a_60x20_terminal(make_app: MakeApp, store: Store) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(60, 20)) as pilot:
        assert "Parameter" in screen_text(app)
        await pilot.press("space")
        text = screen_text(app)
        assert "learns" in text and "0 blackout" in text and "5 perfect" in text
        await pilot.press("4")
        for _ in range(5):
            await pilot.press("space", "5")
        review = _review(app)
        assert review.card is not None and review.card.kind == "choice"
        await pilot.press("1", "enter")
    assert len(store.answers("tiny")) == 7


@pytest.mark.parametrize("size", [(40, 12), (60, 20)], ids=["40x12", "60x20"])
async def test_a_revealed_answer_is_on_screen_in_a_small_terminal(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    """However small the terminal, revealing a card shows its answer: the card scrolls to
    it, and under 16 rows the status line and the grade legend make room (the hint line
    still says 0-5)."""
    app = make_app(("review", "tiny"))
    async with app.run_test(size=size) as pilot:
        for _ in range(6):
            review = _review(app)
            assert review.card is not None
            await pilot.press("space")
            await pilot.pause()
            box = review.query_one("#card")
            label, back = review.query_one("#answer-label"), review.query_one("#back")
            assert box.region.contains_region(label.region), review.card.kind
            assert box.region.y <= back.region.y < box.region.bottom
            first_words = " ".join(review.card.back.split()[:2]).strip("`*")
            assert "Answer" in screen_text(app)
            assert "Press 0-5" in screen_text(app) or "Enter grades" in screen_text(app)
            if review.card.kind == "term":
                assert first_words in screen_text(app)
            await pilot.press("5")
            await pilot.pause()


EDIT_SCRIPT = """
import sys, pathlib
args = sys.argv[1:]
assert args[0] == "+{line}", args
path = pathlib.Path(args[1])
text = path.read_text()
path.write_text(text.replace({old!r}, {new!r}))
"""


def _editor(tmp: Path, line: int, old: str, new: str) -> str:
    script = tmp / "fake_editor.py"
    script.write_text(EDIT_SCRIPT.format(line=line, old=old, new=new))
    # The command is named "vi" so that the `+LINE FILE` convention is used.
    vi = tmp / "bin" / "vi"
    vi.parent.mkdir(exist_ok=True)
    vi.write_text(f'#!/bin/sh\nexec {sys.executable} {script} "$@"\n')
    vi.chmod(0o755)
    return str(vi)


async def test_edit_opens_the_editor_at_the_line_and_reloads(
    make_app: MakeApp, store: Store, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "3")  # history of the first card
        review = _review(app)
        assert review.card is not None and review.card.id == MARKUP
        line = review.card.line
        assert line is not None
        editor = _editor(workdir, line, "not red", "still not red")
        monkeypatch.setenv("VISUAL", editor)
        await pilot.press("space", "e")
        await settle(pilot)  # the deck is reloaded in a worker
        assert "still not red" in screen_text(app)
        assert review.revealed
        await pilot.press("4")
    assert "still not red" in (workdir / "decks" / "tiny.yaml").read_text()
    assert [e.grade for e in store.answers("tiny")] == [3, 4]
    card = store.card(MARKUP)
    assert card is not None and "still not red" in card.back


async def test_the_deck_is_reloaded_after_an_edit_off_the_ui_thread(
    make_app: MakeApp, store: Store, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor runs with the terminal handed over; the sync after it, in a worker.
    Until the worker has reported, the screen answers keys but takes no grade."""
    import quizzer.library

    threads: list[threading.Thread] = []
    release = threading.Event()
    sync = quizzer.library.sync_decks

    def slow(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        release.wait(5)
        return sync(*args, **kwargs)

    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        review = _review(app)
        assert review.card is not None and review.card.line is not None
        editor = _editor(workdir, review.card.line, "A value the", "A number the")
        monkeypatch.setenv("VISUAL", editor)
        monkeypatch.setattr(quizzer.library, "sync_decks", slow)
        await pilot.press("space", "e")
        await pilot.press("5")  # the reload has not reported: not graded
        assert store.answers("tiny") == []
        release.set()
        await settle(pilot)
        assert "A number the model" in screen_text(app)
        await pilot.press("5")
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    assert [e.grade for e in store.answers("tiny")] == [5]


async def test_edit_that_breaks_the_deck_shows_the_error_and_keeps_it(
    make_app: MakeApp, store: Store, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        review = _review(app)
        assert review.card is not None and review.card.line is not None
        editor = _editor(workdir, review.card.line, "definition: A value", "defintion: A value")
        monkeypatch.setenv("VISUAL", editor)
        await pilot.press("e")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("definition" in m and "tiny.yaml" in m for m in messages), messages
        await pilot.press("space", "5")
    assert [e.card_id for e in store.answers("tiny")] == [PARAMETER]
    card = store.card(PARAMETER)
    assert card is not None and card.back.startswith("A value the model")


@pytest.mark.parametrize(
    ("editor", "shown"),
    [
        (
            'vi "unclosed',
            '$VISUAL is not a valid command line (No closing quotation): vi "unclosed',
        ),
        ("[bold]no-such-editor[/]", "Cannot run [bold]no-such-editor[/]: No such file"),
        ("[/]", "Cannot run [/]: No such file"),
    ],
)
async def test_an_editor_setting_that_cannot_run_is_one_literal_message(
    make_app: MakeApp, store: Store, monkeypatch: pytest.MonkeyPatch, editor: str, shown: str
) -> None:
    monkeypatch.setenv("VISUAL", editor)
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        messages = [(n.message, n.markup) for n in app._notifications]
        assert any(m.startswith(shown) and markup is False for m, markup in messages), messages
        await pilot.press("space", "5")
    assert [e.grade for e in store.answers("tiny")] == [5]


async def test_u_on_the_summary_goes_back_and_undoes_the_last_grade(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(8):
            await pilot.press("space", "5")
        assert isinstance(app.screen, SummaryScreen)
        assert "Undo last grade" in screen_text(app)
        await pilot.press("u")
        review = _review(app)
        assert review.card is not None and review.card.kind == "true_false"
        assert len(store.answers("tiny")) == 7
        await pilot.press("t", "3")  # graded below 4: a re-drill follows
        assert review.card is not None and review.session is not None
        assert review.session.is_redrill
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
    assert [e.grade for e in store.answers("tiny")][-1] == 3


async def test_summary_of_an_empty_session_offers_no_undo(make_app: MakeApp) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)
        assert "Undo last grade" not in screen_text(app)
        await pilot.press("u")
        assert isinstance(app.screen, SummaryScreen)


async def test_time_on_another_screen_is_not_response_time(
    make_app: MakeApp, store: Store, clock: FixedClock
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        clock.advance(seconds=3)
        await pilot.press("question_mark")  # help covers the review for a minute
        clock.advance(seconds=60)
        await pilot.press("escape")
        clock.advance(seconds=2)
        await pilot.press("space", "5")
    (entry,) = store.answers("tiny")
    assert entry.response_ms == 5000


async def test_choice_options_move_each_time_the_card_is_shown(
    make_app: MakeApp, store: Store
) -> None:
    """A learner must not learn an answer's position: a re-drilled choice card shows its
    options in a new order, and undo brings back the order of the showing it undoes."""
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _to_choice_card(pilot, app)
        review = _review(app)
        orders = []
        for _ in range(4):  # the true/false card once, then the choice card alone
            if review.card is not None and review.card.kind == "true_false":
                await pilot.press("t", "enter")
            assert review.card is not None and review.card.kind == "choice"
            orders.append(list(review.options))
            wrong = next(i for i, o in enumerate(review.options) if o != "Learning rate")
            await pilot.press(str(wrong + 1), "enter")
        assert len({tuple(order) for order in orders}) > 1, orders
        assert review.card is not None and review.card.kind == "choice"
        await pilot.press("u")
        assert review.options == orders[-1]


async def test_the_new_card_limit_says_so_and_n_studies_10_more_today(
    make_app: MakeApp, store: Store, clock: FixedClock
) -> None:
    """Not "Nothing is due now" while new cards wait behind today's limit: the screen
    says how many wait and offers `n` (10 more new cards, today only: kept across a
    restart of the app the same study day) and practice."""
    from quizzer.core.schedule import QueueSettings

    settings = QueueSettings(new_per_day=2, new_order="deck")
    app = make_app(("review", "tiny"), settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "5", "space", "5")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("u")  # back to the review, undoing the second grade
        await pilot.press("space", "5")
        await pilot.press("enter")
    again = make_app(("review", "tiny"), settings=settings)
    async with again.run_test(size=(100, 30)) as pilot:
        review = _review(again)
        assert review.card is None
        text = screen_text(again)
        assert "Nothing is due now" not in text
        assert "Today's limit of 2 new cards for this deck is reached" in text
        assert "6 new cards are waiting" in text
        assert "Press n to study 10 more new cards today" in text
        assert "p to practise" in text
        await pilot.press("n")
        assert (
            review.card is not None
            and review.card.id == "tiny/confusions/is-tuning-hyperparameters-cheating"
        )
        assert not review.has_class("-practice")
        await pilot.press("space", "5", "space", "5", "q")
    assert store.extra_new("tiny", clock().date()) == 10
    # A restart the same study day keeps the extra cards; the next day has none.
    restarted = make_app(("review", "tiny"), settings=settings)
    async with restarted.run_test(size=(100, 30)):
        assert _review(restarted).card is not None
        assert _review(restarted).session.remaining == 4  # type: ignore[union-attr]
    clock.advance(days=1)
    tomorrow = make_app(("review", "tiny"), settings=settings)
    async with tomorrow.run_test(size=(100, 30)):
        session = _review(tomorrow).session
        assert session is not None
        new_today = [c for c, _ in session._queue.upcoming() if store.card_state(c).due is None]  # type: ignore[union-attr]
        assert len(new_today) == 2


async def test_a_mental_model_part_asks_its_question_once(make_app: MakeApp, workdir: Path) -> None:
    deck = (
        "id: gender\ntitle: Gender\nmental_models:\n  - name: Gender of nouns\n"
        "    summary: Endings hint at gender.\n    mapping:\n"
        "      '-a': usually feminine\n      '-o': usually masculine\n"
    )
    (workdir / "decks" / "gender.yaml").write_text(deck, encoding="utf-8")
    first = make_app(("review", "gender"))
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "5")  # the model; its parts wait for another day
    app = make_app(("review", "gender"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")  # practise every card, the parts included
        review = _review(app)
        for _ in range(3):
            if review.card is not None and review.card.kind == "mapping":
                break
            await pilot.press("space", "5")
        assert review.card is not None and review.card.kind == "mapping"
        text = screen_text(app)
        assert text.count("stand for?") == 1, text
        assert "In Gender of nouns, what does this stand for?" in text


async def test_the_summary_counts_answering_time_capped_per_card(
    make_app: MakeApp, clock: FixedClock
) -> None:
    """A card left on screen for 10 minutes counts as 60 s of answering (as in Anki);
    the time in all is shown beside it."""
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        clock.advance(minutes=10)  # the learner walked away from the first card
        await pilot.press("space", "5")
        clock.advance(seconds=5)
        await pilot.press("space", "5", "escape")
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.answering_seconds == 65
        text = screen_text(app)
        assert "Time             1 min 05 s answering (10 min 05 s in all)" in text
