"""The traced child of bench_startup.py (`--trace`): `quizzer review DECK`, or the bare
Textual floor, in a terminal, writing a timestamped line as each step of its start-up
ends (imports, App.run, the review screen's compose and mount, the Markdown rendered,
the first refresh, the terminal writes). Imports only what the command itself needs."""

from __future__ import annotations

from collections.abc import Callable


def traced_child(argv: list[str], trace: str, floor_child: Callable[[bool], int]) -> int:
    """`quizzer <argv>` (or the floor, `floor_child`) in a terminal, logging when each
    step ends; the environment variable `trace` says since when, and where to."""
    import time

    start_text, log_path = __import__("os").environ[trace].split(":", 1)
    start = float(start_text)
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 (open for the whole run)

    def mark(what: str) -> None:
        log.write(f"{(time.time() - start) * 1000:8.1f} ms  {what}\n")
        log.flush()

    mark("python started, bench script running")
    from textual.app import App
    from textual.drivers._writer_thread import WriterThread
    from textual.widgets import Markdown

    mark("textual.app, Markdown imported")
    writes = [0]
    original_write = WriterThread.write

    def write(self: WriterThread, text: str) -> None:
        writes[0] += 1
        if writes[0] <= 3 or len(text) > 1000:
            mark(f"terminal write #{writes[0]} queued: {len(text)} characters")
        original_write(self, text)

    WriterThread.write = write  # type: ignore[method-assign]
    original_run = App.run

    def run(self: App[object], *args: object, **kwargs: object) -> object:
        mark("App.run called")
        return original_run(self, *args, **kwargs)  # type: ignore[arg-type]

    App.run = run  # type: ignore[method-assign]
    original_markdown_mount = Markdown._on_mount

    async def markdown_mounted(self: Markdown, event: object) -> None:
        mark(f"Markdown #{self.id} mount starts")
        await original_markdown_mount(self, event)  # type: ignore[arg-type]
        mark(f"Markdown #{self.id} rendered")

    Markdown._on_mount = markdown_mounted  # type: ignore[method-assign]
    if argv == ["--floor"]:
        return floor_child(False)
    from quizzer.tui.screens.review import ReviewScreen

    mark("review screen imported")
    original_compose = ReviewScreen.compose
    original_mount = ReviewScreen.on_mount

    def compose(self: ReviewScreen) -> object:
        mark("review compose starts (session, first card)")
        yield from original_compose(self)
        mark("review compose done")

    def on_mount(self: ReviewScreen) -> None:
        mark("review screen mounted")
        original_mount(self)
        self.call_after_refresh(lambda: mark("review screen: after first refresh"))

    ReviewScreen.compose = compose  # type: ignore[assignment,method-assign]
    ReviewScreen.on_mount = on_mount  # type: ignore[method-assign]
    from quizzer.cli import main

    mark("quizzer.cli imported")
    return main(argv)
