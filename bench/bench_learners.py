"""Simulated learners: what SM-2 and FSRS teach per minute of study.

Every learner studies the same kind of deck three times over, once per scheduler (SM-2,
FSRS aiming at 0.9, FSRS aiming at 0.8), with the same cards (the same difficulties) each
time: 1,000 cards, 365 study days, up to 20 new cards a day, 8 s per answer. The day's
cards come from quizzer's own queue (`daily_queue`: due cards most overdue first, at most
200, then new cards) and are walked by its `ReviewQueue` (a card graded below 4 comes back
later the same day until it is graded 4 or 5); every answer goes through the scheduler in
quizzer.core exactly as the Store's would, re-drill kind included.

The learner's memory (deliberately not FSRS's own model): exponential forgetting.

- Card c has a difficulty d_c ~ Uniform(0, 1). Its memory is a stability S (days) and
  the time of its last exposure t0; at time t the learner recalls it with probability
  R = exp(-(t - t0) / S).
- A new card is unknown: its first answer is wrong (R = 0, so mostly graded 0, which
  costs SM-2 0.8 of easiness; the learner then reads the answer) and sets
  S = S_first = (1 + 3 (1 - d_c)) * e1, e1 ~ LogNormal(0, 0.3).
- A recalled card (drawn with probability R) gains stability, drawn at random each time:
  S <- S * (1 + 15 (1 - 0.7 d_c) (0.02 + 1 - R) * e2), e2 ~ LogNormal(0, 0.4): a review
  at low R teaches more (spacing: x2.2 at R = 0.9 for d_c = 0.5), one right after the
  last little (x1.3 for a same-day re-drill).
- A forgotten card loses most of it: S <- max(S_first / 2, 0.25 S * e3),
  e3 ~ LogNormal(0, 0.3).
- Every answer, right or wrong, is an exposure: t0 <- t. Answers of one day happen at
  t = day, re-drills 15 minutes apart.
- Grades, from the felt ease F = R + N(0, 0.1): recalled 5 if F >= 0.9, 4 if F >= 0.6,
  else 3; forgotten 2 if F >= 0.5, 1 if F >= 0.2, else 0. FSRS reads them as its buttons
  through quizzer's mapping (0-2 Again, 3 Hard, 4 Good, 5 Easy).

Reported per scheduler, over learners (median, and the tail that hurts: p99 of the cost,
p1 of the result): answers given, study minutes (8 s each), the share of scheduled
reviews recalled (the retention a scheduler really got, new cards' first answers left
out), recall on day 365 (the learner's true R averaged over all 1,000 cards the morning
after the last study day) and cards known at the end (the sum of R) per hour of study.

A learner's year under all three schedulers takes about 1.1 s of CPU (an FSRS answer
costs about 18 us in core; the simulation around each answer about as much). 100
learners, the default, took 54.5 s on 2 processes of an otherwise idle 2-core machine.

Prints figures; asserts nothing. Run:
`.venv/bin/python bench/bench_learners.py [--learners N] [--seed S] [--jobs J] [--json]`
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from quizzer.core.schedule import CardSchedule, QueueSettings, ReviewQueue, daily_queue
from quizzer.core.scheduler import Scheduler
from quizzer.core.schedulers import scheduler_for

CARDS = 1000
DAYS = 365
NEW_PER_DAY = 20
SECONDS_PER_ANSWER = 8
REDRILL_DAYS = 15 / (24 * 60)
GAIN, GAIN_FLOOR = 15.0, 0.02
LEARNERS = 100  # under a minute on 2 idle cores (see the docstring)
DAY0 = date(2026, 1, 5)
SCHEDULERS: dict[str, tuple[str, float]] = {
    "SM-2": ("sm2", 0.9),
    "FSRS 0.9": ("fsrs", 0.9),
    "FSRS 0.8": ("fsrs", 0.8),
}

COLUMNS = {
    "answers": "answers",
    "minutes": "study min",
    "review_recall": "recalled at review",
    "recall": "recall day 365",
    "known_per_hour": "known per hour",
}


@dataclass(frozen=True)
class Outcome:
    """One learner's year under one scheduler."""

    answers: int
    minutes: float
    review_recall: float
    recall: float
    known_per_hour: float


