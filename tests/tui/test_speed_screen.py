"""Speed challenge screens: real keys in a real app on a tmp database, with a fake
monotonic clock; checked on screen and in the database."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static
from tui_helpers import screen_text

from quizzer.core.speed import Question, QuestionSource, normalize, question_pool, round_questions
from quizzer.library import resolve_deck
from quizzer.sessions.speed import SpeedRound
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp
from quizzer.tui.inline_text import inline_text
from quizzer.tui.screens.home import HomeScreen
from quizzer.tui.screens.speed import SpeedScreen
from quizzer.tui.screens.speed_results import SpeedResultsScreen
from quizzer.tui.scrollbars import use_whole_cell_scrollbars

SHIPPED_DECK = Path(__file__).resolve().parents[2] / "decks" / "parameters-and-hyperparameters.yaml"
STARTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeMonotonic:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class SpeedApp(App[None]):
    """The smallest app around a SpeedScreen (the real app is tested below too)."""

    def __init__(self, make_screen: Callable[[], SpeedScreen]) -> None:
        super().__init__()
        # as QuizzerApp does: else the scrollbars a snapshot shows would depend on whether
        # a QuizzerApp was made earlier in the process (its renderer is Textual's global)
        use_whole_cell_scrollbars()
        self.make_screen = make_screen
        self.left_with: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.left_with.append)


@pytest.fixture
def tiny(store: Store, deck_dir: Path) -> str:
    return resolve_deck(store, "tiny", [deck_dir])


@pytest.fixture
def fake() -> FakeMonotonic:
    return FakeMonotonic()


def speed_app(
    store: Store, deck_id: str, fake: FakeMonotonic, *, seed: int = 3, seconds: int = 60
) -> SpeedApp:
    seeds = iter(range(100, 200))
    return SpeedApp(
        lambda: SpeedScreen(
            store,
            deck_id,
            seconds=seconds,
            seed=seed,
            clock=fake,
            now=lambda: STARTED,
            new_seed=lambda: next(seeds),
        )
    )


LONG_DEFINITIONS_DECK = """
title: Long definitions
terms:
  - term: Learning rate
    definition: >-
      The size of the step the optimizer takes each time it nudges the parameters against
      the gradient; set before training, it trades speed against overshooting.
  - term: Batch size
    definition: >-
      How many training examples are used to compute each parameter update; it trades the
      noise of the gradient estimate against speed and memory.
  - term: Early stopping
    definition: >-
      Ending training when the score on held-out data stops improving for a while, which
      picks the number of epochs and keeps the model from memorising.
  - term: Grid search
    definition: >-
      Tuning by trying every combination of a fixed list of values for each
      hyperparameter; easy to follow, but its cost multiplies with each added dimension.
