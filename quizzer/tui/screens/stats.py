"""Statistics of one deck or of every deck: a review calendar, the forecast, true
retention, card states and intervals, the hour of day and speed scores.

The screen opens at once and counts in a worker thread (`StatsQuery.report`), which
posts the report back. Bar charts are Plotext plots (textual-plotext: axes and ticks,
coloured from the app's theme); speed scores over time are Textual Sparklines; the
contribution-graph calendar and the tables are drawn here as Rich text in theme colours.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Sparkline, Static
from textual_plotext import PlotextPlot

from quizzer.core.schedule import QueueSettings
from quizzer.core.stats import RETENTION_WINDOWS
from quizzer.errors import QuizzerError
from quizzer.tui.text import clean, counted, literal
from quizzer.tui.widgets.footer import Footer
from quizzer.tui.widgets.leech_list import LeechList

if TYPE_CHECKING:
    from quizzer.core.cards import Card
    from quizzer.sessions.stats import StatsReport
    from quizzer.store import Store

__all__ = ["StatsScreen", "calendar_text"]

LEVELS = 4
"""Shades of the calendar for days with answers (a fifth, dim one for none)."""
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours taken from the app's theme: `levels[0]` is a day without answers."""

    levels: tuple[str, ...]
    today: str
    muted: str


def theme_palette(variables: dict[str, str]) -> Palette:
    """Shades from the theme's surface to its primary colour (opaque: Rich styles take
    no alpha), its accent for today and its muted text colour for labels."""
    surface = Color.parse(variables.get("surface", "#1e1e1e")).with_alpha(1.0)

    def opaque(name: str, fallback: str) -> Color:
        return surface + Color.parse(variables.get(name, fallback))

    primary = opaque("primary", "#0178d4")
    levels = [surface.blend(opaque("foreground", "#e0e0e0"), 0.15)]
    levels += [surface.blend(primary, (i + 1) / LEVELS) for i in range(LEVELS)]
    return Palette(
        tuple(c.hex6 for c in levels),
        opaque("accent", "#ffa62b").hex6,
        opaque("foreground-muted", "#a0a0a0").hex6,
    )


