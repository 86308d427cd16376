"""Stopping a load as a user does: the cancel key stops a long lookup and the screen says so; a
newer lookup replaces a running one, whose result never shows.

The published warehouse is made slow where only a customer's lookup reads (their RFM scores):
the view counts 20 billion hashes (a minute or more), so only an interrupted query lets the
screen say so, and its worker end, within the few seconds the tests wait. (A replaced load's
worker is marked cancelled at once by Textual, so the second test cannot see its query stop:
the first test and the reader's own tests do.)
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from shown import footer, loads_done, notifications, until
from textual.pilot import Pilot
from textual.widgets import Input, Static

from domain.entities.ingestion_run import RunStatus
from screens.explorer import ExplorerScreen
from screens.segments_opening import SegmentsOpening
from workbench.app import IMPORTS_AHEAD, WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
O2 = f"ad{'0' * 28}02"
U1 = f"ee{'0' * 28}01"


@pytest.fixture
def slow_customers(container: Container) -> Container:
    outcome = container.ingestion().ingest(FIXTURE)
    assert outcome.status is RunStatus.SUCCEEDED, outcome.message
    with duckdb.connect(str(container.settings().warehouse_path)) as con:
        con.execute("ALTER TABLE mart_customer_rfm RENAME TO mart_customer_rfm_fast")
        con.execute(
            "CREATE VIEW mart_customer_rfm AS SELECT * FROM mart_customer_rfm_fast WHERE "
            "(SELECT count(*) FROM range(20000000000) AS r(x) WHERE hash(x) = 0) >= 0"
        )
    return container


UNWAITED = (SegmentsOpening.GROUP, IMPORTS_AHEAD)  # see `explorer`


def no_worker_running(app: WorkbenchApp) -> bool:
    """No worker of the Explorer's (those of `UNWAITED` may go on)."""
    return not any(w.is_running for w in app.workers if w.group not in UNWAITED)


def text_of(app: WorkbenchApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def explorer(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    await pilot.press("5")
    # Not the Segments' opening answer, loaded while idle, nor the screens made ahead once it
    # is in: it reads the slowed mart (~75 s; each test waited for it), and the Explorer does
    # not need it (the app's exit stops it).
    await loads_done(pilot, besides=UNWAITED)
    await pilot.pause()
    assert isinstance(app.screen, ExplorerScreen)


async def submit_id(pilot: Pilot[None], text: str) -> None:
    field = pilot.app.screen.query_one("#explorer-id", Input)
    field.focus()
    field.value = text
    await pilot.press("enter")
    await pilot.pause(0.3)  # the lookup is under way: its query runs


async def test_escape_cancels_a_long_lookup_and_the_screen_says_so(
    slow_customers: Container,
) -> None:
    app = WorkbenchApp(slow_customers)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await explorer(app, pilot)
        await submit_id(pilot, U1)
        assert text_of(app, "#explorer-message") == f"looking up {U1} … (escape cancels)"
        assert "esc Cancel load" in footer(app)

        await pilot.press("escape")
        await until(pilot, lambda: "Stopped" in text_of(app, "#explorer-message"), "cancelled")
        await until(pilot, lambda: no_worker_running(app), "the interrupted worker ends")
        await pilot.pause()
        assert text_of(app, "#explorer-message") == f"Stopped looking up {U1}."
        assert any(f"Stopped loading {U1}." in note for note in notifications(app))
        summary = app.screen.query(".explorer-summary")  # (mounted hidden as the lookup began)
        assert not any(text.region.area for text in summary), "nothing of the customer shows"
        assert "Cancel load" not in footer(app), "the key is shown only while a load runs"

        await submit_id(pilot, O2)  # the screen goes on working
        await loads_done(pilot, besides=UNWAITED)
        await pilot.pause()
        assert f"ORDER {O2}" in text_of(app, ".explorer-summary")


async def test_a_newer_lookup_interrupts_the_running_one_whose_result_never_shows(
    slow_customers: Container,
) -> None:
    app = WorkbenchApp(slow_customers)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await explorer(app, pilot)
        await submit_id(pilot, U1)
        await submit_id(pilot, O2)
        await until(pilot, lambda: bool(app.screen.query(".explorer-summary")), "the order shows")
        await pilot.pause(0.5)
        assert f"ORDER {O2}" in text_of(app, ".explorer-summary")
        assert U1 not in text_of(app, "#explorer-message")
        assert not notifications(app), "a replaced lookup ends silently"
        assert "Cancel load" not in footer(app)
