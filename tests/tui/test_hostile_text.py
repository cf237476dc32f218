"""Hostile text through every screen: markup, a bare `[/]`, a live `@click` action and
terminal control characters, from a deck, a file name, an error or the environment,
must be drawn as the characters they are, never read as Textual markup.

Each surface is driven by real keys; the test then reads what is drawn (the screen's
cells, and each toast's whole message, which a narrow toast would wrap) and checks that
the text is there literally, that no `@click` action was attached, that the app is still
running and that the action named in the payload never ran (no file was written).
"""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from conftest import FixedClock
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, Markdown, Static, Tree
from textual.widgets._toast import Toast
from tui_helpers import screen_text, settle

from quizzer.core.control_chars import control_character
from quizzer.core.loader import yaml_events
from quizzer.core.schedule import QueueSettings
from quizzer.library import resolve_deck
from quizzer.sessions.speed import SpeedRound
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp, Start
from quizzer.tui.screens.card_detail import CardDetailScreen
from quizzer.tui.screens.deck_map import DeckMapScreen
from quizzer.tui.screens.help import HelpScreen
from quizzer.tui.screens.home import HomeScreen
from quizzer.tui.screens.review import ReviewScreen
from quizzer.tui.screens.speed import SpeedScreen
from quizzer.tui.screens.speed_results import SpeedResultsScreen
from quizzer.tui.screens.summary import SummaryScreen
from quizzer.tui.text import clean, literal, markup_escaped

SIZE = (160, 50)
VICTIM = "victim.txt"
PAYLOADS = {
    "close-tag": "[/]",
    "click": f"[@click=app.screenshot('{VICTIM}','.')]CLICK ME[/]",
    "bold": "[bold]not bold[/bold] [red]x",
    "controls": "a\x1b[2J\x1b]0;pwned\x07b\x9bc\x00d",
    "backslashes": "C:\\[b]dir\\ end\\",
    "html": "<b>not bold</b> <script>x</script> <!-- kept -->",
}


def _yaml(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


def hostile_deck(text: str) -> str:
    """A valid deck with `text` in its title, a term, a definition and a choice card."""
    p = _yaml(text)
    return f"""
id: hostile
title: {p}
terms:
  - term: {p}
    definition: {_yaml("means " + text)}
  - term: Second
    definition: the second one
  - term: Third
    definition: the third one
  - term: Fourth
    definition: the fourth one
  - term: Fifth
    definition: the fifth one
cards:
  - type: choice
    question: {_yaml("pick " + text)}
    answer: {p}
    distractors: [Second, Third, Fourth]
"""


def broken_deck(text: str) -> str:
    """An invalid deck whose error quotes `text` (an unknown key of that name)."""
    return f"title: Broken\n{_yaml(text)}: 1\nterms:\n  - term: A\n    definition: B\n"


def shown(text: str) -> str:
    """What a line of deck text looks like on screen: control characters dropped,
    whitespace folded."""
    return " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text).split())


def in_error(text: str) -> str:
    """How an error message quotes `text`, as drawn: its repr, cut to 40 characters with
    an ellipsis (a deck error never echoes more of a value)."""
    return shown(repr(text if len(text) <= 40 else text[:39] + "…"))


def md(text: str) -> str:
    """`text` drawn as Markdown: a backslash before punctuation is Markdown's escape."""
    return shown(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text))


def toast_texts(app: QuizzerApp) -> list[str]:
    """The whole drawn content of every toast (title and message), before wrapping."""
    return [_plain(toast.render()) for toast in app.screen.query(Toast)]


def _plain(visual: object) -> str:
    assert isinstance(visual, Content | Text), visual
    _no_actions(visual)
    return visual.plain


def _no_actions(visual: Content | Text) -> None:
    """No span of `visual` carries a click action or a link."""
    spans = visual.spans
    for span in spans:
        style = str(span.style)
        assert "@click" not in style and "link" not in style, (visual.plain, style)


async def assert_drawn(pilot: Pilot[None], expected: str, *, toasts: bool = False) -> None:
    """`expected` is on screen (or in a toast) literally, the app runs, nothing fired."""
    app = pilot.app
    assert isinstance(app, QuizzerApp) and app.is_running
    for _ in range(20):  # toasts are mounted a few messages after notify()
        if not toasts or app.screen.query(Toast):
            break
        await pilot.pause()
    where = "\n".join(toast_texts(app)) if toasts else screen_text(app)
    assert expected in where, (expected, where)
    assert "\x1b" not in screen_text(app)
    for widget in app.screen.query(Static):
        if not isinstance(widget, Markdown):
            _no_actions(_content(widget))
    assert not Path(VICTIM).exists()