def simulate(scheduler: Scheduler, learner_seed: str, scheduler_seed: str) -> Outcome:
    """One learner's year (see the module docstring for the memory model)."""
    deck = random.Random(learner_seed)
    difficulty = [deck.random() for _ in range(CARDS)]
    first_gain = [deck.lognormvariate(0, 0.3) for _ in range(CARDS)]
    rng = random.Random(scheduler_seed)
    ids = [f"sim/deck/{n:04d}" for n in range(CARDS)]
    index = {card_id: n for n, card_id in enumerate(ids)}
    states = [scheduler.initial_state() for _ in range(CARDS)]
    stability = [0.0] * CARDS  # 0: never seen
    first_stability = [0.0] * CARDS
    seen_at = [0.0] * CARDS
    due_on: dict[int, list[int]] = defaultdict(list)  # day -> cards (checked when due)
    due_now: set[int] = set()
    next_new = 0
    settings = QueueSettings(new_per_day=NEW_PER_DAY)
    answers = reviews = recalls = 0
    for day in range(DAYS):
        today = DAY0 + timedelta(days=day)
        for n in due_on.pop(day, ()):
            due = states[n].due
            if due is not None and (due - DAY0).days == day:
                due_now.add(n)
        candidates = [CardSchedule(ids[n], n, states[n].due) for n in due_now]
        new = range(next_new, min(CARDS, next_new + NEW_PER_DAY))
        candidates += [CardSchedule(ids[n], n, None) for n in new]
        queue = ReviewQueue(
            daily_queue(
                candidates,
                today,
                new_introduced_today=0,
                reviews_done_today=0,
                settings=settings,
                seed=day,
            )
        )
        clock: dict[int, float] = {}
        while (card_id := queue.current) is not None:
            n = index[card_id]
            kind = queue.kind_of_current or "scheduled"
            t = clock[n] = clock[n] + REDRILL_DAYS if n in clock else float(day)
            if stability[n] == 0.0:  # a new card: unknown until this answer shows it
                recall, recalled = 0.0, False
                next_new = max(next_new, n + 1)
            else:
                recall = math.exp(-(t - seen_at[n]) / stability[n])
                recalled = rng.random() < recall
                if kind == "scheduled":
                    reviews += 1
                    recalls += recalled
            felt = recall + rng.gauss(0, 0.1)
            if recalled:
                grade = 5 if felt >= 0.9 else 4 if felt >= 0.6 else 3
                gain = GAIN * (1 - 0.7 * difficulty[n]) * (GAIN_FLOOR + 1 - recall)
                stability[n] *= 1 + gain * rng.lognormvariate(0, 0.4)
            else:
                grade = 2 if felt >= 0.5 else 1 if felt >= 0.2 else 0
                if stability[n] == 0.0:
                    stability[n] = first_stability[n] = (1 + 3 * (1 - difficulty[n])) * first_gain[
                        n
                    ]
                else:
                    lapse = 0.25 * stability[n] * rng.lognormvariate(0, 0.3)
                    stability[n] = max(first_stability[n] / 2, lapse)
            seen_at[n] = t
            before = states[n]
            states[n], _ = scheduler.answer(before, grade, kind, today, card_id=card_id)
            due = states[n].due
            if states[n] is not before and due is not None:
                due_now.discard(n)
                due_on[(due - DAY0).days].append(n)
            queue.answer(grade)
            answers += 1
    known = sum(math.exp(-(DAYS - seen_at[n]) / s) for n, s in enumerate(stability) if s > 0)
    minutes = answers * SECONDS_PER_ANSWER / 60
    return Outcome(answers, minutes, recalls / reviews, known / CARDS, known / (minutes / 60))


def learner(task: tuple[int, int]) -> dict[str, Outcome]:
    """Learner number `task[1]` of seed `task[0]`, under every scheduler."""
    seed, number = task
    return {
        label: simulate(
            scheduler_for(name, desired_retention=retention),
            f"{seed}/{number}",
            f"{seed}/{number}/{label}",
        )
        for label, (name, retention) in SCHEDULERS.items()
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--learners", type=int, default=LEARNERS, help=f"learners (default {LEARNERS})"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    jobs = min(2, os.cpu_count() or 1)
    parser.add_argument("--jobs", type=int, default=jobs, help=f"processes (default {jobs})")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.learners < 1 or args.jobs < 1:
        parser.error("--learners and --jobs must be at least 1")

    started = time.perf_counter()
    tasks = [(args.seed, n) for n in range(args.learners)]
    if args.jobs == 1:
        results = [learner(task) for task in tasks]
    else:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(learner, tasks))
    seconds = time.perf_counter() - started
    peak_kib = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )

    figures: dict[str, dict[str, dict[str, float]]] = {}
    for label in SCHEDULERS:
        outcomes = [asdict(result[label]) for result in results]
        figures[label] = {}
        for metric in COLUMNS:
            tail = 0.99 if metric in ("answers", "minutes") else 0.01
            values = [outcome[metric] for outcome in outcomes]
            figures[label][metric] = {
                "median": statistics.median(values),
                f"p{round(tail * 100)}": percentile(values, tail),
            }
    if args.json:
        report = {
            "learners": args.learners,
            "seed": args.seed,
            "cards": CARDS,
            "days": DAYS,
            "new_per_day": NEW_PER_DAY,
            "seconds_per_answer": SECONDS_PER_ANSWER,
            "schedulers": figures,
            "wall_seconds": round(seconds, 1),
            "peak_memory_mib": round(peak_kib / 1024, 1),
        }
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{args.learners} learners, seed {args.seed}: {CARDS} cards, {DAYS} days, "
        f"{NEW_PER_DAY} new a day, {SECONDS_PER_ANSWER} s an answer; "
        "median [p99 of answers and minutes, p1 of the rest]"
    )
    print(f"{'scheduler':<9}" + "".join(f"{title:>19}" for title in COLUMNS.values()))
    for label, row in figures.items():
        cells = []
        for metric in COLUMNS:
            median, tail = row[metric].values()
            if metric in ("review_recall", "recall"):
                cells.append(f"{median:>10.1%} [{tail:>5.1%}]")
            elif metric == "known_per_hour":
                cells.append(f"{median:>10.1f} [{tail:>5.1f}]")
            else:
                cells.append(f"{median:>10.0f} [{tail:>5.0f}]")
        print(f"{label:<9}" + "".join(f"{cell:>19}" for cell in cells))
    print(f"wall {seconds:.1f} s, {args.jobs} process(es), peak memory {peak_kib / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
