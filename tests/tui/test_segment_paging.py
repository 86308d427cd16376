"""A big segment's customers: shown a page at a time, every customer still reachable and exported.

The warehouse is ingested from a generated dataset whose largest segment holds more customers
than a table formats whole (frame_table.PAGED_FROM); what the screen shows is checked against a
hand query of the same order (biggest spenders first).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from shown import PROMPTLY_S, lines, loads_done, notifications, until
from textual.widgets import Input, Label

from infrastructure.analytics.warehouse_reader import query_text
from infrastructure.generator import generate
from screens.widgets.frame_table import PAGED_FROM, ROWS_LOAD, FrameTable
from workbench.app import WorkbenchApp
from workbench.application.table_rows import QueryRows
from workbench.container import Container

SCALE = 0.35  # its largest segment: ~6,600 customers


@pytest.fixture(scope="module")
def big_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("big-segment") / "source"
    generate(out, SCALE, 7)
    return out


# Every statement reading the segment's customers: the whole query, its count and widths, and
# its pages (they wrap the whole query's text; a sorted table's, less its own final ORDER BY).
STATEMENTS = ("segment_customers_extremes", "segment_customers")


def unordered(text: str) -> str:
    return text[: text.lower().rindex("order by")].strip()


@dataclass
class Read:
    name: str  # the named statement (or the statement wrapping it)
    rows: int  # how many rows of the segment's customers the statement read
    on_loop: bool  # run on the event loop's thread (the UI waited for it)


@pytest.fixture
def customers_read(container: Container) -> Iterator[list[Read]]:
    """Each statement over the segment's customers run on the container's warehouse reader:
    the named queries (`query` runs them through `sql`) and any statement wrapping them."""
    reader = container.warehouse()
    texts = [(name, query_text(name).strip().rstrip(";")) for name in STATEMENTS]
    texts.append(("segment_customers", unordered(query_text("segment_customers"))))
    read: list[Read] = []
    run_sql, run_rows = reader.sql, reader.rows

    def counted(height: Callable[[Any], int], run: Callable[..., Any]) -> Callable[..., Any]:
        def counting(sql: str, *args: Any, **kwargs: Any) -> Any:
            found = run(sql, *args, **kwargs)
            name = next((name for name, text in texts if text in sql), None)
            if name == "segment_customers" and re.search(r"LIMIT \d+ OFFSET \d+$", sql):
                name = "segment_customers page"  # a page of it (`query_page`)
            if name is not None:
                loop = threading.current_thread() is threading.main_thread()
                read.append(Read(name, height(found), loop))
            return found

        return counting

    reader.sql = counted(lambda frame: frame.height, run_sql)
    reader.rows = counted(len, run_rows)
    yield read


@pytest.fixture
def whole_read_held(container: Container, customers_read: list[Read]) -> Iterator[threading.Event]:
    """The statement reading every customer of the segment waits until the event is set."""
    reader = container.warehouse()
    statement, run = query_text("segment_customers"), reader.sql
    release = threading.Event()

    def held(sql: str, *args: Any, **kwargs: Any) -> pl.DataFrame:
        if sql == statement:
            release.wait(PROMPTLY_S)
        return run(sql, *args, **kwargs)

    reader.sql = held
    yield release
    release.set()


async def settle(pilot: Any, besides: tuple[str, ...] = ()) -> None:
    for _ in range(2):
        await loads_done(pilot, besides)
        await pilot.pause()


def by_hand(container: Container, segment: str) -> list[str]:
    """The segment's customers in the screen's order, straight from the warehouse."""
    return container.warehouse().rows(
        "SELECT customer_unique_id FROM mart_customer_rfm WHERE segment = $segment "
        "ORDER BY monetary DESC, customer_unique_id",
        {"segment": segment},
    )


async def open_largest(
    pilot: Any, app: WorkbenchApp, container: Container, besides: tuple[str, ...] = ()
) -> tuple[str, list]:
    await pilot.press("3")
    await settle(pilot)
    summary = app.screen.query_one("#segment-summary", FrameTable)
    segments = summary.frame.sort("customers", descending=True)
    segment = str(segments["segment"][0])
    summary.table.focus()
    await pilot.press(*["down"] * summary.frame["segment"].to_list().index(segment), "enter")
    await settle(pilot, besides)
    ids = [row[0] for row in by_hand(container, segment)]
    assert len(ids) > PAGED_FROM, "the fixture must be big enough to be paged"
    return segment, ids


async def test_a_big_segment_is_scrolled_and_sorted_without_reading_on_the_loop(
    container: Container, big_source: Path, customers_read: list[Read]
) -> None:
    """Shown from its first page, the segment's rows are then read whole by a worker: going to
    the last customer, opening it and sorting read nothing more from the warehouse."""
    assert container.ingestion().ingest(big_source).published
    app = WorkbenchApp(container)
    explored: list[tuple[str, str]] = []
    app.explore = lambda kind, key: explored.append((kind, key))  # type: ignore[method-assign]
    async with app.run_test(size=(150, 44)) as pilot:
        segment, ids = await open_largest(pilot, app, container)
        screen = app.screen
        title = str(screen.query_one("#customers-title", Label).render())
        assert title.startswith(f"{segment}: {len(ids):,} customers")
        table = screen.query_one("#segment-customers", FrameTable)
        shown = lines(table.table)
        assert [line.split()[0] for line in shown[1:4]] == ids[:3]
        assert max(read.rows for read in customers_read) == len(ids), "read whole, once"
        reads = len(customers_read)

        await pilot.press("ctrl+end")  # the last row, the smallest spender
        await settle(pilot)
        last = [line.split()[0] for line in lines(table.table) if line.strip()]
        assert ids[-1] in last
        await pilot.press("enter")
        await settle(pilot)
        assert explored == [("customer", ids[-1])]

        assert len(customers_read) == reads, "the rows in memory: nothing more read"

        await pilot.press("ctrl+home", "s")  # the customer ids, ascending
        await settle(pilot)
        shown = lines(table.table)
        assert [line.split()[0] for line in shown[1:4]] == sorted(ids)[:3]
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert sorted(ids)[-1] in [line.split()[0] for line in lines(table.table) if line.strip()]

        # Sorted by the warehouse, as it reads its pages (a top-N, not a sort of every row in
        # memory), then read whole again in that order: by workers, never on the loop.
        sorted_reads = customers_read[reads:]
        assert sorted_reads and sorted_reads[0].rows < len(ids), "a page first"
        assert max(read.rows for read in sorted_reads) == len(ids), "then every row"
        assert not [read for read in customers_read if read.on_loop], "no read on the loop"


async def test_a_big_segments_export_holds_every_customer(
    container: Container, big_source: Path, customers_read: list[Read], tmp_path: Path
) -> None:
    assert container.ingestion().ingest(big_source).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        _, ids = await open_largest(pilot, app, container)
        await pilot.press("e")
        await until(pilot, lambda: bool(app.screen.query("#export-path")), "the export dialog")
        path = tmp_path / "customers.csv"
        app.screen.query_one("#export-path", Input).value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        await until(pilot, path.exists, "the export written")
        exported = pl.read_csv(path)
        assert exported["customer_unique_id"].to_list() == ids
        assert not [read for read in customers_read if read.on_loop], "no read on the loop"


async def test_before_its_rows_are_read_whole_the_first_pages_scroll_and_a_sort_waits_in_a_worker(
    container: Container, big_source: Path, customers_read: list[Read], whole_read_held: Any
) -> None:
    """While every customer is still being read, the next page down is one read already and a
    sort reads them all in a worker: the loop reads nothing."""
    assert container.ingestion().ingest(big_source).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        _, ids = await open_largest(pilot, app, container, besides=(ROWS_LOAD,))
        table = app.screen.query_one("#segment-customers", FrameTable)
        await pilot.press(*["pagedown"] * 40)  # some 700 customers down
        await settle(pilot, besides=(ROWS_LOAD,))
        below = [line.split()[0] for line in lines(table.table)[1:] if line.strip()]
        assert below and below[0] in ids[500:1000], ids.index(below[0])
        assert not [read for read in customers_read if read.on_loop], "no read on the loop"

        await pilot.press("ctrl+end")  # far past the blocks read: a worker reads the last one
        assert not [read for read in customers_read if read.on_loop], "no read on the loop"
        await settle(pilot, besides=(ROWS_LOAD,))
        assert ids[-1] in [line.split()[0] for line in lines(table.table) if line.strip()]
        assert not [read for read in customers_read if read.on_loop], "no read on the loop"

        await pilot.press("ctrl+home", "s")  # the customer ids, ascending
        await pilot.pause()
        assert not [read for read in customers_read if read.on_loop], "the sort waits in a worker"
        whole_read_held.set()
        await settle(pilot)
        shown = lines(table.table)
        assert [line.split()[0] for line in shown[1:4]] == sorted(ids)[:3]
        assert not [read for read in customers_read if read.on_loop], "no read on the loop"


async def test_a_sort_stopped_by_escape_leaves_the_table_as_it_was_and_reading_on(
    container: Container,
    big_source: Path,
    customers_read: list[Read],
    whole_read_held: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sort shows that it runs and escape stops it: the rows stay in their order, the read of
    every row goes on, and the next `s` sorts ascending (the stopped sort never showed). (The
    sort of a query's rows is the query sorted, ready at once: held here, as a slow one.)"""
    sorting, sorted_rows = threading.Event(), QueryRows.sorted

    def held(rows: QueryRows, *args: Any, **kwargs: Any) -> QueryRows:
        sorting.wait(PROMPTLY_S)
        return sorted_rows(rows, *args, **kwargs)

    monkeypatch.setattr(QueryRows, "sorted", held)
    assert container.ingestion().ingest(big_source).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        _, ids = await open_largest(pilot, app, container, besides=(ROWS_LOAD,))
        table = app.screen.query_one("#segment-customers", FrameTable)
        await pilot.press("ctrl+home", "s")  # the customer ids, ascending: it waits
        await pilot.pause()
        busy = str(table.query_one(".frame-busy", Label).render())
        assert busy.startswith("sorting by customer_unique_id"), busy
        await pilot.press("escape")
        sorting.set()
        whole_read_held.set()
        await settle(pilot)
        assert [line.split()[0] for line in lines(table.table)[1:4]] == ids[:3], "as it was"
        assert not table.query_one(".frame-busy", Label).display
        whole = [read for read in customers_read if read.name == "segment_customers"]
        # (the read cancelled by the sort, and the sort's own, never ran: their load had ended)
        assert [read.rows for read in whole] == [len(ids)], "the read of every row went on"

        await pilot.press("s")
        await settle(pilot)
        assert [line.split()[0] for line in lines(table.table)[1:4]] == sorted(ids)[:3]
        assert not [read for read in customers_read if read.on_loop], "no read on the loop"