"""


def long_definitions_deck(store: Store, workdir: Path) -> str:
    """A deck whose term questions have four options of three lines each at 80 columns (as
    long as the longest definitions of the shipped deck)."""
    deck = workdir / "decks" / "long.yaml"
    deck.write_text(LONG_DEFINITIONS_DECK, encoding="utf-8")
    return resolve_deck(store, str(deck), [])


def expected(store: Store, deck_id: str, seed: int, n: int, seconds: int = 60) -> list[Question]:
    return list(
        itertools.islice(round_questions(store.cards(deck_id), seed=seed, seconds=seconds), n)
    )


def wrong_key(question: Question) -> str:
    return str((question.right + 1) % len(question.options) + 1)


def right_key(question: Question) -> str:
    return str(question.right + 1)


async def test_full_round_scores_and_stores_every_answer(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    app = speed_app(store, tiny, fake)
    questions = expected(store, tiny, 3, 5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SpeedScreen)
        assert screen.question == questions[0]
        text = screen_text(app)
        assert "60 s" in text and "score 0" in text and "streak 0" in text
        assert questions[0].ask in text

        fake.advance(0.3)
        await pilot.press(right_key(questions[0]))  # 1000
        assert "✓ Right  +1000" in screen_text(app)
        assert screen.question == questions[1]
        fake.advance(5.25)
        await pilot.press(right_key(questions[1]))  # 750 + 100 streak
        assert "score 1850" in screen_text(app) and "streak 2" in screen_text(app)
        fake.advance(1.0)
        await pilot.press(wrong_key(questions[2]))  # 0, streak broken
        text = screen_text(app)
        assert f"✗ Wrong, it was {questions[2].right + 1}" in text
        assert "streak 0" in text
        # Feedback stays briefly, then goes; the countdown follows the clock.
        fake.advance(0.7)
        screen.tick()
        await pilot.pause()
        assert "Wrong" not in screen_text(app)
        assert "53 s" in screen_text(app)  # 60 - 0.3 - 5.25 - 1.0 - 0.7 = 52.75 -> 53
        fake.advance(30)
        await pilot.press("9")  # not an option: ignored
        await pilot.press(right_key(questions[3]))  # 500 after 10 s, streak restarts
        await pilot.pause()

        stored = store.rounds(tiny)[0]
        assert not stored.finished  # still running, answers already committed
        assert [a.points for a in stored.answers] == [1000, 850, 0, 500]
        assert [a.response_ms for a in stored.answers] == [300, 5250, 1000, 30700]
        assert [a.card_id for a in stored.answers] == [q.card_id for q in questions[:4]]
        assert stored.score == 2350

        fake.advance(30)  # time is up
        screen.tick()
        await pilot.pause()
        results = app.screen
        assert isinstance(results, SpeedResultsScreen)
        text = screen_text(app)
        assert "Time's up: 2350 points" in text
        assert "NEW BEST" in text
        assert "Accuracy 75% (3 of 4)" in text
        assert "average response 9.31 s" in text  # (300 + 5250 + 1000 + 30700) / 4
        assert "◀ this round" in text
        assert "Missed (1)" in text
        assert "yours: " + questions[2].options[int(wrong_key(questions[2])) - 1] in text
        assert "right: " + questions[2].answer in text

    stored = store.rounds(tiny)[0]
    assert stored.finished and not stored.aborted and stored.ranked
    assert (stored.correct, stored.wrong, stored.best_streak) == (3, 1, 2)


async def test_a_key_after_time_is_up_ends_the_round_without_scoring(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    app = speed_app(store, tiny, fake, seconds=5)
    async with app.run_test(size=(100, 30)) as pilot:
        question = app.screen.question
        assert question is not None
        fake.advance(5.0)
        await pilot.press(right_key(question))
        await pilot.pause()
        assert isinstance(app.screen, SpeedResultsScreen)
        assert "Time's up: 0 points" in screen_text(app)
    [stored] = store.rounds(tiny)
    assert stored.answers == () and stored.finished


async def test_escape_aborts_the_round(store: Store, tiny: str, fake: FakeMonotonic) -> None:
    app = speed_app(store, tiny, fake)
    questions = expected(store, tiny, 3, 2)
    async with app.run_test(size=(100, 30)) as pilot:
        fake.advance(1)
        await pilot.press(right_key(questions[0]))
        await pilot.press("escape", "escape")  # a running round asks once
        await pilot.pause()
        assert not isinstance(app.screen, SpeedScreen)
        assert app.left_with == [None]
    [stored] = store.rounds(tiny)
    assert stored.aborted and stored.finished and not stored.ranked
    assert len(stored.answers) == 1 and stored.score == 974  # 1 s: 973.7 -> 974
    assert store.leaderboard(tiny, 60) == []


async def test_escape_on_a_running_round_asks_once_before_aborting(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    app = speed_app(store, tiny, fake)
    questions = expected(store, tiny, 3, 3)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SpeedScreen) and screen.round is not None
        await pilot.press("escape")
        assert app.screen is screen and screen.round.running
        assert "Press Escape again to abort this round" in screen_text(app)
        await pilot.press(right_key(questions[0]))  # answering goes on: asked again
        assert "Press Escape again" not in screen_text(app)
        await pilot.press("escape")
        assert app.screen is screen and screen.round.running
        await pilot.press("escape")
        await pilot.pause()
        assert app.left_with == [None]
    [stored] = store.rounds(tiny)
    assert stored.aborted and len(stored.answers) == 1


async def test_q_on_a_running_round_asks_once_then_quits(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    app = speed_app(store, tiny, fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, SpeedScreen)
        assert "Press q again to quit" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    [stored] = store.rounds(tiny)
    assert stored.aborted


async def test_quitting_mid_round_stores_it_as_aborted(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    app = speed_app(store, tiny, fake)
    async with app.run_test(size=(100, 30)) as pilot:
        question = app.screen.question
        assert question is not None
        await pilot.press(right_key(question))
        app.exit()
        await pilot.pause()
    [stored] = store.rounds(tiny)
    assert stored.aborted and len(stored.answers) == 1


async def test_results_keys_replay_new_seed_and_home(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    app = speed_app(store, tiny, fake, seconds=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SpeedScreen)
        fake.advance(6)
        screen.tick()
        await pilot.pause()
        assert isinstance(app.screen, SpeedResultsScreen)
        await pilot.press("r")
        assert app.screen is screen and screen.seed == 3
        assert screen.question == expected(store, tiny, 3, 1, seconds=5)[0]
        assert "5 s" in screen_text(app) and "score 0" in screen_text(app)
        fake.advance(6)
        screen.tick()
        await pilot.pause()
        await pilot.press("n")
        assert app.screen is screen and screen.seed == 100
        assert screen.question == expected(store, tiny, 100, 1, seconds=5)[0]
        fake.advance(6)
        screen.tick()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.left_with == [None]
    assert [r.seed for r in store.rounds(tiny)] == [100, 3, 3]
    assert all(r.finished and not r.aborted for r in store.rounds(tiny))


async def test_q_on_results_quits(store: Store, tiny: str, fake: FakeMonotonic) -> None:
    app = speed_app(store, tiny, fake, seconds=5)
    async with app.run_test(size=(100, 30)) as pilot:
        fake.advance(6)
        app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_personal_best_is_shown_when_not_beaten(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    app = speed_app(store, tiny, fake, seconds=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SpeedScreen)
        assert screen.question is not None
        await pilot.press(right_key(screen.question))
        fake.advance(6)
        screen.tick()
        await pilot.pause()
        assert "NEW BEST" in screen_text(app)
        await pilot.press("r")
        fake.advance(6)
        screen.tick()
        await pilot.pause()
        text = screen_text(app)
        assert "NEW BEST" not in text
        assert "Personal best for 5 s rounds: 1000 (2026-03-02)" in text
        assert "Nothing yet." in text  # no wrong answers, nothing confused


async def test_card_text_is_literal(store: Store, tiny: str, fake: FakeMonotonic) -> None:
    """The tiny deck has a term `[bold]Markup[/bold] stays` and a definition holding
    markup and what is left of escape sequences: shown as text. (Control characters
    themselves: test_hostile_text, speed_round.)"""
    app = speed_app(store, tiny, fake)
    seen = set()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SpeedScreen)
        for _ in range(8):
            seen.add(screen_text(app))
            assert screen.question is not None
            await pilot.press(right_key(screen.question))
    everything = "\n".join(seen)
    assert "[bold]Markup[/bold] stays" in everything
    assert "[red]not red[/red]" in everything
    assert "\x1b" not in everything and "\x07" not in everything


async def test_a_deck_too_small_says_so(store: Store, workdir: Path, fake: FakeMonotonic) -> None:
    deck = workdir / "decks" / "small.yaml"
    deck.write_text("title: Small\nterms:\n  - {term: A, definition: a}\n", encoding="utf-8")
    deck_id = resolve_deck(store, str(deck), [])
    app = speed_app(store, deck_id, fake)
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert "Small makes 0 speed questions; a round needs at least 4" in text
        assert "Press Escape to go back." in text
        await pilot.press("1")
        await pilot.press("escape")
        await pilot.pause()
        assert app.left_with == [None]
    assert store.rounds(deck_id) == []


async def test_the_app_opens_straight_into_a_round_and_escape_goes_home(
    store: Store, tiny: str, deck_dir: Path
) -> None:
    speed_round = SpeedRound.for_deck(store, tiny, seconds=30, seed=4)
    app = QuizzerApp(store, [deck_dir], seed=7, start=("speed", speed_round))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SpeedScreen)
        assert (screen.seconds, screen.seed) == (30, 4)
        assert screen.question == expected(store, tiny, 4, 1, seconds=30)[0]
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    [stored] = store.rounds(tiny)
    assert stored.aborted and stored.seconds == 30 and stored.seed == 4


async def test_four_long_options_fit_at_80x24_without_scrolling(
    store: Store, workdir: Path, fake: FakeMonotonic
) -> None:
    """In a timed round every option must be visible: no question may need a scroll."""
    deck_id = long_definitions_deck(store, workdir)
    questions = expected(store, deck_id, 3, 8)
    assert any(len(q.options) == 4 and len(q.options[0]) > 150 for q in questions)
    app = speed_app(store, deck_id, fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SpeedScreen)
        for question in questions:
            assert screen.question == question
            box = screen.query_one("#question")
            assert box.virtual_size.height <= box.scrollable_content_region.height
            fake.advance(1.0)
            await pilot.press(wrong_key(question))
            await pilot.pause()
            assert f"it was {question.right + 1}:" in screen_text(app)


def _longest_options(source: QuestionSource) -> Question:
    """`source` asked with its three longest wrong candidates: the question of the deck
    that needs the most room."""
    answer_key = normalize(source.answer)
    wrong: dict[str, str] = {}
    for tier in source.tiers:
        for text, key in zip(tier.texts, tier.keys, strict=True):
            if source.allows(key, answer_key) and key not in wrong:
                wrong[key] = text
    longest = sorted(wrong.values(), key=len, reverse=True)[: source.wrong_wanted]
    options = (*longest, source.answer)
    return Question(source.card_id, source.kind, source.prompt, options, len(longest), source.ask)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_every_question_of_the_shipped_deck_shows_every_option_without_scrolling(
    store: Store, fake: FakeMonotonic, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """A timed round cannot wait for a scroll: at 60x20 every option of every question the
    shipped deck makes, with its longest options, is on screen (shortened if need be, the
    full text a key away)."""
    deck_id = resolve_deck(store, str(SHIPPED_DECK), [])
    questions = [_longest_options(source) for source in question_pool(store.cards(deck_id))]
    monkeypatch.setattr("quizzer.sessions.speed.round_questions", lambda *a, **k: iter(questions))
    app = speed_app(store, deck_id, fake, seconds=3600)
    revealed = False
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SpeedScreen)
        for question in questions:
            assert screen.question == question
            box = screen.query_one("#question")
            assert box.virtual_size.height <= box.scrollable_content_region.height
            shown = screen_text(app)
            for n, option in enumerate(question.options, 1):
                row = screen.query_one(f"#option-{n}")
                assert row.region.height > 0 and box.region.contains_region(row.region)
                first_words = " ".join(inline_text(option).plain.split()[:2])  # (as shown)
                assert first_words in shown, (n, option)
            if screen.shortened and size == (60, 20) and not revealed:
                assert "Full text" in screen_text(app)  # the footer offers the reveal key
                await pilot.press("v")
                texts = [
                    str(screen.query_one(f"#option-{n} .text", Static).content)
                    for n in (1, 2, 3, 4)
                ]
                assert texts == [inline_text(option).plain for option in question.options]
                revealed = True
            fake.advance(1.0)
            await pilot.press(wrong_key(question))
            await pilot.pause()
        assert revealed or size != (60, 20), "some option was shortened at 60x20"


async def test_the_countdown_ticks_without_a_layout(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    """Each second's countdown is a repaint of fixed-size widgets: a full layout once a
    second would hold up any key pressed in that frame (issue 16: key to feedback p99)."""
    app = speed_app(store, tiny, fake, seconds=120)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SpeedScreen)
        await pilot.pause()
        layouts: list[object] = []
        refresh_layout = screen._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            layouts.append(args)
            refresh_layout(*args, **kwargs)  # type: ignore[arg-type]

        screen._refresh_layout = counted  # type: ignore[method-assign]
        for shown in (119, 118, 110, 100, 99, 9):
            fake.now = 1000.0 + 120 - shown
            screen.tick()
            await pilot.pause()
            assert f"{shown} s" in screen_text(app)
        assert layouts == []


async def test_no_full_collection_while_the_clock_runs(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    """A full pass of the garbage collector takes longer than a frame: a running round
    holds it off (gc_pause.py); the round's end, or leaving mid-round, lets it run again."""
    before = gc.get_threshold()
    app = speed_app(store, tiny, fake, seconds=5)
    async with app.run_test(size=(100, 30)) as pilot:
        assert gc.get_threshold()[2] > 1000 * before[2]
        fake.advance(5.0)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, SpeedResultsScreen)
        assert gc.get_threshold() == before
    app = speed_app(store, tiny, fake, seconds=5)
    async with app.run_test(size=(100, 30)) as pilot:
        assert gc.get_threshold()[2] > 1000 * before[2]
        await pilot.press("q", "q")  # quit mid-round
        await pilot.pause()
    assert gc.get_threshold() == before
