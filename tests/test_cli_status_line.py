"""The status line a long command keeps on a terminal (commands/status_line.py): shown
in place on a terminal, cut to its width, wiped before any other line and at the end;
nothing at all when stderr is a file or a pipe."""

from __future__ import annotations

import io

import pytest

from quizzer.commands.status_line import StatusLine


class _Terminal(io.StringIO):
    """What a terminal is sent (a real one is in tests/interchange/test_import_status.py)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("LINES", "10")


def test_each_step_rewrites_the_line_and_the_end_wipes_it() -> None:
    terminal = _Terminal()
    with StatusLine(terminal) as status:
        status.step("converting 50,000 notes")
        status.step("writing 4 deck files")
    written = terminal.getvalue()
    assert written == (
        "\rquizzer: converting 50,000 notes..."
        "\rquizzer: writing 4 deck files...   "  # spaces over the longer line's end
        "\r" + " " * 32 + "\r"
    )


def test_the_line_is_wiped_when_the_command_fails() -> None:
    terminal = _Terminal()
    with pytest.raises(KeyboardInterrupt), StatusLine(terminal) as status:
        status.step("reading words.apkg")
        raise KeyboardInterrupt
    assert terminal.getvalue().endswith("\r" + " " * 30 + "\r")


def test_a_line_said_wipes_the_status_first_and_stays() -> None:
    terminal = _Terminal()
    status = StatusLine(terminal)
    status.step("reading a.apkg")
    status.say("waiting for another import into /tmp/decks")
    assert terminal.getvalue() == (
        "\rquizzer: reading a.apkg..."
        "\r" + " " * 26 + "\r"
        "quizzer: waiting for another import into /tmp/decks\n"
    )
    status.clear()  # nothing shown: nothing to wipe
    assert terminal.getvalue().endswith("/tmp/decks\n")


def test_the_line_never_wraps() -> None:
    terminal = _Terminal()
    status = StatusLine(terminal)
    status.step("reading " + "日本語" * 20 + ".apkg")  # two cells a character
    shown = terminal.getvalue()[1:]
    assert shown.startswith("quizzer: reading 日本語")
    assert sum(2 if "\u3000" <= c <= "\u9fff" else 1 for c in shown) == 39  # COLUMNS - 1


def test_a_file_name_is_shown_as_text() -> None:
    terminal = _Terminal()
    StatusLine(terminal).step("reading \x1b[2J\x1b]0;owned\x07.apkg")
    assert "\x1b" not in terminal.getvalue() and "\x07" not in terminal.getvalue()
    assert "\\x1b[2J" in terminal.getvalue()


def test_nothing_but_said_lines_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()  # a file, a pipe, CI
    with StatusLine(stream) as status:
        status.step("converting 50,000 notes")
        status.say("recovered the import cut short in /tmp/decks")
    assert stream.getvalue() == "quizzer: recovered the import cut short in /tmp/decks\n"
