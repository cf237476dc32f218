"""Merging other machines' quizzer databases (quizzer.interchange.merge on
quizzer.store.merging), on either backend for this database: the merged log and every
schedule are the same whichever machine merges which, in whatever order; answers given
at the same moment on two machines are all kept; an FSRS deck's cards are replayed under
FSRS, exactly as answering them live would have left them; a second merge adds nothing;
a file from every older schema version merges."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, time, timedelta
from itertools import permutations
from pathlib import Path

import pytest
from old_versions import as_version_7, as_version_10, as_version_13
from test_review_tally import check

from quizzer.core.schedule import DeckScheduling, QueueSettings, study_day
from quizzer.core.schedulers import deck_scheduler, scheduler_for
from quizzer.interchange.merge import merge_database
from quizzer.library import sync_decks
from quizzer.players import default_player
from quizzer.store import Store
from quizzer.store.sqlite_backend import SQLiteBackend

SETTINGS = QueueSettings(decks={"f": DeckScheduling(scheduler="fsrs")})
START = datetime(2026, 3, 2, 9, tzinfo=UTC)
CARDS = ("w/cards/one", "w/cards/two", "f/cards/uno", "f/cards/dos")

# (card, minutes after START, grade, kind) each machine's player gave
Answers = list[tuple[str, int, int, str]]
DAY = 24 * 60
A: Answers = [
    ("w/cards/one", 0, 4, "scheduled"),
    ("w/cards/one", DAY, 2, "scheduled"),  # the same moment as B's, another grade
    ("w/cards/two", 5, 5, "scheduled"),  # the same answer as B's (both imported it)
    ("f/cards/uno", 0, 4, "scheduled"),
    ("f/cards/uno", 3 * DAY, 1, "scheduled"),
    ("f/cards/uno", 3 * DAY + 1, 4, "redrill"),
]
B: Answers = [
    ("w/cards/one", DAY, 5, "scheduled"),
    ("w/cards/two", 5, 5, "scheduled"),
    ("w/cards/two", 6, 3, "practice"),
    ("f/cards/uno", 2 * DAY, 3, "scheduled"),
    ("f/cards/dos", DAY, 4, "scheduled"),
]
C: Answers = [
    ("w/cards/one", 7 * DAY, 4, "scheduled"),
    ("f/cards/uno", 3 * DAY, 2, "scheduled"),  # the same moment as A's, another grade
    ("f/cards/dos", 4 * DAY, 5, "scheduled"),
]


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "w.yaml").write_text(
        "title: W\ncards:\n  - front: one\n    back: 1\n  - front: two\n    back: 2\n"
    )
    (folder / "f.yaml").write_text(
        "title: F\ncards:\n  - front: uno\n    back: 1\n  - front: dos\n    back: 2\n"
    )
    return folder


def _answer(store: Store, answers: Answers) -> None:
    """Give the answers as a session does, the study day starting at 04:00 UTC."""
    for card, minutes, grade, kind in answers:
        at = START + timedelta(minutes=minutes)
        store.record_answer(
            card, grade, response_ms=900, kind=kind,  # type: ignore[arg-type]
            reviewed_at=at, study_day=study_day(at, time(4), UTC),
            scheduler=deck_scheduler(SETTINGS, card.split("/")[0]),
        )  # fmt: skip


def _machine(folder: Path, name: str, answers: Answers, decks: Path) -> Path:
    """Another machine's database: always an SQLite file, whatever this one is."""
    path = folder / f"{name}.db"
    with Store(SQLiteBackend.open(path, player=default_player()), None) as store:
        sync_decks(store, [decks])
        _answer(store, answers)
    return path


def _here(path: Path, decks: Path, answers: Answers = ()) -> Store:  # type: ignore[assignment]
    store = Store.open(path)
    sync_decks(store, [decks])
    _answer(store, answers)
    return store


def _everything(store: Store) -> tuple[object, ...]:
    """Every card's schedule and log (ids aside), and the decks' counts."""
    logs = {
        card: [
            (e.study_day, e.reviewed_at, e.grade, e.response_ms, e.kind, e.before, e.after)
            for e in store.history(card)
        ]
        for card in CARDS
    }
    states = {card: store.card_state(card) for card in CARDS}
    today = date(2026, 3, 20)
    summaries = [
        (s.id, s.new, s.due_today, s.reviews_total, s.next_due, s.learned)
        for s in store.deck_summaries(today)
    ]
    return logs, states, summaries, store.due_counts(today)


