"""An Anki package's review log converted by a second process while this one plans,
checks and writes the decks: the conversion (history.converted_rows) is Python work, a
third of a second for 100k answers, that the GIL keeps on one core while another idles.

The worker is this module run with `python -m`. It reads the collection's extracted
file, converts every card's answers and writes them, with each card's AnswerSummary,
into a new SQLite database beside it (made in memory, written at once, removed with the
collection's folder); the Store attaches that database and reads it in place
(store/raw_log.py), with no Python work per answer on this side. It runs only where it
can pay: a log of WORKER_FROM answers or more, a core to spare, the local time zone
(the worker inherits the environment, TZ included, and checks that its zone is the
sender's). A worker that fails in any way (no Python to start, a log it cannot read, a
crash, a kill) costs only its time: this process then converts the log itself, as
without a worker, and a damaged log gives its usual error there. Stopped (killed,
reaped) at the end of the import whatever happened.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time as clock
from datetime import time
from pathlib import Path

from quizzer.interchange.anki_rows import ANSWER_BOUNDS, ANSWER_ROWS
from quizzer.interchange.apkg import AnswerBounds
from quizzer.interchange.history import converted_rows
from quizzer.store.raw_log import ROW_COLUMNS, ROW_TABLE, AnswerSummary, fits

__all__ = ["WORKER_FROM", "Converted", "LogWorker", "convertible", "usable_cpus"]

WORKER_FROM = 20_000
"""Answers from which a worker pays. It needs some 70 ms to start, then longer than this
process would per answer; it pays when the decks, planned and written meanwhile, take
longer than that. Against the import without one (medians of 6 alternating runs, a
quiet 2-core machine): 666 cards and 5,000 answers 0.14 s against 0.10 s; 1,900 and
14,000 0.24 s against 0.23 s; 3,000 and 23,000 0.35 s against 0.38 s; 6,000 and 46,000
0.62 s against 0.75 s; the bench's 12,000 and 100,000 1.42 s against 1.78 s. (With the
other core busy it costs time: none starts then, `_spare_core`.)"""
_SUMMARY = (
    "raw_summary (source INTEGER PRIMARY KEY, last_ms INTEGER, streak INTEGER, first_day INTEGER)"
)


def convertible(bounds: AnswerBounds) -> bool:
    """Whether a log with these bounds takes the fast path (store/raw_log.py)."""
    return (
        bool(bounds.answers)
        and not bounds.odd
        and fits(bounds.first_ms, bounds.last_ms, bounds.interval)
    )


class Converted:
    """A worker's answer: the database file of converted rows (store.raw_log.RawLog's)
    and each card's summary (history.carried_states')."""

    def __init__(self, database: Path) -> None:
        self.database = database
        reader = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
        try:
            self.summaries = {
                row[0]: AnswerSummary._make(row[1:])
                for row in reader.execute("SELECT * FROM raw_summary")
            }
        finally:
            reader.close()


class LogWorker:
    """The second process converting one collection's log (`start`)."""

    def __init__(self, process: subprocess.Popen[bytes], database: Path) -> None:
        self._process = process
        self._database = database

    @classmethod
    def start(cls, collection: Path, day_starts_at: time) -> LogWorker | None:
        """A worker converting the log of the collection extracted at `collection`
        (apkg.extract_collection), if one can pay (above); None if not, or if none
        could start."""
        if not _spare_core() or not sys.executable:  # (no Python to start: an embedded one)
            return None
        try:
            answers = _answers(collection)
        except sqlite3.Error:
            return None  # the import's own reading says what is wrong
        if answers < WORKER_FROM:
            return None
        database = collection.with_name("converted.sqlite")  # removed with the collection
        command = [
            sys.executable, "-P", "-m", __name__,  # -P: not a module of the working folder
            __file__, _zone(), str(collection), str(database), day_starts_at.isoformat(),
        ]  # fmt: skip
        quiet = subprocess.DEVNULL
        try:
            process = subprocess.Popen(command, stdin=quiet, stdout=quiet, stderr=quiet)
        except OSError:
            return None
        return cls(process, database)

    def result(self) -> Converted | None:
        """The converted log, once the worker is done; None if it failed or found the
        log not convertible (and wrote no database)."""
        if self._process.wait() != 0 or not self._database.exists():
            return None
        try:
            return Converted(self._database)
        except sqlite3.Error:
            return None

    def stop(self) -> None:
        """End the worker if it still runs, and reap it."""
        self._process.kill()  # (none sent if it has ended)
        self._process.wait()


def _answers(collection: Path) -> int:
    """How many rows the review log of the collection at `collection` holds (answers
    and manual changes alike: its size is what counts)."""
    source = sqlite3.connect(f"{collection.as_uri()}?mode=ro", uri=True)
    try:
        (answers,) = source.execute("SELECT count(*) FROM revlog").fetchone()
    finally:
        source.close()
    return int(answers)


