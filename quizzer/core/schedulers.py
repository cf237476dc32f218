"""The schedulers quizzer knows, by name. Adding one: write a module with a class that
fits `quizzer.core.scheduler.Scheduler` and add one line to SCHEDULERS."""

from __future__ import annotations

from functools import cache
from typing import Protocol

from quizzer.core.scheduler import Scheduler
from quizzer.core.sm2_scheduler import SM2Scheduler

__all__ = ["DEFAULT_SCHEDULER", "SCHEDULERS", "SchedulerFactory", "scheduler_for"]


class SchedulerFactory(Protocol):
    """Makes a scheduler from the learner's settings."""

    def __call__(self, *, max_interval: int | None = None) -> Scheduler: ...


SCHEDULERS: dict[str, SchedulerFactory] = {
    "sm2": SM2Scheduler,
}

DEFAULT_SCHEDULER = "sm2"


def scheduler_for(name: str = DEFAULT_SCHEDULER, *, max_interval: int | None = None) -> Scheduler:
    """The scheduler called `name`, with the learner's interval cap (None: no cap)."""
    return _made(name, max_interval)


@cache  # schedulers are immutable, and the Store asks for one on every answer
def _made(name: str, max_interval: int | None) -> Scheduler:
    try:
        factory = SCHEDULERS[name]
    except KeyError:
        raise ValueError(f"unknown scheduler {name!r}") from None
    return factory(max_interval=max_interval)
