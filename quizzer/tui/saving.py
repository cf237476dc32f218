"""Database writes made on a key press, without freezing the screen when the database
is busy.

A write normally commits in a few milliseconds, so a screen waits for it (at most
GRACE_SECONDS) and goes on exactly as before: the next card is drawn only once the
answer is on disk. When another program holds SQLite's write lock (another quizzer
committing, or one stopped in the middle of a transaction), the write goes on in the
background, retried after every busy timeout until the lock frees: the screen says so
(BUSY_NOTICE), keeps answering keys, and gives no second answer while one is pending.
The same holds while a PostgreSQL server is away (restarted): its backend reports that
as DatabaseBusy too, after trying to reconnect for a few seconds.

All of an app's writes run in order on one thread (`Saves`), so they commit in the
order they were given. A write given to a Saver must be safe to give again: it may have
failed after some of its transactions committed (a grade that retires a leech is two),
or at a COMMIT whose fate the server could not tell (PostgreSQL: it may have taken
effect). Each one here is: a grade logs its answer once (ReviewSession.grade), an undo
finds its entry gone, `n` asks for the same total of extra new cards, a speed answer
finds its position taken, a round's finish finds it finished.

`q` with a write pending waits for it and quits once it is saved; a second `q` quits at
once and says what was not saved (`Saves.close`).

The thread is a plain single-worker executor rather than a Textual worker: a Textual
worker starts on the next turn of the event loop, and the screen must be able to wait
for a fast write before it returns from the key press.
"""

from __future__ import annotations

import inspect
import threading
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from textual.app import App
from textual.screen import Screen
from textual.timer import Timer

from quizzer.errors import DatabaseBusy, QuizzerError

__all__ = [
    "BUSY_NOTICE",
    "GRACE_SECONDS",
    "QUIT_NOTICE",
    "Saver",
    "Saves",
    "quit_now",
    "saves_of",
    "unsaved_error",
]

BUSY_NOTICE = "Saving... the database is busy or away; your answer is kept and will be saved"
QUIT_NOTICE = (
    "Your last answer is not saved yet (the database is busy): quizzer quits as soon as "
    "it is. Press q again to quit without saving it."
)
GRACE_SECONDS = 0.5
"""How long a key press waits for its write before the screen moves it to the
background and shows BUSY_NOTICE (a commit takes milliseconds unless a lock is held)."""
POLL_SECONDS = 0.1

T = TypeVar("T")


class _Write(Generic[T]):
    """One write, run on the saving thread: retried while the database is busy, until
    it commits, fails otherwise, or is given up (the learner quit without it)."""

    def __init__(self, write: Callable[[], T]) -> None:
        self._write = write
        self.done = threading.Event()
        self.given_up = threading.Event()
        self.saved = False
        self.result: T | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.given_up.is_set():
                try:
                    self.result = self._write()
                except DatabaseBusy:
                    continue  # nothing was written; the busy timeout was the wait
                self.saved = True
                return
        except BaseException as error:  # handed to the UI thread, which raises it
            self.error = error
        finally:
            self.done.set()


class Saves:
    """An app's writes, run one at a time in the order given, and the quit request."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quizzer-save")
        self._writes: list[_Write[Any]] = []
        self.quit_requested = False

    @property
    def pending(self) -> bool:
        """Some write is not committed yet."""
        return any(not write.done.is_set() for write in self._writes)

    def submit(self, write: _Write[Any]) -> None:
        self._writes = [w for w in self._writes if not w.saved]
        self._writes.append(write)
        self._executor.submit(write.run)

    def give_up(self) -> None:
        """Stop retrying: the learner quits without waiting for the database."""
        for write in self._writes:
            write.given_up.set()

    def close(self) -> int:
        """Give up the writes still waiting for the database, wait for the attempt in
        progress (at most one busy timeout), and return how many were not saved."""
        self.give_up()
        self._executor.shutdown(wait=True)
        return sum(not write.saved and write.error is None for write in self._writes)


_SAVES: WeakKeyDictionary[App[Any], Saves] = WeakKeyDictionary()


def saves_of(app: App[Any]) -> Saves:
    """The app's `Saves` (made on first use)."""
    saves = _SAVES.get(app)
    if saves is None:
        saves = _SAVES[app] = Saves()
    return saves