async def test_a_table_never_shows_rows_of_a_newer_snapshot_under_the_older_ones(
    container: Container,
    big_source: Path,
    customers_read: list[Read],
    whole_read_held: Any,
    tmp_path: Path,
) -> None:
    """A newer snapshot loaded (ctrl+r) while the rows of a big segment are still being read:
    what is read from it for the older table is dropped, and the segment is shown again whole
    from the newer one."""
    assert container.ingestion().ingest(big_source).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44)) as pilot:
        segment, ids = await open_largest(pilot, app, container, besides=(ROWS_LOAD,))
        generate(tmp_path / "newer", SCALE, 8)
        assert container.ingestion().ingest(tmp_path / "newer").published
        reader = container.warehouse()
        counting, measured = reader.sql, threading.Event()
        measure = query_text("segment_customers_extremes")

        def held(sql: str, *args: Any, **kwargs: Any) -> pl.DataFrame:
            if sql == measure:  # the newer snapshot's table waits
                measured.wait(PROMPTLY_S)
            return counting(sql, *args, **kwargs)

        reader.sql = held
        await pilot.press("ctrl+r")
        await pilot.pause()
        whole_read_held.set()  # the older table's read of every row now reads the newer file
        await settle(pilot, besides=("segments-customers",))
        table = app.screen.query_one("#segment-customers", FrameTable)
        await pilot.press("ctrl+end")
        await settle(pilot, besides=("segments-customers",))
        shown = {line.split()[0] for line in lines(table.table)[1:] if line.strip()}
        assert shown <= {*ids, "…"}, "only the older snapshot's rows, or none yet"

        measured.set()
        await settle(pilot)
        newer = [row[0] for row in by_hand(container, segment)]
        title = str(app.screen.query_one("#customers-title", Label).render())
        assert title.startswith(f"{segment}: {len(newer):,} customers")
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert newer[-1] in [line.split()[0] for line in lines(table.table) if line.strip()]


