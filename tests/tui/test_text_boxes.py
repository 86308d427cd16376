"""A refused value keeps the keys in its text box: marked there, the reason beside it, nothing
else changed, and typing to fix it never fires a screen's shortcut (`2` must not open Quality).
Figures are those of tests/fixtures/olist_small/README.md."""

from __future__ import annotations

from pathlib import Path

from shown import loads_done, notifications
from textual.widget import Widget
from textual.widgets import Input

from screens.quality_edit import RuleEditDialog
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def text(app: WorkbenchApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Widget)
    return str(widget.render()) if widget.region.area else ""


def focused_id(app: WorkbenchApp) -> str | None:
    return app.focused.id if app.focused is not None else None


async def test_a_bad_date_keeps_the_focus_and_is_marked_in_its_box(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("f", *"2018-13-45", "enter")
        await settle(pilot)
        assert focused_id(app) == "kpi-from", "the focus stays in the refused box"
        assert "'from' date '2018-13-45' is not a day" in text(app, "#kpi-filter-error")
        assert app.screen.query_one("#kpi-from", Input).has_class("-invalid")
        assert "all dates" in text(app, "#kpi-view-bar"), "nothing else changes"
        assert not notifications(app, "error")

        await pilot.press("backspace", "2")  # fixing it: 2 is a digit here, not Quality
        assert app.current_mode == "kpis"
        assert app.screen.query_one("#kpi-from", Input).value == "2018-13-42"

        await pilot.press("shift+home", *"2017-02-01", "tab", *"2017-01-01", "enter")
        await settle(pilot)
        assert focused_id(app) == "kpi-to", "from after to: refused at 'to'"
        assert "cannot start (2017-02-01) after it ends" in text(app, "#kpi-filter-error")
        assert "all dates" in text(app, "#kpi-view-bar")
        assert not notifications(app, "error")

        await pilot.press("shift+home", *"2017-03-31", "enter")
        await settle(pilot)
        assert "2017-02-01 → 2017-03-31" in text(app, "#kpi-view-bar")
        assert text(app, "#kpi-filter-error") == "", "accepted: the reason goes"
        assert not isinstance(app.focused, Input), "applied: the view's keys work again"
        await pilot.press("2")
        assert app.current_mode == "quality"


async def test_every_checked_text_box_refuses_in_place_and_keeps_the_keys(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("i", *"/no/such", "enter")  # Ingestion: the source path
        await settle(pilot)
        assert focused_id(app) == "source-path"
        assert "/no/such: not a folder or a .zip file." in text(app, "#source-error")
        await pilot.press("2")
        assert app.current_mode == "ingestion" and app.focused.value == "/no/such2"

        app.screen.query_one("#demo-scale", Input).value = "0"
        await pilot.click("#generate")  # Ingestion: the demo scale
        await settle(pilot)
        assert focused_id(app) == "demo-scale"
        assert "Demo scale '0': give a number between 0.001 and 100." in text(app, "#source-error")

        await pilot.press("escape", "2")  # Quality: the edit dialog's threshold
        await settle(pilot)
        await pilot.press("m", "tab", "end", "x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RuleEditDialog)
        assert focused_id(app) == "edit-threshold"
        assert "threshold must be 0 or more" in text(app, "FieldError")
        await pilot.press("backspace", "3")
        assert isinstance(app.screen, RuleEditDialog), "3 is typed, Segments stays shut"
        await pilot.press("escape", "escape", "3", "w")  # Segments: the what-if offer
        await settle(pilot)
        app.screen.query_one("#offer-segment").value = "New"
        await pilot.press(*"ten", "enter")
        await settle(pilot)
        assert focused_id(app) == "offer"
        assert "'ten' is not an offer" in text(app, "#offer-error")
        await pilot.press("4")
        assert app.current_mode == "segments"
        assert not notifications(app, "error")
