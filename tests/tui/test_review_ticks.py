"""The review's clock ticks once a second; each tick is a repaint of a fixed-width
timer, never a layout of the whole screen, which would hold up a key pressed in that
frame (issue 16)."""

from __future__ import annotations

from conftest import FixedClock, MakeApp
from tui_helpers import screen_text

from quizzer.tui.screens.review import ReviewScreen


async def test_the_timer_ticks_without_a_layout(make_app: MakeApp, clock: FixedClock) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        layouts: list[object] = []
        refresh_layout = screen._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            layouts.append(args)
            refresh_layout(*args, **kwargs)  # type: ignore[arg-type]

        screen._refresh_layout = counted  # type: ignore[method-assign]
        for seconds, shown in ((1, "00:01"), (9, "00:10"), (50, "01:00"), (540, "10:00")):
            clock.advance(seconds=seconds)
            screen._tick()
            await pilot.pause()
            assert f"time {shown}" in screen_text(app)
        assert layouts == []
        clock.advance(minutes=90)  # a wider text ("time 100:00") is laid out, and shown whole
        screen._tick()
        await pilot.pause()
        assert "time 100:00" in screen_text(app)
