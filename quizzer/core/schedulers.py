"""The schedulers quizzer knows, by name. Adding one: write a module with a class that
fits `quizzer.core.scheduler.Scheduler` and add one line to SCHEDULERS."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Protocol

from quizzer.core.scheduler import DEFAULT_DESIRED_RETENTION, Scheduler
from quizzer.core.sm2_scheduler import SM2Scheduler

if TYPE_CHECKING:
    from quizzer.core.schedule import QueueSettings

__all__ = [
    "DEFAULT_SCHEDULER",
    "SCHEDULERS",
    "SchedulerFactory",
    "deck_scheduler",
    "scheduler_for",
]


class SchedulerFactory(Protocol):
    """Makes a scheduler from the learner's settings (each takes the ones it uses)."""

    def __call__(
        self,
        *,
        max_interval: int | None = None,
        desired_retention: float = ...,
        parameters: tuple[float, ...] | None = None,
    ) -> Scheduler: ...


def _sm2(
    *,
    max_interval: int | None = None,
    desired_retention: float = DEFAULT_DESIRED_RETENTION,
    parameters: tuple[float, ...] | None = None,
) -> Scheduler:
    return SM2Scheduler(max_interval=max_interval)  # SM-2 has no retention target, no weights


def _fsrs(
    *,
    max_interval: int | None = None,
    desired_retention: float = DEFAULT_DESIRED_RETENTION,
    parameters: tuple[float, ...] | None = None,
) -> Scheduler:
    # Imported when a deck uses FSRS: the fsrs package costs ~15 ms of start-up.
    from quizzer.core.fsrs_scheduler import FSRSScheduler

    return FSRSScheduler(
        max_interval=max_interval, desired_retention=desired_retention, parameters=parameters
    )


SCHEDULERS: dict[str, SchedulerFactory] = {
    "sm2": _sm2,
    "fsrs": _fsrs,
}

DEFAULT_SCHEDULER = "sm2"


def scheduler_for(
    name: str = DEFAULT_SCHEDULER,
    *,
    max_interval: int | None = None,
    desired_retention: float = DEFAULT_DESIRED_RETENTION,
    parameters: tuple[float, ...] | None = None,
) -> Scheduler:
    """The scheduler called `name`, with the learner's interval cap (None: no cap) and,
    for FSRS, retention target (0.70-0.97; ValueError otherwise) and weights (None: the
    package's defaults)."""
    return _made(name, max_interval, desired_retention, parameters)


def deck_scheduler(settings: QueueSettings, deck_id: str) -> Scheduler:
    """The scheduler the learner's settings give the deck `deck_id`."""
    name, retention, parameters = settings.scheduling(deck_id)
    return scheduler_for(
        name,
        max_interval=settings.max_interval,
        desired_retention=retention,
        parameters=parameters,
    )


@cache  # schedulers are immutable, and the Store asks for one on every answer
def _made(
    name: str,
    max_interval: int | None,
    desired_retention: float,
    parameters: tuple[float, ...] | None,
) -> Scheduler:
    try:
        factory = SCHEDULERS[name]
    except KeyError:
        raise ValueError(f"unknown scheduler {name!r}") from None
    return factory(
        max_interval=max_interval, desired_retention=desired_retention, parameters=parameters
    )
