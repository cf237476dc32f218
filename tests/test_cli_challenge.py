"""Class challenges from the command line, in subprocesses on one SQLite file:
`speed DECK --challenge` prints a code, `scores CODE` ranks every player's first finished
attempt ("1st of 2"), `scores DECK --players` each player's best; `--json` on both; a bad
or unknown code is one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from speed_helpers import PlayRound

from quizzer.core.challenge import parse_code
from quizzer.store import Store

REPO = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
DECK = "title: Greek\nterms:\n" + "".join(
    f"  - {{term: {name}, definition: Letter {n}.}}\n"
    for n, name in enumerate(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"], 1)
)


def quizzer(
    tmp_path: Path, *args: str, player: str = "teacher"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"),
         "--decks", str(tmp_path / "decks"), "--player", player, *args],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip


def test_a_challenge_from_code_to_standings(tmp_path: Path, play_round: PlayRound) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "greek.yaml").write_text(DECK)
    made = quizzer(tmp_path, "speed", "greek", "--challenge", "--seconds", "30")
    assert made.returncode == 0, made.stderr
    code, about = made.stdout.splitlines()
    assert parse_code(code) == code
    assert about.startswith("greek: 30 s round, seed ") and "set by teacher" in about
    assert f"quizzer speed --join {code}" in about

    empty = json.loads(quizzer(tmp_path, "scores", code, "--json").stdout)
    assert empty["challenge"]["code"] == code and empty["challenge"]["seconds"] == 30
    assert empty["challenge"]["created_by"] == "teacher" and empty["standings"] == []
    seed = empty["challenge"]["seed"]

    answers = {"ana": [(True, 900)] * 3, "ben": [(True, 900)] * 4}
    for number, (player, given) in enumerate(answers.items()):
        with Store.open(tmp_path / "q.db", player=player) as store:
            for again in range(2):  # a second, better attempt does not count
                play_round(store, "greek", seed=seed, seconds=30, challenge=code,
                           answers=given * (again + 1),
                           started_at=T0 + timedelta(minutes=2 * number + again))  # fmt: skip
    lower = code.lower()  # codes are typed in any case
    ranked = json.loads(quizzer(tmp_path, "scores", lower, "--json", player="ana").stdout)
    assert [(s["rank"], s["of"], s["player"]) for s in ranked["standings"]] == [
        (1, 2, "ben"),
        (2, 2, "ana"),
    ]
    first_scores = [s["score"] for s in ranked["standings"]]
    text = quizzer(tmp_path, "scores", code).stdout.splitlines()
    assert text[0].startswith(f"Challenge {code}: greek, 30 s, seed {seed}, set by teacher")
    assert text[2].split()[:5] == ["1st", "of", "2", "ben", str(first_scores[0])]
    assert text[3].split()[:5] == ["2nd", "of", "2", "ana", str(first_scores[1])]

    bests = json.loads(quizzer(tmp_path, "scores", "greek", "--players", "--json").stdout)
    [length] = bests["lengths"]
    assert length["seconds"] == 30
    assert [p["player"] for p in length["players"]] == ["ben", "ana"]
    assert all(p["score"] > s for p, s in zip(length["players"], first_scores, strict=True))
    table = quizzer(tmp_path, "scores", "greek", "--players").stdout.splitlines()
    assert table[0] == "greek: 30 s rounds, best of each player"
    assert [row.split()[:2] for row in table[2:]] == [["1st", "ben"], ["2nd", "ana"]]
    # the plain board stays the player's own
    own = json.loads(quizzer(tmp_path, "scores", "greek", "--json", player="ana").stdout)
    assert len(own["rounds"]) == 2


def test_bad_joins_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "greek.yaml").write_text(DECK)
    unknown = quizzer(tmp_path, "speed", "--join", "QZ-2222")
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("quizzer: error: no challenge QZ-2222 in ")
    bad = quizzer(tmp_path, "speed", "--join", "hello\x1b[2J")
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1
    assert "is not a challenge code (they look like QZ-7K3M)" in bad.stderr
    assert "\x1b" not in bad.stderr
    both = quizzer(tmp_path, "speed", "greek", "--join", "QZ-2222")
    assert both.returncode == 2 and "give no DECK, --seed or --seconds" in both.stderr
    twice = quizzer(tmp_path, "speed", "greek", "--challenge", "--join", "QZ-2222")
    assert twice.returncode == 2 and "not both" in twice.stderr
    small = tmp_path / "small.yaml"
    small.write_text("title: Small\nterms:\n  - {term: A, definition: a}\n")
    too_small = quizzer(tmp_path, "speed", str(small), "--challenge")
    assert too_small.returncode == 1 and "a round needs at least 4" in too_small.stderr
    assert too_small.stdout == ""
