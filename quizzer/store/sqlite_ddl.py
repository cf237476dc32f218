"""The schema of a new database as SQL text, so that creating one needs no SQLAlchemy
(importing it and SQLModel was half of a first run's `quizzer stats` on a 10k-term deck).

Generated from the SQLModel tables (store/tables.py stays the one definition of the
schema) by `python -m quizzer.store.sqlite_ddl`, which rewrites STATEMENTS below;
tests/store/test_sqlite_ddl.py fails when the two differ, and checks that a database made
from this text has exactly the schema `metadata.create_all` makes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

__all__ = ["STATEMENTS", "generate"]

# fmt: off
STATEMENTS: tuple[str, ...] = (
    (
        "CREATE TABLE deck (\n"
        "\tid VARCHAR NOT NULL, \n"
        "\ttitle VARCHAR NOT NULL, \n"
        "\tdescription VARCHAR, \n"
        "\tsource_path VARCHAR NOT NULL, \n"
        "\tcontent_hash VARCHAR NOT NULL, \n"
        "\tcard_count INTEGER NOT NULL, \n"
        "\tsynced_at DATETIME NOT NULL, \n"
        "\tactive_cards INTEGER DEFAULT '0' NOT NULL, \n"
        "\texported_keys VARCHAR, \n"
        "\tPRIMARY KEY (id)\n"
        ")"
    ),
    "CREATE INDEX ix_deck_source_path ON deck (source_path)",
    (
        "CREATE TABLE card (\n"
        "\tid VARCHAR NOT NULL, \n"
        "\tdeck_id VARCHAR NOT NULL, \n"
        "\tsection VARCHAR NOT NULL, \n"
        "\tkind VARCHAR NOT NULL, \n"
        "\tfront VARCHAR NOT NULL, \n"
        "\tback VARCHAR NOT NULL, \n"
        "\tanswer VARCHAR NOT NULL, \n"
        "\tordinal INTEGER NOT NULL, \n"
        "\tline INTEGER, \n"
        "\tdistractors VARCHAR NOT NULL, \n"
        "\tgroup_key VARCHAR, \n"
        "\ttags VARCHAR NOT NULL, \n"
        "\tretired BOOLEAN NOT NULL, \n"
        "\tsuspended BOOLEAN DEFAULT '0' NOT NULL, \n"
        "\tsuspended_by_import BOOLEAN DEFAULT '0' NOT NULL, \n"
        "\tcontent VARCHAR DEFAULT '' NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tFOREIGN KEY(deck_id) REFERENCES deck (id)\n"
        ")"
    ),
    "CREATE INDEX ix_card_deck_ordinal ON card (deck_id, ordinal)",
    "CREATE INDEX ix_card_deck_retired ON card (deck_id, retired, kind, ordinal, id)",
    (
        "CREATE INDEX ix_card_images ON card (retired) WHERE retired = 0 AND"
        " (front LIKE '%![%' OR back LIKE '%![%')"
    ),
    (
        "CREATE TABLE challenge (\n"
        "\tcode VARCHAR NOT NULL, \n"
        "\tdeck_id VARCHAR NOT NULL, \n"
        "\tseed INTEGER NOT NULL, \n"
        "\tseconds INTEGER NOT NULL, \n"
        "\tcreated_at DATETIME NOT NULL, \n"
        "\tcreated_by VARCHAR NOT NULL, \n"
        "\tPRIMARY KEY (code), \n"
        "\tFOREIGN KEY(deck_id) REFERENCES deck (id)\n"
        ")"
    ),
    (
        "CREATE TABLE deck_day (\n"
        "\tplayer VARCHAR NOT NULL, \n"
        "\tdeck_id VARCHAR NOT NULL, \n"
        "\tstudy_day DATE NOT NULL, \n"
        "\textra_new INTEGER NOT NULL, \n"
        "\tPRIMARY KEY (player, deck_id, study_day), \n"
        "\tFOREIGN KEY(deck_id) REFERENCES deck (id)\n"
        ")"
    ),
    (
        "CREATE TABLE failed_tally (\n"
        "\tplayer VARCHAR NOT NULL, \n"
        "\tcard_id VARCHAR NOT NULL, \n"
        "\tdeck_id VARCHAR NOT NULL, \n"
        "\tfailed INTEGER NOT NULL, \n"
        "\tPRIMARY KEY (player, card_id), \n"
        "\tFOREIGN KEY(deck_id) REFERENCES deck (id)\n"
        ")"
    ),
    "CREATE INDEX ix_failed_tally_deck ON failed_tally (player, deck_id, failed)",
    (
        "CREATE TABLE player_deck (\n"
        "\tplayer VARCHAR NOT NULL, \n"
        "\tdeck_id VARCHAR NOT NULL, \n"
        "\treviews_total INTEGER DEFAULT '0' NOT NULL, \n"
        "\tscheduled INTEGER DEFAULT '0' NOT NULL, \n"
        "\tPRIMARY KEY (player, deck_id), \n"
        "\tFOREIGN KEY(deck_id) REFERENCES deck (id)\n"
        ")"
    ),
    (
        "CREATE TABLE review_tally (\n"
        "\tplayer VARCHAR NOT NULL, \n"
        "\tdeck_id VARCHAR NOT NULL, \n"
        "\tstudy_day DATE NOT NULL, \n"
        "\tquarter INTEGER NOT NULL, \n"
        "\tanswers INTEGER NOT NULL, \n"
        "\tpassed INTEGER NOT NULL, \n"
        "\tyoung_passed INTEGER NOT NULL, \n"
        "\tyoung_failed INTEGER NOT NULL, \n"
        "\tmature_passed INTEGER NOT NULL, \n"
        "\tmature_failed INTEGER NOT NULL, \n"
        "\tPRIMARY KEY (player, deck_id, study_day, quarter), \n"
        "\tFOREIGN KEY(deck_id) REFERENCES deck (id)\n"
        ")"
    ),
    (
        "CREATE TABLE card_schedule (\n"
        "\tplayer VARCHAR NOT NULL, \n"
        "\tcard_id VARCHAR NOT NULL, \n"
        "\tdeck_id VARCHAR NOT NULL, \n"
        "\trepetitions INTEGER DEFAULT '0' NOT NULL, \n"
        "\teasiness INTEGER DEFAULT '250' NOT NULL, \n"
        "\tinterval INTEGER DEFAULT '0' NOT NULL, \n"
        "\tdue DATE, \n"
        "\tfirst_reviewed DATE, \n"
        "\tstability FLOAT, \n"
        "\tdifficulty FLOAT, \n"
        "\tphase VARCHAR, \n"
        "\treviews INTEGER DEFAULT '0' NOT NULL, \n"
        "\tscheduler VARCHAR DEFAULT 'sm2' NOT NULL, \n"
        "\tPRIMARY KEY (player, card_id), \n"
        "\tFOREIGN KEY(card_id) REFERENCES card (id), \n"
        "\tFOREIGN KEY(deck_id) REFERENCES deck (id)\n"
        ")"
    ),
    "CREATE INDEX ix_card_schedule_deck_due ON card_schedule (player, deck_id, due, repetitions)",
    (
        "CREATE INDEX ix_card_schedule_deck_first_reviewed ON card_schedule"
        " (player, deck_id, first_reviewed)"
    ),
    (
        "CREATE TABLE review_log (\n"
        "\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n"
        "\tcard_id VARCHAR NOT NULL, \n"
        "\tdeck_id VARCHAR NOT NULL, \n"
        "\tstudy_day DATE NOT NULL, \n"
        "\treviewed_at DATETIME NOT NULL, \n"
        "\tgrade INTEGER NOT NULL, \n"
        "\tresponse_ms INTEGER NOT NULL, \n"
        "\tkind VARCHAR NOT NULL, \n"
        "\tbefore_repetitions INTEGER NOT NULL, \n"
        "\tbefore_easiness INTEGER NOT NULL, \n"
        "\tbefore_interval INTEGER NOT NULL, \n"
        "\tbefore_due DATE, \n"
        "\tafter_repetitions INTEGER NOT NULL, \n"
        "\tafter_easiness INTEGER NOT NULL, \n"
        "\tafter_interval INTEGER NOT NULL, \n"
        "\tafter_due DATE, \n"
        "\tbefore_stability FLOAT, \n"
        "\tbefore_difficulty FLOAT, \n"
        "\tbefore_phase VARCHAR, \n"
        "\tbefore_reviews INTEGER DEFAULT '0' NOT NULL, \n"
        "\tafter_stability FLOAT, \n"
        "\tafter_difficulty FLOAT, \n"
        "\tafter_phase VARCHAR, \n"
        "\tafter_reviews INTEGER DEFAULT '0' NOT NULL, \n"
        "\tplayer VARCHAR DEFAULT '' NOT NULL, \n"
        "\tFOREIGN KEY(card_id) REFERENCES card (id), \n"
        "\tFOREIGN KEY(deck_id) REFERENCES deck (id)\n"
        ")"
    ),
    "CREATE INDEX ix_review_log_card_player ON review_log (card_id, player, study_day)",
    "CREATE INDEX ix_review_log_player_deck_day ON review_log (player, deck_id, study_day)",
    (
        "CREATE TABLE speed_round (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tdeck_id VARCHAR NOT NULL, \n"
        "\tseed INTEGER NOT NULL, \n"
        "\tseconds INTEGER NOT NULL, \n"
        "\tstarted_at DATETIME NOT NULL, \n"
        "\tfinished_at DATETIME, \n"
        "\tscore INTEGER NOT NULL, \n"
        "\tcorrect INTEGER NOT NULL, \n"
        "\twrong INTEGER NOT NULL, \n"
        "\tbest_streak INTEGER NOT NULL, \n"
        "\taborted BOOLEAN NOT NULL, \n"
        "\tfinished BOOLEAN NOT NULL, \n"
        "\tplayer VARCHAR DEFAULT '' NOT NULL, \n"
        "\tchallenge VARCHAR, \n"
        "\tPRIMARY KEY (id), \n"
        "\tFOREIGN KEY(deck_id) REFERENCES deck (id), \n"
        "\tFOREIGN KEY(challenge) REFERENCES challenge (code)\n"
        ")"
    ),
    "CREATE INDEX ix_speed_round_challenge ON speed_round (challenge)",
    "CREATE INDEX ix_speed_round_deck_score ON speed_round (deck_id, score)",
    (
        "CREATE TABLE speed_answer (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tround_id INTEGER NOT NULL, \n"
        "\tposition INTEGER NOT NULL, \n"
        "\tcard_id VARCHAR NOT NULL, \n"
        "\tkind VARCHAR NOT NULL, \n"
        "\toptions JSON NOT NULL, \n"
        "\tchosen INTEGER, \n"
        "\t\"right\" INTEGER NOT NULL, \n"
        "\tcorrect BOOLEAN NOT NULL, \n"
        "\tresponse_ms INTEGER NOT NULL, \n"
        "\tpoints INTEGER NOT NULL, \n"
        "\tPRIMARY KEY (id), \n"
        "\tFOREIGN KEY(round_id) REFERENCES speed_round (id), \n"
        "\tFOREIGN KEY(card_id) REFERENCES card (id)\n"
        ")"
    ),
    "CREATE INDEX ix_speed_answer_round ON speed_answer (round_id, position)",
)
# fmt: on


def generate() -> tuple[str, ...]:
    """The CREATE statements `metadata.create_all` runs on SQLite, in its order."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    from quizzer.store.tables import metadata

    dialect = sqlite.dialect()
    statements: list[str] = []
    for table in metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda index: str(index.name)):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return tuple(statements)


def _write() -> None:
    path = Path(__file__)
    text = path.read_text(encoding="utf-8")
    opening = "STATEMENTS: tuple[str, ...] = (\n"
    start = text.index(opening) + len(opening)
    end = text.index(")\n# fmt: on")
    body = "".join(_literal(statement) for statement in generate())
    path.write_text(text[:start] + body + text[end:], encoding="utf-8")


def _literal(statement: str) -> str:
    """`statement` as a Python literal of one string per SQL line (lines under 100)."""
    lines = statement.splitlines(keepends=True)
    if len(lines) == 1 and len(json.dumps(statement)) <= 94:
        return f"    {json.dumps(statement)},\n"
    if len(lines) == 1:  # a long index: cut before its column list
        cut = statement.rindex(" (")
        lines = [statement[:cut], statement[cut:]]
    return "    (\n" + "".join(f"        {json.dumps(line)}\n" for line in lines) + "    ),\n"


if __name__ == "__main__":
    _write()
    sys.exit(0)