def _content(widget: Static) -> Content | Text:
    visual = widget.render()
    assert isinstance(visual, Content | Text), visual
    return visual


Surface = Callable[[Pilot[None], QuizzerApp, str], Awaitable[None]]


async def home_row(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    table = app.screen.query_one(DataTable)
    cell = table.get_row("hostile")[0]
    assert isinstance(cell, Text)
    assert _plain(cell) == shown(text)
    await assert_drawn(pilot, shown(text)[:40])


async def home_invalid_toast(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index("invalid:decks/broken.yaml"))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await assert_drawn(pilot, in_error(text), toasts=True)
    await pilot.press("r")  # reload: the same error drawn again, still literal
    await settle(pilot)
    await assert_drawn(pilot, in_error(text)[:30])


async def home_file_name(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    table = app.screen.query_one(DataTable)
    key = next(k.value for k in table.rows if k.value and k.value.startswith("invalid:"))
    table.move_cursor(row=table.get_row_index(key))
    await pilot.press("enter")
    await pilot.pause()
    name = shown(_file_name(text)) + ".yaml"
    assert _plain(table.get_row(key)[0]).endswith(name)
    await assert_drawn(pilot, name, toasts=True)
    await assert_drawn(pilot, name)


async def review_card(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    assert isinstance(app.screen, ReviewScreen)
    await assert_drawn(pilot, shown(text))  # the deck title, then the term on the first card
    await pilot.press("space")
    await assert_drawn(pilot, md("means " + text))
    for _ in range(10):  # on to the choice card: its question and options
        if app.screen.card is not None and app.screen.card.kind == "choice":  # type: ignore[attr-defined]
            break
        await pilot.press("5")
        await pilot.press("space")
    await pilot.press("escape")  # the summary of a hostile deck
    assert isinstance(app.screen, SummaryScreen)
    await assert_drawn(pilot, "Cards reviewed")
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    await assert_drawn(pilot, "Keys")


async def review_choice(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    for _ in range(10):
        if screen.card is not None and screen.card.kind == "choice":
            break
        await pilot.press("space", "5")
    assert screen.card is not None and screen.card.kind == "choice"
    await assert_drawn(pilot, md("pick " + text))
    await assert_drawn(pilot, shown(text))  # an option
    await pilot.press("1")
    await assert_drawn(pilot, shown(text))


async def deck_map_and_detail(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    await pilot.press("m")
    assert isinstance(app.screen, DeckMapScreen)
    assert app.screen.sub_title == f"deck map · {shown(text)}"
    tree = app.screen.query_one(Tree)
    assert _plain(tree.root.label) == shown(text)
    await assert_drawn(pilot, shown(text)[:30])
    await pilot.press("down", "down")  # terms section, its first card
    await pilot.press("enter")
    assert isinstance(app.screen, CardDetailScreen)
    await assert_drawn(pilot, md(text))
    await assert_drawn(pilot, md("means " + text))


async def speed_round(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    screen = app.screen
    assert isinstance(screen, SpeedScreen)
    await assert_drawn(pilot, shown(text))  # the deck title in the top bar
    for _ in range(100):
        if isinstance(app.screen, SpeedResultsScreen):
            break
        question = screen.question
        assert question is not None
        wrong = (question.right + 1) % len(question.options)
        await pilot.press(str(wrong + 1))
        assert app.is_running
        await pilot.pause()
        played = screen.round
        assert played is not None
        if len(played.answered) >= 12:
            played.deadline = played.clock()  # time is up
            screen.tick()
            await pilot.pause()
    assert isinstance(app.screen, SpeedResultsScreen)
    await assert_drawn(pilot, shown(text))  # the missed list quotes the deck's text


async def palette(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*"Review: ")
    expected = f"Review: {shown(text)}"
    for _ in range(50):  # the palette searches in a worker
        await pilot.pause()
        if expected in screen_text(app):
            break
    await assert_drawn(pilot, expected)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)


async def editor_error(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    """`e` whose edit breaks the deck with a hostile key: the toast quotes it literally."""
    assert isinstance(app.screen, ReviewScreen)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, ReviewScreen)
    expected = in_error(text)
    if control_character(text) is not None:  # the deck's texts are reported first
        expected = "holds U+001B, a control character; deck text may not hold it"
    await assert_drawn(pilot, expected, toasts=True)


async def editor_missing(pilot: Pilot[None], app: QuizzerApp, text: str) -> None:
    """$EDITOR (the environment) names a program that does not exist."""
    assert isinstance(app.screen, ReviewScreen)
    await pilot.press("e")
    await pilot.pause()
    await assert_drawn(pilot, f"{shown(_file_name(text))}: No such file", toasts=True)


def _file_name(text: str) -> str:
    return text.replace("/", "|").replace("\x00", "") or "x"


def _setup(
    surface: str, text: str, workdir: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> Start:
    decks = workdir / "decks"
    if surface == "home_invalid_toast":
        (decks / "broken.yaml").write_text(broken_deck(text), encoding="utf-8")
    if surface == "home_file_name":
        (decks / f"{_file_name(text)}.yaml").write_text(broken_deck("x"), encoding="utf-8")
    (decks / "hostile.yaml").write_text(hostile_deck(text), encoding="utf-8")
    with monkeypatch.context() as before:
        if control_character(text) is not None:
            # Deck text may not hold a control character (control_chars.py), but a
            # database may: one a quizzer before that rule synced (a shared PostgreSQL
            # one, say). Synced as that quizzer did, the screens must draw none of them.
            before.setattr(yaml_events, "control_character", lambda _text: None)
        deck_id = resolve_deck(store, "hostile", [Path("decks")])
    if surface == "editor_error":
        script = workdir / "break_it.py"
        script.write_text(
            "import pathlib, sys\n"
            "path = pathlib.Path(sys.argv[-1])\n"
            f"path.write_text(path.read_text() + {_yaml(_yaml(text) + ': 1')} + '\\n')\n"
        )
        monkeypatch.setenv("VISUAL", f"python3 {script}")
    if surface == "editor_missing":
        missing = workdir / "no-such-dir" / _file_name(text)
        monkeypatch.setenv("VISUAL", shlex.quote(str(missing)))
    if surface in ("review_card", "review_choice", "editor_error", "editor_missing"):
        return ("review", deck_id)
    if surface == "speed_round":
        return ("speed", SpeedRound.for_deck(store, deck_id, seconds=60, seed=3))
    return "home"


SURFACES: dict[str, Surface] = {
    "home_row": home_row,
    "home_invalid_toast": home_invalid_toast,
    "home_file_name": home_file_name,
    "review_card": review_card,
    "review_choice": review_choice,
    "deck_map_and_detail": deck_map_and_detail,
    "speed_round": speed_round,
    "palette": palette,
    "editor_error": editor_error,
    "editor_missing": editor_missing,
}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("surface", SURFACES)
async def test_hostile_text_is_drawn_literally(
    surface: str,
    payload: str,
    workdir: Path,
    store: Store,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = PAYLOADS[payload]
    start = _setup(surface, text, workdir, store, monkeypatch)
    app = QuizzerApp(
        store, [Path("decks")], clock=clock, seed=7, settings=QueueSettings(), start=start
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await SURFACES[surface](pilot, app, text)
        assert app.is_running
    assert not (workdir / VICTIM).exists()


async def test_a_close_tag_key_does_not_crash_home_on_enter_nor_after_a_reload(
    workdir: Path, store: Store, clock: FixedClock
) -> None:
    """Issue 8, item 6: an invalid deck with a key named `[/]`."""
    (workdir / "decks" / "broken.yaml").write_text(broken_deck("[/]"), encoding="utf-8")
    app = QuizzerApp(store, [Path("decks")], clock=clock, settings=QueueSettings())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert any("unknown key '[/]'" in t for t in toast_texts(app)), toast_texts(app)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running


@given(st.text())
def test_markup_escaped_reads_back_as_exactly_the_clean_text(text: str) -> None:
    """The palette reads its titles as markup: whatever a title holds comes back as is."""
    assert Content.from_markup(markup_escaped(text)).plain == clean(text, one_line=True)


@given(st.text())
def test_literal_is_never_markup_and_never_a_control_character(text: str) -> None:
    drawn = literal(text)
    assert drawn.plain == clean(text) and not drawn.spans
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in drawn.plain)


async def test_a_file_name_that_is_not_utf8_is_an_invalid_deck_on_home(
    workdir: Path, store: Store, clock: FixedClock
) -> None:
    """Such a name cannot be stored as text: it is reported, drawn with U+FFFD."""
    (workdir / os.fsdecode(b"decks/bad\xff.yaml")).write_text(broken_deck("x"), encoding="utf-8")
    (workdir / "decks" / "hostile.yaml").write_text(hostile_deck("fine"), encoding="utf-8")
    app = QuizzerApp(store, [Path("decks")], clock=clock, settings=QueueSettings())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 2
        await assert_drawn(pilot, "! bad\ufffd.yaml")
        await assert_drawn(pilot, "file name is not valid UTF-8")
