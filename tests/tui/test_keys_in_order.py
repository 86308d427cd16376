"""Keys typed faster than the app answers act as if typed one by one: each on the screen as the
keys before it left it (the screen switched to, the field focused), and keys typed while applied
dates are being checked act on what the check shows. The keys are posted all at once, as a
terminal delivers a burst, with no pause between them (Pilot's press waits after each key and
hides this). Figures are those of tests/fixtures/olist_small/README.md."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from shown import loads_done
from textual import events
from textual.widget import Widget
from textual.widgets import Input

from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
ORDER = "ad000000000000000000000000000001"


async def settle(pilot) -> None:
    for _ in range(3):
        await loads_done(pilot)
        await pilot.pause()


async def until(pilot, shown: Callable[[], bool]) -> None:
    """Settle until `shown` holds (keys typed at once are handled one after another: Pilot's
    pause does not wait for the ones still held), for at most 100 rounds."""
    for _ in range(100):
        await settle(pilot)
        if shown():
            return


def burst(app: WorkbenchApp, *keys: str) -> None:
    """Every key in the app's queue before the first is handled."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def text(app: WorkbenchApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Widget).render())


async def test_an_id_typed_right_after_switching_goes_to_the_explorer_and_opens(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        burst(app, "5", *ORDER, "enter")  # its digits must not switch screens
        await until(pilot, lambda: "order ad000000…" in text(app, "#explorer-message"))
        assert app.current_mode == "explorer", "no digit of the id switched screens"
        assert "order ad000000…" in text(app, "#explorer-message")
        await pilot.press("c")  # the order's keys act once it shows
        await until(pilot, lambda: "customer ee000000…" in text(app, "#explorer-message"))
        assert "order ad000000… › customer ee000000…" in text(app, "#explorer-message")


async def test_dates_typed_right_after_f_go_to_the_box_and_the_next_key_to_the_view(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        burst(app, "4", "f", *"2017-01-01", "enter", "g")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "chart-gmv")
        assert app.current_mode == "kpis", "2, 0, 1 of the date switched no screen"
        assert "2017-01-01 →" in text(app, "#kpi-view-bar")
        assert app.focused is not None and app.focused.id == "chart-gmv", "g: tiles → chart"

        burst(app, "f", *"2018-13-45", "enter", "2")  # refused: the next key fixes the box
        date_from = app.screen.query_one("#kpi-from", Input)
        await until(pilot, lambda: date_from.value.endswith("2"))
        assert app.current_mode == "kpis"
        assert app.focused is not None and app.focused.id == "kpi-from"
        assert app.screen.query_one("#kpi-from", Input).value == "2018-13-452"
        assert "2017-01-01 →" in text(app, "#kpi-view-bar"), "the dates in force stay"