def _spare_core() -> bool:
    """Whether a core is likely to idle beside this process: more than one CPU, and the
    processes wanting one (`_load`, this one included) at least half a CPU fewer at one
    of `_SAMPLES` moments some ms apart. A worker that has to share a core with this
    process or another's makes the import slower, not quicker (the bench's 100k answers,
    another process busy on the other core: 1.83 s against 1.75 s without a worker;
    medians of 8). One moment is not enough: a process runnable for an instant (a shell,
    a kernel thread) took the worker from one import in six timed here (1.7 s instead of
    1.25), while a busy process is runnable at every moment (in 1,000 tries with the
    other core mostly idle, 17 single readings saw another process and five readings
    2 ms apart never all did; with a busy loop on the other core, five always did)."""
    cpus = usable_cpus()
    if cpus < 2:
        return False
    for sample in range(_SAMPLES):
        if sample:
            clock.sleep(_SAMPLE_GAP)
        if _load() < cpus - 0.5:
            return True
    return False


_SAMPLES = 5
_SAMPLE_GAP = 0.002
"""Seconds between two readings of `_load`: a busy machine costs the import at most 8 ms
more before it goes on without a worker."""


def usable_cpus() -> int:
    """The CPUs this process may run on, no more than the whole CPUs of time its
    container's quota gives (`_quota`): a quota of 1.5 CPUs is one, where a worker would
    only take time from this process."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        cpus = os.cpu_count() or 1
    quota = _quota(_CGROUPS)
    return cpus if quota is None else min(cpus, int(quota))


_CGROUPS = Path("/sys/fs/cgroup")
"""Where Linux mounts the control groups; a container sees its own at the top."""


def _quota(cgroups: Path) -> float | None:
    """The CPUs of time a second gives the processes of the control group mounted at
    `cgroups`: cgroup v2's cpu.max ("<quota> <period>" in microseconds, "max <period>"
    for none) or v1's cpu/cpu.cfs_quota_us over cpu.cfs_period_us (-1 for none). None
    for no quota, and where none can be read or a value is not understood (no cgroup
    file system, not Linux): the CPUs are then counted as without a quota."""
    try:
        if (cgroups / "cpu.max").exists():
            quota, period = (cgroups / "cpu.max").read_text(encoding="ascii").split()
        else:
            quota = (cgroups / "cpu" / "cpu.cfs_quota_us").read_text(encoding="ascii")
            period = (cgroups / "cpu" / "cpu.cfs_period_us").read_text(encoding="ascii")
        cpus = int(quota) / int(period)
    except (OSError, ValueError, ZeroDivisionError):  # ("max": a ValueError)
        return None
    return cpus if cpus > 0 else None


def _load() -> float:
    """The processes wanting a CPU: on Linux those runnable at this moment (the fourth
    field of /proc/loadavg, running/all), elsewhere the last minute's load average
    (which lags: a burst that has ended still counts for a minute); none if unknown."""
    try:
        with open("/proc/loadavg", encoding="ascii") as file:
            return int(file.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every system
        return 0.0


def _convert(path: str, database: str, day_starts_at: time) -> None:
    """The worker's work: the collection at `path`, its log converted into a new SQLite
    database at `database` (none if the log does not take the fast path). Made in
    memory, then written at once."""
    source = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
    try:
        if not convertible(AnswerBounds._make(source.execute(ANSWER_BOUNDS).fetchone())):
            return
        out = sqlite3.connect(":memory:")
        out.execute(f"CREATE TABLE {ROW_TABLE}")
        summaries: dict[int, AnswerSummary] = {}
        rows = converted_rows(
            source.execute(ANSWER_ROWS), None, day_starts_at=day_starts_at, summaries=summaries
        )
        out.executemany(f"INSERT INTO raw_row VALUES ({', '.join('?' * len(ROW_COLUMNS))})", rows)
        out.execute(f"CREATE TABLE {_SUMMARY}")
        out.executemany(
            "INSERT INTO raw_summary VALUES (?, ?, ?, ?)",
            ((source_id, *summary) for source_id, summary in summaries.items()),
        )
        out.commit()
        with open(database, "xb") as file:
            file.write(out.serialize())
    finally:
        source.close()


def _zone() -> str:
    """The local time zone as `time` took it (at start-up or the last `tzset`)."""
    return f"{clock.tzname} {clock.timezone} {clock.altzone}"


if __name__ == "__main__":
    sender, zone, path, database, starts = sys.argv[1:]
    # Another quizzer's code, or another zone (TZ changed in the sender's environment but
    # not taken up there), could give other rows: the sender converts the log itself.
    if not os.path.samefile(sender, __file__) or zone != _zone():
        sys.exit("not the code or the time zone of the process that sent for it")
    _convert(path, database, time.fromisoformat(starts))
