"""Class challenges played through SpeedRound by several players on one database file:
the same questions for everyone, every player's first finished attempt ranked (ties to
the earlier finish), and the results screen's "2nd of 3"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from quizzer.core.speed import Question
from quizzer.library import resolve_deck
from quizzer.sessions.speed import SpeedRound
from quizzer.store import Store
from quizzer.tui.screens.speed_results import SpeedResultsScreen

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DECK = "title: Greek letters\nterms:\n" + "".join(
    f"  - {{term: {name}, definition: Letter {n}.}}\n"
    for n, name in enumerate(["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"], 1)
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def play(
    store: Store,
    deck_id: str,
    code: str,
    *,
    right: int,
    start: datetime,
    quit_after: int | None = None,
) -> tuple[SpeedRound, list[Question]]:
    """Join the challenge as `store.player`: `right` right answers (1 s each), then
    wrong ones until time is up (or quit after `quit_after` answers)."""
    challenge = store.challenge(code)
    assert challenge is not None
    clock = FakeClock()
    moments = iter(start + timedelta(seconds=s) for s in (0, challenge.seconds))
    game = SpeedRound.for_deck(
        store, deck_id, seconds=challenge.seconds, seed=challenge.seed,
        challenge=code, clock=clock, now=lambda: next(moments),
    )  # fmt: skip
    game.start()
    asked: list[Question] = []
    while game.running and game.question is not None:
        if quit_after is not None and len(asked) == quit_after:
            game.finish(aborted=True)
            break
        question = game.question
        asked.append(question)
        clock.now += 1.0
        wrong = (question.right + 1) % len(question.options)
        game.answer(question.right if len(asked) <= right else wrong)
        game.save()
        if clock.now - 500.0 >= challenge.seconds:
            game.tick()
    if game.running:
        game.finish()
    return game, asked


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "class.db"
    deck = tmp_path / "greek.yaml"
    deck.write_text(DECK, encoding="utf-8")
    with Store.open(path, player="teacher") as teacher:
        deck_id = resolve_deck(teacher, str(deck), [])
        challenge = teacher.create_challenge(deck_id, seed=42, seconds=20, created_at=T0)
        assert teacher.challenge(challenge.code) == challenge
        assert challenge.created_by == "teacher"
    return path, deck_id, challenge.code


def test_every_player_gets_the_same_round_and_one_standing(db: tuple[Path, str, str]) -> None:
    path, deck_id, code = db
    played = {}
    with (
        Store.open(path, player="ana") as ana,
        Store.open(path, player="ben") as ben,
        Store.open(path, player="carl") as carl,
    ):
        # carl quits his first go (not counted), then finishes one
        play(carl, deck_id, code, right=9, start=T0, quit_after=2)
        played["carl"] = play(carl, deck_id, code, right=3, start=T0 + timedelta(minutes=1))
        played["ana"] = play(ana, deck_id, code, right=5, start=T0 + timedelta(minutes=2))
        played["ben"] = play(ben, deck_id, code, right=3, start=T0 + timedelta(minutes=3))
        # ana's second finished attempt scores more, but her first one counts
        play(ana, deck_id, code, right=20, start=T0 + timedelta(minutes=4))
        questions = [[(q.card_id, q.options) for q in asked] for _, asked in played.values()]
        shortest = min(len(q) for q in questions)  # the same seed: the same questions
        assert shortest >= 3 and all(q[:shortest] == questions[0][:shortest] for q in questions)
        board = ana.challenge_standings(code)
        assert board == ben.challenge_standings(code)
        scores = {name: game.result().score for name, (game, _) in played.items()}
        assert scores["carl"] == scores["ben"] < scores["ana"]
        assert [(s.rank, s.of, s.attempt.player, s.attempt.id) for s in board] == [
            (1, 3, "ana", played["ana"][0].id),
            (2, 3, "carl", played["carl"][0].id),  # tie with ben: carl finished earlier
            (3, 3, "ben", played["ben"][0].id),
        ]
        assert all(s.attempt.challenge == code for s in board)
        # each player's own leaderboard still holds only their own rounds
        assert {r.player for r in ben.leaderboard(deck_id, 20)} == {"ben"}
        bests = ana.player_bests(deck_id)
        best_of_ana = max(r.score for r in ana.rounds(deck_id))
        assert (bests[20][0].player, bests[20][0].score) == ("ana", best_of_ana)
        assert [r.player for r in bests[20]] == ["ana", "carl", "ben"]


class ResultsApp(App[None]):
    def __init__(self, screen: SpeedResultsScreen) -> None:
        super().__init__()
        self.screen_to_show = screen

    def on_mount(self) -> None:
        self.push_screen(self.screen_to_show)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("carl", "Challenge {code}: carl is 2nd of 3"),
     ("ana", "Challenge {code}: ana is 1st of 3 (the first finished attempt counts)")],
)  # fmt: skip
async def test_the_results_screen_shows_the_players_place(
    db: tuple[Path, str, str], who: str, expected: str
) -> None:
    path, deck_id, code = db
    with (
        Store.open(path, player="ana") as ana,
        Store.open(path, player="ben") as ben,
        Store.open(path, player="carl") as carl,
    ):
        play(ana, deck_id, code, right=5, start=T0)
        play(carl, deck_id, code, right=4, start=T0 + timedelta(minutes=1))
        play(ben, deck_id, code, right=1, start=T0 + timedelta(minutes=2))
        play(ana, deck_id, code, right=1, start=T0 + timedelta(minutes=3))  # a second go
        store = ana if who == "ana" else carl
        shown = store.rounds(deck_id)[0]  # the player's newest round
        app = ResultsApp(SpeedResultsScreen(store, shown, [], deck_title="Greek letters"))
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            text = str(app.screen.query_one("#challenge-standing", Static).render())
        assert text == expected.format(code=code)


async def test_the_results_screen_follows_the_players_who_finish_after(
    db: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A class finishes one by one: the first to finish sees the others come in."""
    path, deck_id, code = db
    monkeypatch.setattr(SpeedResultsScreen, "STANDINGS_EVERY_S", 0.05)
    with Store.open(path, player="ana") as ana, Store.open(path, player="ben") as ben:
        play(ana, deck_id, code, right=2, start=T0)
        shown = ana.rounds(deck_id)[0]
        app = ResultsApp(SpeedResultsScreen(ana, shown, [], deck_title="Greek letters"))
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            standing = app.screen.query_one("#challenge-standing", Static)
            assert str(standing.render()) == f"Challenge {code}: ana is 1st of 1"
            play(ben, deck_id, code, right=5, start=T0 + timedelta(minutes=1))
            for _ in range(100):  # until the next refresh has read ben's round
                await pilot.pause(0.05)
                if "of 2" in str(standing.render()):
                    break
            assert str(standing.render()) == f"Challenge {code}: ana is 2nd of 2"