def calendar_text(
    calendar: dict[date, int], start: date, today: date, palette: Palette, weeks: int
) -> Text:
    """The last `weeks` weeks from Monday `start`, one column a week and one row a
    weekday (like a contribution graph), shaded by answers per day; today in the theme's
    accent colour."""
    shown = {d: n for d, n in calendar.items() if start <= d <= today}
    most = max(shown.values(), default=0)
    text = Text()
    # A month's name over its first week, if it fits before the next one's, a column apart.
    firsts = [
        week for week in range(weeks) if week == 0 or (start + timedelta(weeks=week)).day <= 7
    ]
    months = [" "] * weeks
    for week, room in zip(firsts, [*(later - 1 for later in firsts[1:]), weeks], strict=True):
        if week + 3 <= room:
            months[week : week + 3] = MONTHS[(start + timedelta(weeks=week)).month - 1]
    text.append("    " + "".join(months) + "\n", style=palette.muted)
    for weekday in range(7):
        text.append(f"{WEEKDAYS[weekday]:<4}", style=palette.muted)
        for week in range(weeks):
            day = start + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append(" ")
                continue
            answers = shown.get(day, 0)
            level = 0 if not answers else 1 + min(LEVELS - 1, (answers * LEVELS - 1) // most)
            if day == today:
                text.append("◆", style=f"bold {palette.today}")
            else:
                text.append("■", style=palette.levels[level])
        text.append("\n")
    text.append("    less ", style=palette.muted)
    for colour in palette.levels:
        text.append("■", style=colour)
    text.append(" more", style=palette.muted)
    text.append(f"   ◆ today   busiest day {counted(most, 'answer')}", style=palette.muted)
    return text


class StatsScreen(Screen[None]):
    """Statistics of `deck_ids` (None: every deck). Escape goes back, `r` counts
    again, `a` switches between the deck and all decks."""

    CSS_PATH = "stats.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="back"),
        Binding("r", "reload", "Refresh", tooltip="count again"),
        Binding("a", "toggle_all", "This deck / all decks", tooltip="this deck / all decks"),
        Binding("l", "leeches", "Leeches", tooltip="the leeches: enter opens one"),
    ]

    class Loaded(Message):
        """The worker's report (or the error that stopped it)."""

        def __init__(self, report: StatsReport | None, error: str = "") -> None:
            super().__init__()
            self.report = report
            self.error = error

    def __init__(
        self,
        store: Store,
        deck_ids: Sequence[str] | None,
        *,
        title: str = "",
        clock: Callable[[], datetime] | None = None,
        settings: QueueSettings | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.deck_ids = None if deck_ids is None else list(deck_ids)
        self._own_decks = self.deck_ids
        self.deck_title = title
        self.clock = clock
        self.settings = settings or QueueSettings()
        self.report: StatsReport | None = None
        self._complete = False
        """Every section is mounted (the count starts then)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="body"):
            yield Static("", id="heading", markup=False)
            yield Static("Review calendar", classes="section", markup=False)
            yield Static("", id="calendar", markup=False)
            yield Static("", id="streak", markup=False)
            yield Static("Forecast: cards due, next 30 days", classes="section", markup=False)
            yield PlotextPlot(id="forecast", classes="chart")
            yield Static("", id="load", markup=False)
            yield Vertical(id="rest")  # mounted after the first frame: _below_the_fold
        yield Footer()

    @staticmethod
    def _below_the_fold() -> ComposeResult:
        """The sections under the first screenful: mounted once the screen has drawn its
        first frame, so that it opens at once (each widget costs styling and layout)."""
        yield Static("True retention", classes="section", markup=False)
        yield Static("", id="retention", markup=False)
        yield Static("Card states and intervals", classes="section", markup=False)
        yield Static("", id="states", markup=False)
        yield PlotextPlot(id="intervals", classes="chart")
        yield Static("Leeches", classes="section", markup=False)
        yield Static("", id="leech-note", markup=False)
        yield LeechList(id="leeches")
        yield Static("Hour of day (local time, last year)", classes="section", markup=False)
        yield PlotextPlot(id="hours", classes="chart")
        yield Static("", id="pass-rate", markup=False)
        yield Static("Speed challenge", classes="section", markup=False)
        yield VerticalScroll(id="speed")

    def on_mount(self) -> None:
        self.sub_title = "statistics"
        self._heading("counting…")
        # Once the first frame is drawn: the rest of the sections, then the count (the
        # worker's thread would otherwise compete with the first frame for the GIL).
        self.call_after_refresh(self._mount_the_rest)

    async def _mount_the_rest(self) -> None:
        await self.query_one("#rest", Vertical).mount_all(self._below_the_fold())
        self._complete = True
        self.load()

    def _heading(self, status: str) -> None:
        scope = (
            "all decks" if self.deck_ids is None else self.deck_title or ", ".join(self.deck_ids)
        )
        heading = f"{scope} · {self.store.player} · {status}"
        self.query_one("#heading", Static).update(literal(heading, one_line=True))

    # -- data -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="stats")
    def load(self) -> None:
        self._count()

    def _count(self) -> None:
        """Count (in a worker's thread) and post the report."""
        from quizzer.sessions.stats import StatsQuery

        query = StatsQuery(self.store, self.deck_ids, clock=self.clock, settings=self.settings)
        try:
            self.post_message(self.Loaded(query.report()))
        except QuizzerError as error:
            self.post_message(self.Loaded(None, str(error)))

    def on_stats_screen_loaded(self, message: Loaded) -> None:
        if message.report is None:
            self._heading(f"could not count: {clean(message.error, one_line=True)}")
            return
        self.report = report = message.report
        palette = theme_palette(self.app.theme_variables)
        self._heading(
            f"study day {report.today.isoformat()} · {counted(report.answers, 'answer')} in all"
        )
        weeks = (report.today - report.calendar_from).days // 7 + 1
        self.query_one("#calendar", Static).update(
            calendar_text(report.calendar, report.calendar_from, report.today, palette, weeks)
        )
        run = report.streak
        self.query_one("#streak", Static).update(
            Text(f"Streak: {_days(run.current)} now, longest {_days(run.longest)}")
        )
        self._bars("#forecast", [str(i) for i in range(30)], report.forecast, "days from today")
        self.query_one("#load", Static).update(
            Text(
                f"Due today {report.forecast[0]} (overdue included) · next 30 days"
                f" {sum(report.forecast)}, {sum(report.forecast) / 30:.1f} a day"
                f" · daily load ≈ {report.daily_load:.1f} reviews a day"
            )
        )
        self.query_one("#retention", Static).update(_retention_table(report))
        states = " · ".join(f"{stage} {count}" for stage, count in report.states.items())
        self.query_one("#states", Static).update(Text(f"{states} · leech {len(report.leeches)}"))
        self._leeches(report)
        labels, counts = zip(*report.intervals, strict=True)
        self._bars("#intervals", list(labels), list(counts), "interval")
        hours = {h.hour: h for h in report.hours}
        self._bars(
            "#hours",
            [str(h) for h in range(24)],
            [hours[h].answers if h in hours else 0 for h in range(24)],
            "hour",
        )
        rates = [
            f"{h}h {hours[h].passed * 100 // hours[h].answers}%" for h in range(24) if h in hours
        ]
        self.query_one("#pass-rate", Static).update(
            Text("Passed (graded 3+): " + (" · ".join(rates) if rates else "no answers yet"))
        )
        self._speed(report)

    def _leeches(self, report: StatsReport) -> None:
        threshold = self.settings.leech_threshold
        retired = len(report.retired_leeches) - len(report.below)
        note = (
            f"No card failed {threshold} times or more"
            if not report.leeches
            else f"{counted(len(report.leeches), 'card')} with {threshold}+ lapses, {retired}"
            " retired"
        )
        if report.below:
            note += f"; {counted(len(report.below), 'card')} out of the schedule with fewer lapses"
        note += " (l: the list; enter opens a card)" if report.leeches or report.below else "."
        self.query_one("#leech-note", Static).update(Text(note))
        listed = [*report.leeches, *report.below]
        self.query_one(LeechList).show(listed, report.leech_cards, report.retired_leeches)

    def _bars(self, selector: str, labels: list[str], values: list[int], xlabel: str) -> None:
        """A bar chart in the theme's primary colour, with whole-number ticks."""
        plot = self.query_one(selector, PlotextPlot)
        plot.display = True  # hidden until it has data: an empty plot is slow to draw
        plt = plot.plt
        plt.clear_data()
        primary = Color.parse(self.app.theme_variables.get("primary", "#0178d4"))
        plt.bar(labels, values, color=primary.rgb, width=0.6)
        top = max(values, default=0)
        step = max(1, -(-top // 4))
        plt.yticks(list(range(0, top + step, step)))
        if len(labels) > 12:
            plt.xticks(
                list(range(1, len(labels) + 1, 5)), [labels[i] for i in range(0, len(labels), 5)]
            )
        plt.xlabel(xlabel)
        plot.refresh()

    def _speed(self, report: StatsReport) -> None:
        box = self.query_one("#speed", VerticalScroll)
        box.remove_children()
        if not report.speed:
            box.mount(Static("No ranked speed round yet.", markup=False))
            return
        for seconds, scores in report.speed.items():
            values = [s.score for s in scores]
            best = max(values)
            box.mount(
                Static(
                    Text(
                        f"{seconds} s rounds: best {best}, last {values[-1]}"
                        f" ({len(values)} ranked, since {scores[0].started_at.date()})"
                    ),
                    markup=False,
                ),
                spark := Sparkline(values, classes="scores"),
            )
            spark.styles.width = min(60, max(12, 3 * len(values)))  # ~3 columns a round

    # -- keys -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reload(self) -> None:
        if not self._complete:
            return  # the first count starts once every section is mounted
        self._heading("counting…")
        self.load()

    def action_leeches(self) -> None:
        leeches = self.query_one(LeechList)
        if leeches.display:
            leeches.focus()
            leeches.scroll_visible()
        else:
            self.notify("No leeches.", timeout=2)

    def on_leech_list_chosen(self, message: LeechList.Chosen) -> None:
        card = message.card
        if message.choice == "open":
            from quizzer.store.records import CardOverview
            from quizzer.tui.screens.card_detail import CardDetailScreen

            state = self.store.card_state(card.id)
            if state is not None:
                self.app.push_screen(CardDetailScreen(self.store, CardOverview(card, state)))
        elif message.choice == "bring_back":
            if card.id not in (self.report.retired_leeches if self.report else ()):
                self.notify("This leech is in the schedule already.", timeout=3)
                return
            self._heading("counting…")
            self._bring_back(card.id)
        else:
            self._edit(card)

    @work(thread=True, exclusive=True, group="stats")
    def _bring_back(self, card_id: str) -> None:
        self.store.bring_back_leech(card_id)
        self._count()

    def _edit(self, card: Card) -> None:
        from quizzer.tui.editor import open_in_editor

        source = self.store.deck_source(card.deck_id)
        if not source:
            self.notify("This deck's file is not known.", severity="error")
            return
        problem = open_in_editor(self.app, Path(source), card.line)
        if problem is not None:
            self.notify(problem, severity="error")  # the app shows notifications as text
            return
        self._heading("counting…")
        self._reread(Path(source), card.deck_id)

    @work(thread=True, exclusive=True, group="stats")
    def _reread(self, path: Path, deck_id: str) -> None:
        """Sync the edited deck, then count again (in this worker)."""
        from quizzer.tui.editor import reread_deck

        reloaded = reread_deck(self.store, path, deck_id)
        if reloaded.errors:
            self.app.call_from_thread(
                self.notify, "The deck has errors now: see quizzer check.", severity="error"
            )
        self._count()

    def action_toggle_all(self) -> None:
        self.deck_ids = self._own_decks if self.deck_ids is None else None
        if self.deck_ids is None and self._own_decks is None:
            self.notify("Already showing all decks.")
            return
        self.action_reload()


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def _retention_table(report: StatsReport) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("")
    for window in RETENTION_WINDOWS:
        table.add_column(f"last {window} d", justify="right")
    for label, part in (("young (<21 d)", "young"), ("mature", "mature")):
        cells = []
        for window in RETENTION_WINDOWS:
            figures = getattr(report.retention[window], part)
            rate = figures.rate
            cells.append("-" if rate is None else f"{rate:.0%} of {figures.total}")
        table.add_row(label, *cells)
    return table
