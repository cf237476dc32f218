"""Importing an Anki package: read, plan the decks, check them, stage the media, then
sync the decks, log the history and write the deck files: one transaction.

Every note is in its deck file, and each of its cards follows its Anki card's suspension
at every import: a card suspended in Anki is out of the schedule (retired as quizzer
retires a leech, its history kept, marked as the import's), and a card an earlier import
took out so is back in it when the package has it active (unsuspended in Anki since). A
leech quizzer retired stays out whatever the package says (docs/import-export.md,
"Importing again").

The whole import runs with the cyclic collector paused (core/collector.py): it builds
hundreds of thousands of tuples, dicts, items and cards with no cycles, and by the time
the review log is written they are enough to set off a full collection over all of them
that frees nothing (about 50 ms of a 10k-note, 100k-answer import). The pause ends as the
import returns, its objects let go: the collection then due walks what is left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from quizzer.core.collector import collector_paused
from quizzer.core.images import IMAGE_MAX_BYTES
from quizzer.core.schedule import QueueSettings
from quizzer.errors import QuizzerError
from quizzer.interchange.anki_deck_ids import (
    NEWER_EXPORT,
    EarlierDecks,
    anki_deck_of,
    earlier_decks,
    header_line,
)
from quizzer.interchange.anki_decks import SUSPENDED, AnkiDeckPlan, plan_decks
from quizzer.interchange.anki_log import converting, write_anki_history
from quizzer.interchange.anki_moves import moved_warnings
from quizzer.interchange.anki_occlusion import PackageImages
from quizzer.interchange.apkg import AnkiCollection, extract_collection, read_collection
from quizzer.interchange.identity import ANKI_KEY_PREFIX, exported_deck_id
from quizzer.interchange.media import discard, stage_media
from quizzer.interchange.occlusion_draw import draw
from quizzer.interchange.report import ImportReport
from quizzer.interchange.safezip import SafeZip
from quizzer.interchange.writing import DeckOut, prepare, write_decks
from quizzer.store import Store
from quizzer.store.card_moves import move_histories
from quizzer.store.imports import HistoryOutcome

__all__ = ["import_package"]


@collector_paused()  # ends once the import's objects are let go: no collection over them
def import_package(
    store: Store,
    path: Path,
    *,
    folder: Path,
    history: bool,
    settings: QueueSettings,
    raw: bool = True,
    step: Callable[[str], None] = lambda text: None,
) -> ImportReport:
    """`raw=False`: log the history answer by answer even where the database could
    convert it (anki_log.py), as on PostgreSQL. `step` is told each long step."""
    report = ImportReport("anki")
    step(f"reading {path.name}")
    with (
        SafeZip(path) as package,
        extract_collection(package) as extracted,
        # the log's worker needs only the collection's file: it starts before the notes
        # and cards are read (some 50 ms of the bench's package)
        converting(store, extracted.file, history=history, raw=raw,
                   day_starts_at=settings.day_starts_at) as worker,
        read_collection(package, extracted) as collection,
    ):  # fmt: skip
        step(f"converting {_count(len(collection.notes), 'note')}")
        earlier = earlier_decks(store, folder)
        images = PackageImages(package, collection, folder)
        plans = plan_decks(collection, report.warnings, earlier, images)
        outs = [
            DeckOut(
                p.deck_id, p.title, p.active, labels=p.notes,
                description=p.description, returning=p.returning,
                header=f"{_first_line(p, earlier, path.name, collection.created)}\n{NEWER_EXPORT}",
                made_keys=None if p.returning else ANKI_KEY_PREFIX, stamps=frozenset(p.stamps),
            )
            for p in plans
        ]  # fmt: skip
        decks = prepare(store, outs, folder, "", report.warnings, earlier.moved)
        if not decks:
            raise QuizzerError(f"{path}: no card to import: {_none_written(collection, report)}")
        by_id = {p.deck_id: p for p in plans}
        for deck in decks:
            media = deck.path.with_name(f"{deck.out.deck_id}.media")
            if media.exists() and not deck.path.exists():  # not beside an import's deck file
                raise QuizzerError(
                    f"{media} exists and was not written by an import; move it, or import "
                    "into another folder with -o"
                )
        try:
            for deck in decks:
                plan = by_id[deck.out.deck_id]
                deck.media = stage_media(
                    package, collection.media, collection.media_sizes, collection.modern_media,
                    plan.media, deck.path.with_name(f"{plan.deck_id}.media"),
                )  # fmt: skip
                if plan.drawings and deck.media is not None:
                    _draw(deck.media, plan, deck.path.with_name(f"{plan.deck_id}.media"), step)
                if plan.too_large:
                    report.warnings.append(
                        f"{deck.path.name}: {len(plan.too_large)} image(s) over "
                        f"{IMAGE_MAX_BYTES // 2**20} MiB, copied but named as text "
                        f"(first: {min(plan.too_large)[:40]!r})"
                    )
                if plan.dropped:
                    front, char = plan.dropped[0]
                    report.warnings.append(
                        f"{deck.path.name}: a control character dropped from the text of "
                        f"{len(plan.dropped)} note(s) (deck text may not hold one; first: "
                        f"{front[:40]!r}, U+{ord(char):04X})"
                    )
                if plan.emptied:
                    _warn_emptied(deck.path.name, plan, {c.id for c in deck.cards}, report)
                if plan.missing:
                    first = min(plan.missing)
                    report.warnings.append(
                        f"{deck.path.name}: {len(plan.missing)} media file(s) named but not in "
                        f"the package, kept as text (first: {first[:40]!r})"
                    )
        except BaseException:
            for deck in decks:
                discard(deck.media)
            raise
        card_ids: dict[int, str] = {}
        suspended: dict[str, list[str]] = {}
        unsuspended: dict[str, set[str]] = {}  # cards Anki has active, by deck
        for deck in decks:
            present = {c.id for c in deck.cards}
            plan = by_id[deck.out.deck_id]
            ours = [
                (card_id, anki) for card_id, anki in plan.anki_cards.items() if card_id in present
            ]
            card_ids.update((anki.id, card_id) for card_id, anki in ours)
            suspended[deck.out.deck_id] = [c for c, anki in ours if anki.queue == SUSPENDED]
            unsuspended[deck.out.deck_id] = {c for c, anki in ours if anki.queue != SUSPENDED}

        # The folder's other decks (its file there, or there once): a note that left one
        # of them for a deck of this package moves, also when this package lacks it.
        left_decks = set(earlier.titles) - {deck.out.deck_id for deck in decks}

        def then() -> HistoryOutcome:
            # A note moved to another deck in Anki: its answers come with its new card.
            moves = move_histories(
                store, card_ids.values(), key_prefix=ANKI_KEY_PREFIX, left_decks=left_decks
            )
            if moves.left or moves.held_elsewhere:
                fronts = {c.id: c.front for d in decks for c in d.cards}
                report.warnings.extend(moved_warnings(moves, fronts))
            held = moves.held_elsewhere  # logged once per player: not again under a copy
            outcome = write_anki_history(
                store,
                collection,
                {anki: card_id for anki, card_id in card_ids.items() if card_id not in held},
                history=history,
                day_starts_at=settings.day_starts_at,
                raw=raw,
                worker=worker,
                progress=lambda done, cards: step(
                    f"writing the review history ({done:,} of {cards:,} cards)"
                ),
            )
            for deck_id, card_ids_of_deck in suspended.items():
                for card_id in card_ids_of_deck:
                    store.retire_leech(card_id, by_import=True)
                for card_id in store.suspended_by_import(deck_id) & unsuspended[deck_id]:
                    store.bring_back_leech(card_id)
            return outcome

        written = _count(len(decks), "deck file")
        step(f"writing {written} and the review history" if history else f"writing {written}")
        outcome = write_decks(store, folder, decks, then, step)
    report.answers_added, report.answers_known = outcome.answers_added, outcome.answers_known
    report.schedules_set = outcome.states_set
    for deck in decks:
        report.decks.append(
            {
                "id": deck.out.deck_id,
                "title": deck.out.title,
                "path": str(deck.path),
                "cards": len(deck.cards) - len(suspended[deck.out.deck_id]),
                "retired": len(suspended[deck.out.deck_id]),
                "kept": deck.kept,
            }
        )
    return report


def _draw(staging: Path, plan: AnkiDeckPlan, folder: Path, step: Callable[[str], None]) -> None:
    """Draw the deck's Image Occlusion images into its staged media (occlusion_draw.py),
    those its media `folder` holds linked from there, the status line counting them."""
    total = _count(len(plan.drawings), "Image Occlusion image")
    draw(staging, plan.drawings, folder, lambda done: step(f"drawing {total} ({done:,} done)"))


def _count(number: int, noun: str) -> str:
    return f"1 {noun}" if number == 1 else f"{number:,} {noun}s"


def _none_written(collection: AnkiCollection, report: ImportReport) -> str:
    """Why a package gave no deck file: it holds no notes, or each was left out (the
    first warning saying why, as a CSV's error does)."""
    if not collection.notes:
        return "the package holds no notes"
    why = [w for w in report.warnings if "left out" in w] or report.warnings
    return "every note was left out" + (f" (one of them: {why[0]})" if why else "")


def _first_line(plan: AnkiDeckPlan, earlier: EarlierDecks, package: str, created: int) -> str:
    """The deck file's first line, naming the Anki deck it comes from: this package's,
    or, when the package is quizzer's own export of the deck (under the Anki deck id
    the export gives it) and its file names another Anki deck, the line naming that one
    as it was, so that the next import of that Anki deck finds the file."""
    kept = earlier.first_lines.get(plan.deck_id)
    if plan.anki_id == exported_deck_id(plan.deck_id) and kept is not None:
        origin = anki_deck_of(kept)
        if origin is not None and origin.deck != plan.anki_id:
            return kept
    return header_line(package, plan.anki_id, created)


def _warn_emptied(name: str, plan: AnkiDeckPlan, present: set[str], report: ImportReport) -> None:
    """The deck file `name`'s one warning for its cloze notes written without an empty
    cloze of theirs (`{{c1::}}`, anki_kinds.without_empty_clozes): an Anki card that
    asked for nothing else is left out. No warning when the file holds none of them."""
    written = {card_id.rpartition("/")[0] for card_id in present}
    texts = [text for base, text in plan.emptied.items() if base in written]
    if texts:
        report.warnings.append(
            f"{name}: {len(texts)} cloze note(s) came in without their empty clozes "
            f"({{{{c1::}}}}, which ask for nothing; an Anki card of those alone was left out; "
            f"first: {texts[0][:40]!r})"
        )
