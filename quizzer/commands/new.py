"""`quizzer new PATH [--title T]`: write a commented starter deck.

The deck has one item of each section and of each card type, and as its first line the
header that lets an editor's YAML language server complete and check it against
`deck.schema.json`, which is written beside the deck when that file is not there yet.
The text is checked with the loader before anything is written, so what `new` writes
always passes `quizzer check`. An existing file is never overwritten: that, a name not
ending in .yaml and a blank title are usage errors (exit 2), like `check`'s bad paths.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from quizzer.core.deck import SLUG_MAX_LENGTH, SLUG_PATTERN
from quizzer.core.deck_schema import SCHEMA_FILE_NAME, schema_text
from quizzer.core.loader import LoadedDeck, default_deck_id, parse_deck
from quizzer.errors import QuizzerError
from quizzer.interchange.identity import deck_slug
from quizzer.text import printable

__all__ = ["run", "starter_deck"]

USAGE_ERROR = 2
FALLBACK_DECK_ID = "my-deck"

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A quizzer deck; every text in it is Markdown.
#   check it:   quizzer check {file}
#   review it:  quizzer review {file}
# A card keeps its review history while you edit its answer; rewording the term or
# question that names it starts a new card, unless you pin the card with `id:`.
{id_line}
title: {title}
description: What this deck is about, in a sentence or two.   # optional
source: Where the content comes from.                         # optional
tags: [starter]                                                # optional

terms:                      # a term and its definition: one card each way
  - term: Card key
    definition: What a card's review history hangs on, made from its term or question.
    example: "`猫` keeps the key `猫`; `C++` gets `c-plus-plus`."   # optional
    reverse: true           # optional: also ask definition -> term

mental_models:              # a picture to think with
  - name: A deck is a notebook
    summary: You write the pages; quizzer decides which page to show you today.
    mapping:                # optional, two or more: concept -> what stands for it
      deck file: the notebook
      schedule: the bookmark that says which page comes next

confusions:                 # a mistake people make, as a question
  - question: Does fixing a typo in an answer lose my progress?
    answer: No. Only rewording the term or question starts a new card.

cards:                      # anything else; `type:` is basic unless you say otherwise
  - front: Which command finds mistakes in a deck?
    back: "`quizzer check`, with the file, line and column of each."
  - type: cloze             # {{{{c1::answer}}}} or {{{{c1::answer::hint}}}}: one card per number
    text: A deck is one {{{{c1::YAML}}}} file that you keep in {{{{c2::git::where?}}}}.
  - type: choice            # 1 to 7 wrong options
    question: Which section turns a definition into a card?
    answer: terms
    distractors: [tags, source]
    explanation: Each term makes a card; with `reverse`, two.   # optional
  - type: true_false
    statement: A deck must pin an `id:` on every card.
    answer: false
    explanation: Without `id:`, the key is made from the card's text.   # optional
"""


def starter_deck(path: Path, title: str) -> str:
    """The starter deck's text for a file at `path` (its name gives the deck id)."""
    deck_id = default_deck_id(path)
    id_line = ""
    if len(deck_id) > SLUG_MAX_LENGTH or not re.fullmatch(SLUG_PATTERN, deck_id):
        spelled = deck_slug(path.stem, FALLBACK_DECK_ID)  # `日本語` -> `ribenyu`
        why = "choose one" if spelled == FALLBACK_DECK_ID else "this one is spelled from it"
        id_line = f"\nid: {spelled}   # the file name cannot be a deck id: {why}"
    return _TEMPLATE.format(
        schema=SCHEMA_FILE_NAME,
        file=_shown(path),
        id_line=id_line,
        # JSON's quoted string is a YAML double-quoted scalar: any title stays one line.
        title=json.dumps(title, ensure_ascii=False),
    )


def run(args: argparse.Namespace) -> int:
    path: Path = args.path
    title = args.title if args.title is not None else _title_of(path)
    if path.exists() or path.is_symlink():
        raise _exists(path)
    if path.suffix not in (".yaml", ".yml"):
        raise QuizzerError(f"a deck file name ends in .yaml: {path}", exit_code=USAGE_ERROR)
    if not title.strip():
        raise QuizzerError("--title: must hold some text", exit_code=USAGE_ERROR)
    text = starter_deck(path, title)
    checked = parse_deck(text.encode("utf-8"), str(path), default_deck_id(path))
    if not isinstance(checked, LoadedDeck):  # a title the deck format refuses
        raise QuizzerError(checked[0].render(), exit_code=USAGE_ERROR)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never over a file
            handle.write(text)
    except (FileExistsError, IsADirectoryError):  # made meanwhile
        raise _exists(path) from None
    except OSError as error:
        raise QuizzerError(f"cannot write {path}: {error.strerror or error}") from None
    print(printable(f"wrote {path}"))
    schema = path.parent / SCHEMA_FILE_NAME
    try:
        with schema.open("x", encoding="utf-8") as handle:
            handle.write(schema_text())
        print(printable(f"wrote {schema} (the schema editors check the deck with)"))
    except OSError:
        pass  # already there (kept as it is), or not writable: the deck is what matters
    print(printable(f"next: quizzer check {path}"))
    return 0


def _exists(path: Path) -> QuizzerError:
    message = f"{path} already exists; quizzer new never overwrites a file"
    return QuizzerError(message, exit_code=USAGE_ERROR)


def _title_of(path: Path) -> str:
    """`spanish-verbs.yaml` -> "Spanish verbs"."""
    words = path.stem.replace("_", " ").replace("-", " ").split()
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def _shown(path: Path) -> str:
    """The path as a comment may hold it: on one line, quoted when it has a space."""
    shown = printable(str(path))
    return f'"{shown}"' if " " in shown else shown
