"""`quizzer optimize [DECK]`: fit FSRS's weights to the learner's own review log.

The fit needs the optional optimiser (`pip install "quizzer[optimizer]"`, which brings
fsrs-rs-python, a small compiled wheel with no other dependencies); without it the
command says what to install and exits 1. About a fifth of the cards (always the same
ones) are held out: the weights are fitted on the others' reviews, and the log loss of
FSRS's recall predictions on the held-out reviews is printed with the default weights
and with the fitted ones. Better fitted weights are stored in config.toml
(`fsrs_parameters`, under `[decks."<id>"]` for one deck) and the decks they apply to,
when under FSRS, are replayed with them at once (the log stays the truth).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from quizzer.errors import QuizzerError

if TYPE_CHECKING:
    from quizzer.core.schedule import QueueSettings

__all__ = ["INSTALL_HINT", "run"]

INSTALL_HINT = (
    'the FSRS optimiser is not installed: pip install "quizzer[optimizer]"'
    " (it adds the fsrs-rs-python package)"
)
MIN_REVIEWS = 32
"""Fewer training reviews than this fit nothing worth keeping."""


def run(args: argparse.Namespace, settings: QueueSettings) -> int:
    try:
        import fsrs_rs_python as optimiser
    except ImportError:
        raise QuizzerError(INSTALL_HINT) from None
    from quizzer.commands import deck_dirs, open_store
    from quizzer.config_edit import write_setting
    from quizzer.core.fsrs_history import held_out, review_sequences, training_items
    from quizzer.core.schedulers import deck_scheduler, scheduler_for
    from quizzer.library import resolve_deck
    from quizzer.paths import config_path
    from quizzer.text import printable

    with open_store(args) as store:
        if args.deck is not None:
            deck_ids = [resolve_deck(store, args.deck, deck_dirs(args))]
        else:
            deck_ids = store.deck_ids()
        train: list[Any] = []
        test: list[Any] = []
        for deck_id in deck_ids:
            for card_id, sequence in review_sequences(store.answers(deck_id)).items():
                items = [
                    optimiser.FSRSItem([optimiser.FSRSReview(b, d) for b, d in item])
                    for item in training_items(sequence)
                ]
                (test if held_out(card_id) else train).extend(items)
        where = printable(args.deck) if args.deck is not None else "your decks"
        if len(train) < MIN_REVIEWS or not test:
            raise QuizzerError(
                f"{where}: too few reviews on a later day to fit FSRS"
                f" ({len(train)} to learn from, {len(test)} held out; {MIN_REVIEWS} needed)"
            )
        if args.deck is None:
            current = settings.fsrs_parameters
        else:
            current = settings.scheduling(deck_ids[0])[2]
        start = list(current or optimiser.DEFAULT_PARAMETERS)
        fitted = [round(w, 4) for w in optimiser.FSRS(start).compute_parameters(train)]
        before = optimiser.FSRS(start).evaluate(test).log_loss
        after = optimiser.FSRS(fitted).evaluate(test).log_loss
        print(f"{where}: {len(train)} reviews to learn from, {len(test)} held out")
        print(f"log loss on held-out reviews: {before:.4f} before, {after:.4f} after")
        if after >= before:
            print("the fitted weights predict no better: config.toml is unchanged")
            return 0
        try:
            scheduler_for("fsrs", parameters=tuple(fitted))
        except ValueError:
            print("the fitted weights are outside FSRS's bounds: config.toml is unchanged")
            return 0
        table = [] if args.deck is None else ["decks", deck_ids[0]]
        write_setting(config_path(), table, "fsrs_parameters", fitted)
        print(f"fsrs_parameters written to {config_path()}")
        settings = _with_weights(settings, None if args.deck is None else deck_ids[0], fitted)
        for deck_id in deck_ids:
            scheduler = deck_scheduler(settings, deck_id)
            if scheduler.name == "fsrs":
                outcome = store.switch_scheduler(deck_id, scheduler, replay_all=True)
                print(
                    f"{printable(deck_id)}: {outcome.replayed} cards replayed with the new"
                    f" weights, {outcome.due_changed} changed due date"
                )
    return 0


def _with_weights(
    settings: QueueSettings, deck_id: str | None, weights: list[float]
) -> QueueSettings:
    """`settings` as config.toml now has them."""
    from dataclasses import replace

    from quizzer.core.schedule import DeckScheduling

    if deck_id is None:
        return replace(settings, fsrs_parameters=tuple(weights))
    own = settings.decks.get(deck_id, DeckScheduling())
    decks = {**settings.decks, deck_id: replace(own, fsrs_parameters=tuple(weights))}
    return replace(settings, decks=decks)