async def test_a_block_of_rows_that_cannot_be_read_says_so_and_is_read_again_on_a_scroll(
    container: Container, big_source: Path, whole_read_held: Any
) -> None:
    """A page of the segment's customers whose read fails leaves its rows marked not read, and
    the user is told (a line under the table and an error notification), not left with the
    marks alone; scrolled back to them, they are read again."""
    assert container.ingestion().ingest(big_source).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(150, 44), notifications=True) as pilot:
        _, ids = await open_largest(pilot, app, container, besides=(ROWS_LOAD,))
        reader = container.warehouse()
        whole, run = query_text("segment_customers").strip(), reader.sql
        failing = True

        def broken(sql: str, *args: Any, **kwargs: Any) -> pl.DataFrame:
            # a page past the first: the whole query wrapped, LIMIT and a non-zero OFFSET
            if failing and whole in sql and re.search(r"LIMIT \d+ OFFSET [1-9]", sql):
                raise OSError("the disk could not be read")
            return run(sql, *args, **kwargs)

        reader.sql = broken
        table = app.screen.query_one("#segment-customers", FrameTable)
        busy = table.query_one(".frame-busy", Label)
        await pilot.press("ctrl+end")  # the last block: its read fails
        await settle(pilot, besides=(ROWS_LOAD,))
        shown = [line.split()[0] for line in lines(table.table)[1:] if line.strip()]
        assert shown and set(shown) == {"…"}, shown
        assert busy.display
        said = str(busy.render())
        first = (len(ids) - 1) // 500 * 500 + 1
        assert said.startswith(f"rows {first:,}-{len(ids):,} could not be read"), said
        assert "scroll to read them again" in said
        assert any("disk could not be read" in text for text in notifications(app, "error"))

        failing = False
        await pilot.press("ctrl+home", "ctrl+end")
        await settle(pilot, besides=(ROWS_LOAD,))
        assert ids[-1] in [line.split()[0] for line in lines(table.table) if line.strip()]
        assert not busy.display, "the line goes once the rows are read"