def test_any_machine_merging_the_others_in_any_order_ends_the_same(
    tmp_path: Path, decks: Path
) -> None:
    machines = {"a": A, "b": B, "c": C}
    files = {name: _machine(tmp_path, name, answers, decks) for name, answers in machines.items()}
    results = []
    for order in permutations(machines):
        mine, *others = order
        label = "".join(order)
        with _here(tmp_path / f"here-{label}.db", decks, machines[mine]) as store:
            for name in others:
                merge_database(store, files[name], settings=SETTINGS)
            again = merge_database(store, files[others[0]], settings=SETTINGS)
            assert (again.answers_added, again.cards_replayed) == (0, 0)
            check(store)  # the tallies the log's triggers keep equal a recount of the log
            results.append(_everything(store))
    assert all(result == results[0] for result in results[1:])
    logs, states, summaries, _ = results[0]
    totals = {deck: sum(len(logs[c]) for c in CARDS if c.startswith(f"{deck}/")) for deck in "fw"}
    assert {row[0]: row[3] for row in summaries} == totals
    # Both moments' answers are kept: A's grade 2 and B's grade 5 of "one" on day 1,
    # A's 1 and C's 2 of "uno" on day 3; the answer both had is there once.
    assert [(e[1], e[2]) for e in logs["w/cards/one"]][1:3] == [
        (START + timedelta(days=1), 2),
        (START + timedelta(days=1), 5),
    ]
    assert [e[2] for e in logs["w/cards/two"]] == [5, 3]
    # An FSRS deck's cards hold FSRS's memory, as answering live gives it.
    with _here(tmp_path / "live.db", decks) as live:
        merged = sorted((a for a in A + B + C if a[0] == "f/cards/uno"), key=lambda a: (a[1], a[2]))
        _answer(live, [(c, m, g, "scheduled" if k == "redrill" else k) for c, m, g, k in merged])
        assert states["f/cards/uno"] == live.card_state("f/cards/uno")
        assert states["f/cards/uno"].stability is not None  # type: ignore[attr-defined]
        assert [e[6] for e in logs["f/cards/uno"]] == [e.after for e in live.history("f/cards/uno")]


@pytest.mark.parametrize("version", [7, 10, 13])
def test_a_database_of_an_older_version_merges(tmp_path: Path, decks: Path, version: int) -> None:
    other = _machine(tmp_path, "old", A, decks)
    {7: as_version_7, 10: as_version_10, 13: as_version_13}[version](other)
    kept = tmp_path / "kept.db"
    shutil.copy(other, kept)
    with _here(tmp_path / "here.db", decks) as store:
        report = merge_database(store, other, settings=SETTINGS)
        assert report.answers_added == len(A)
        assert [e.grade for e in store.history("w/cards/one")] == [4, 2]
    assert other.read_bytes() == kept.read_bytes()  # upgraded in a copy, never in place


@pytest.mark.parametrize("name", ["v3-keys.db", "v7-main.db"])
def test_a_database_written_by_an_older_quizzer_merges(tmp_path: Path, name: str) -> None:
    """Files the code of versions 3 and 7 wrote (before players: their answers are the
    importing player's, as opening them would make them; version 3's card keys are
    upgraded to today's)."""
    data = Path(__file__).with_name("data")
    other = tmp_path / name
    shutil.copy(data / name, other)
    shutil.copy(other, tmp_path / "upgraded.db")
    player = default_player()
    with Store(SQLiteBackend.open(tmp_path / "upgraded.db", player=player), player) as upgraded:
        ids = [c.id for deck in upgraded.deck_ids() for c in upgraded.cards(deck)]
        expected = {card: [e.grade for e in upgraded.history(card)] for card in ids}
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(data / "vocab.yaml", folder / "vocab.yaml")
    with _here(tmp_path / "here.db", folder) as store:
        report = merge_database(store, other, settings=SETTINGS)
        assert report.answers_added == sum(len(grades) for grades in expected.values()) > 0
        assert {card: [e.grade for e in store.history(card)] for card in ids} == expected
    assert other.read_bytes() == (data / name).read_bytes()


def test_decks_and_cards_only_the_other_machine_has_come_in_retired(
    tmp_path: Path, decks: Path
) -> None:
    theirs = tmp_path / "their-decks"
    shutil.copytree(decks, theirs)
    (theirs / "x.yaml").write_text("title: X\ncards:\n  - front: ex\n    back: 1\n")
    with (theirs / "w.yaml").open("a") as deck:
        deck.write("  - front: three\n    back: 3\n")
    answers: Answers = [("x/cards/ex", 0, 4, "scheduled"), ("w/cards/three", 1, 5, "scheduled")]
    other = _machine(tmp_path, "other", answers, theirs)
    with _here(tmp_path / "here.db", decks) as store:
        report = merge_database(store, other, settings=SETTINGS)
        assert (report.answers_added, report.cards_replayed) == (2, 2)
        for card, grade in (("x/cards/ex", 4), ("w/cards/three", 5)):
            state = store.card_state(card)
            assert state is not None and state.retired and state.due is not None
            assert [e.grade for e in store.history(card)] == [grade]
        assert "x" in store.deck_ids()


