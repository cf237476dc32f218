"""What a command imports on its way to its answer (issue 16): the real command line in a
fresh process, with sys.modules read once the command has returned. A module that a run
does not need is start-up time every run pays."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent / "decks" / "parameters-and-hyperparameters.yaml"
RUN_AND_LIST = (
    "import json, sys\n"
    "from quizzer.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "print(json.dumps({'status': status, 'modules': sorted(sys.modules)}))\n"
)


def _run(tmp_path: Path, *argv: str) -> tuple[int, set[str]]:
    env = {**os.environ, "QUIZZER_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-c", RUN_AND_LIST, "--db", str(tmp_path / "q.db"), *argv]
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    last = json.loads(out.stdout.strip().splitlines()[-1])
    return int(last["status"]), set(last["modules"])


def test_stats_of_an_unchanged_deck_parses_no_yaml(tmp_path: Path) -> None:
    """The first run parses the deck (YAML, pydantic); a second run finds the file's
    bytes unchanged and counts from the database without loading either."""
    status, first = _run(tmp_path, "stats", str(SHIPPED), "--json")
    assert status == 0
    assert "yaml" in first and "pydantic" in first  # the first sync did parse it
    status, again = _run(tmp_path, "stats", str(SHIPPED), "--json")
    assert status == 0
    assert sorted(m for m in again if m.split(".")[0] in ("yaml", "pydantic")) == []


def test_stats_sees_an_edited_deck(tmp_path: Path) -> None:
    """No caching hides an edit: the changed file is parsed again and its new card
    counted."""
    deck = tmp_path / "mine.yaml"
    deck.write_text("id: mine\ntitle: Mine\nterms:\n  - term: A\n    definition: a\n")
    _run(tmp_path, "stats", str(deck), "--json")
    deck.write_text(deck.read_text() + "  - term: B\n    definition: b\n")
    status, modules = _run(tmp_path, "stats", str(deck), "--json")
    assert status == 0 and "yaml" in modules
    env = {**os.environ, "QUIZZER_HOME": str(tmp_path / "home")}
    db = str(tmp_path / "q.db")
    command = [sys.executable, "-m", "quizzer", "--db", db, "stats", str(deck), "--json"]
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert json.loads(out.stdout)["decks"][0]["cards"] == 2
