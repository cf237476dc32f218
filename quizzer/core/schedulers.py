"""The schedulers quizzer knows, by name. Adding one: write a module with a class that
fits `quizzer.core.scheduler.Scheduler` and add one line to SCHEDULERS."""

from __future__ import annotations

from functools import cache
from typing import Protocol

from quizzer.core.fsrs_scheduler import DEFAULT_DESIRED_RETENTION, FSRSScheduler
from quizzer.core.scheduler import Scheduler
from quizzer.core.sm2_scheduler import SM2Scheduler

__all__ = ["DEFAULT_SCHEDULER", "SCHEDULERS", "SchedulerFactory", "scheduler_for"]


class SchedulerFactory(Protocol):
    """Makes a scheduler from the learner's settings (each takes the ones it uses)."""

    def __call__(
        self, *, max_interval: int | None = None, desired_retention: float = ...
    ) -> Scheduler: ...


def _sm2(
    *, max_interval: int | None = None, desired_retention: float = DEFAULT_DESIRED_RETENTION
) -> Scheduler:
    return SM2Scheduler(max_interval=max_interval)  # SM-2 has no retention target


SCHEDULERS: dict[str, SchedulerFactory] = {
    "sm2": _sm2,
    "fsrs": FSRSScheduler,
}

DEFAULT_SCHEDULER = "sm2"


def scheduler_for(
    name: str = DEFAULT_SCHEDULER,
    *,
    max_interval: int | None = None,
    desired_retention: float = DEFAULT_DESIRED_RETENTION,
) -> Scheduler:
    """The scheduler called `name`, with the learner's interval cap (None: no cap) and,
    for FSRS, retention target (0.70-0.97; ValueError otherwise)."""
    return _made(name, max_interval, desired_retention)


@cache  # schedulers are immutable, and the Store asks for one on every answer
def _made(name: str, max_interval: int | None, desired_retention: float) -> Scheduler:
    try:
        factory = SCHEDULERS[name]
    except KeyError:
        raise ValueError(f"unknown scheduler {name!r}") from None
    return factory(max_interval=max_interval, desired_retention=desired_retention)