def test_a_redrill_past_the_day_start_stays_a_redrill_either_way(
    tmp_path: Path, decks: Path
) -> None:
    """A session running past the day's start (04:00) logs the re-drill of a card failed
    at 03:58 on the next study day, as a re-drill: the schedule stays where the failed
    answer left it. Merged into B, or B merged into A, it stays so (the replay took it
    for that day's scheduled answer in B, and A and B ended different)."""
    before_four = 3 * DAY + 19 * 60 - 2  # 03:58 on the fourth morning: day 3's study day
    a: Answers = [
        ("w/cards/one", 0, 4, "scheduled"),
        ("w/cards/one", before_four, 2, "scheduled"),
        ("w/cards/one", before_four + 3, 4, "redrill"),  # 04:01: day 4
    ]
    b: Answers = [("w/cards/two", 3 * DAY, 4, "scheduled")]
    files = {
        name: _machine(tmp_path, name, answers, decks) for name, answers in (("a", a), ("b", b))
    }
    with _here(tmp_path / "live.db", decks, a) as live:
        expected = live.card_state("w/cards/one")
    results = []
    for mine, answers, other in (("a", a, "b"), ("b", b, "a")):
        with _here(tmp_path / f"here-{mine}.db", decks, answers) as store:
            merge_database(store, files[other], settings=SETTINGS)
            assert merge_database(store, files[other], settings=SETTINGS).answers_added == 0
            check(store)
            log = store.history("w/cards/one")
            assert [(e.study_day.day, e.kind) for e in log] == [
                (2, "scheduled"),
                (5, "scheduled"),
                (6, "redrill"),
            ]
            assert store.card_state("w/cards/one") == expected
            results.append(_everything(store))
    assert results[0] == results[1]


def test_answers_already_here_keep_their_ids_and_can_be_undone_after_a_merge(
    tmp_path: Path, decks: Path
) -> None:
    """A merge leaves the answers this database had under their ids (a review open
    meanwhile undoes its last grade by its id: the merge gave every answer of the card a
    new one, and the undo found nothing and left the answer logged); the other
    machine's answers get new ids, and an undone id is never given again."""
    other = _machine(
        tmp_path,
        "other",
        [("w/cards/one", 0, 4, "scheduled"), ("w/cards/one", DAY - 60, 5, "scheduled")],
        decks,
    )
    with _here(tmp_path / "alone.db", decks) as alone:
        _answer(
            alone, [("w/cards/one", 0, 4, "scheduled"), ("w/cards/one", DAY - 60, 5, "scheduled")]
        )
        theirs = alone.card_state("w/cards/one")
    with _here(tmp_path / "here.db", decks, [("w/cards/two", 0, 4, "scheduled")]) as store:
        at = START + timedelta(days=1)
        mine = store.record_answer(
            "w/cards/one", 1, response_ms=900, kind="scheduled", reviewed_at=at, study_day=at.date()
        )
        ids = {
            e.reviewed_at: e.id for c in ("w/cards/one", "w/cards/two") for e in store.history(c)
        }
        merge_database(store, other, settings=SETTINGS)
        log = store.history("w/cards/one")
        assert [(e.grade, e.kind) for e in log] == [
            (4, "scheduled"),
            (5, "scheduled"),
            (1, "redrill"),
        ]
        assert log[2].id == mine.id and store.history("w/cards/two")[0].id == ids[START]
        assert min(log[0].id, log[1].id) > max(ids.values())
        check(store)
        undone = store.undo_answer(mine.id)
        assert undone is not None and undone.kind == "redrill"  # as the merge left it
        assert [e.grade for e in store.history("w/cards/one")] == [4, 5]
        assert store.card_state("w/cards/one") == theirs
        check(store)
        again = store.record_answer(
            "w/cards/one", 3, response_ms=900, kind="practice", reviewed_at=at, study_day=at.date()
        )
        assert again.id > max(e.id for e in log)


def test_a_switch_of_schedulers_after_a_merge_replays_the_log_in_time_order(
    tmp_path: Path, decks: Path
) -> None:
    """The other machine's earlier answer comes in after this one's (a higher id): a
    replay goes by the answers' times, so switching the deck to FSRS and back gives the
    schedule the merge gave."""
    other = _machine(tmp_path, "other", [("w/cards/one", 0, 4, "scheduled")], decks)
    with _here(tmp_path / "here.db", decks, [("w/cards/one", DAY, 1, "scheduled")]) as store:
        merge_database(store, other, settings=SETTINGS)
        merged = store.card_state("w/cards/one")
        assert [e.grade for e in store.history("w/cards/one")] == [4, 1]
        store.switch_scheduler("w", scheduler_for("fsrs"))
        store.switch_scheduler("w", scheduler_for("sm2"))
        assert store.card_state("w/cards/one") == merged