class Saver:
    """A screen's writes. `save` runs one and calls `then` with its result on the UI
    thread once it is committed, in the order the writes were given. `on_busy(True)`
    when a write is still waiting after GRACE_SECONDS, `on_busy(False)` once all are
    saved."""

    def __init__(self, screen: Screen[Any], on_busy: Callable[[bool], object]) -> None:
        self._screen = screen
        self._on_busy = on_busy
        self._waiting: deque[tuple[_Write[Any], Callable[[Any], object] | None]] = deque()
        self._timer: Timer | None = None
        self.busy = False
        """BUSY_NOTICE is up: a write has waited past GRACE_SECONDS and is not saved."""

    @property
    def pending(self) -> bool:
        """A write given on this screen is not committed (or not yet followed up)."""
        return bool(self._waiting)

    async def save(
        self, write: Callable[[], T], then: Callable[[T], Awaitable[object] | object] | None = None
    ) -> None:
        """Commit `write()` (a Store call) off the UI thread; wait for it briefly when
        nothing else is queued, else leave it to the background."""
        if self._enqueue(write, then):
            await self._follow_up()

    def submit(self, write: Callable[[], T], then: Callable[[T], object] | None = None) -> None:
        """`save` for callers that cannot await; `then` must not be a coroutine."""
        if self._enqueue(write, then):
            for followed in self._finished():
                assert not inspect.isawaitable(followed), "use save() for async follow-ups"
            self._settled()

    def _enqueue(self, write: Callable[[], T], then: Callable[[T], object] | None) -> bool:
        """Queue the write; True when it committed within GRACE_SECONDS."""
        job: _Write[T] = _Write(write)
        first = not self._waiting
        self._waiting.append((job, then))
        saves_of(self._screen.app).submit(job)
        if first and job.done.wait(GRACE_SECONDS):
            return True
        if not self.busy:
            self.busy = True
            self._on_busy(True)
        if self._timer is None:
            self._timer = self._screen.set_interval(POLL_SECONDS, self._follow_up)
        return False

    async def _follow_up(self) -> None:
        """Hand the finished writes' results to their `then`, in order."""
        for followed in self._finished():
            if inspect.isawaitable(followed):
                await followed
        self._settled()

    def _finished(self) -> Iterator[object]:
        """Call the `then` of each write finished so far, in order; yield what each
        returned (an awaitable for an async `then`)."""
        while self._waiting and self._waiting[0][0].done.is_set():
            job, then = self._waiting.popleft()
            if job.error is not None:
                self._stop()
                raise job.error
            if job.saved and then is not None:  # not saved: given up, the app is quitting
                yield then(job.result)

    def _settled(self) -> None:
        if self._waiting:
            return
        self._stop()
        if self.busy:
            self.busy = False
            self._on_busy(False)
        saves = saves_of(self._screen.app)
        if saves.quit_requested and not saves.pending:
            self._screen.app.exit()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


def quit_now(app: App[Any]) -> bool:
    """Whether `q` may quit now: yes when nothing is unsaved. With a write pending, the
    first `q` asks the app to quit once it is saved (and says so); the next one gives
    the writes up and quits."""
    saves = saves_of(app)
    if not saves.pending:
        return True
    if not saves.quit_requested:
        saves.quit_requested = True
        app.notify(QUIT_NOTICE, title="Saving", severity="warning", timeout=10, markup=False)
        return False
    saves.give_up()
    return True


def unsaved_error(count: int) -> QuizzerError:
    """What the command line reports after quitting without waiting for the database."""
    answers = "1 answer was" if count == 1 else f"{count} answers were"
    return QuizzerError(
        f"quit while the database was busy (another program held its write lock): "
        f"{answers} not saved"
    )
