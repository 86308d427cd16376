"""Benchmark the SQL console: time to first rows shown for a 1M-row result, catalogue load, and
completion latency per keystroke, each against a floor measured in the same run.

- first rows: the real app (headless, Pilot) runs `select * from fct_orders` (~1M rows at scale 10)
  with ctrl+j; timed from the key to the table holding the first rows, then to the line telling
  the true total ("showing 10,000 of 1,000,000 rows"). Three ways of fetching, interleaved in
  one run: the first fetch as big as the fetch limit, read in 10,000-row batches (before); a
  first fetch of FIRST_FETCH_ROWS; the same read in 2,048-row batches. Wall and process CPU time;
  the results file says which way the app uses.
  Floor: DuckDB alone fetching the same result as Arrow on its own connection.
  Target ≤ 200 ms at scale 10.
- catalogue: the console service loading the catalogue of a new snapshot generation (tables,
  columns, functions, keywords, the table macros' columns). Floor: the `duckdb_tables()` query
  alone. Target ≤ 100 ms.
- completion: `complete()` (what runs on each keystroke) while a query is typed character by
  character, over the real catalogue; median, p95 and worst. Floor: a dict lookup of the word
  typed in the catalogue's names. Target ≤ 50 ms.

Usage: python benchmarks/console.py [--scale S] [--seed N] [--repeat R] [--cache DIR]
Results are printed and written to benchmarks/results/console.txt (console-scale10.txt for
--scale 10).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl
from bench_common import DEFAULT_CACHE, dataset

# benchmarks/screens.py is named like the app's `screens` package: keep this folder off the path.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]


from screens.sql_console import FIRST_FETCH_ROWS  # noqa: E402
from workbench.application.config import load_settings  # noqa: E402
from workbench.application.sql_completion import complete  # noqa: E402
from workbench.application.sql_console import statement_at  # noqa: E402
from workbench.container import Container, build_container  # noqa: E402

RESULTS = Path(__file__).parent / "results"
BIG = "select * from fct_orders"  # 994,410 rows at scale 10 (a LIMIT would materialize first)
TYPED = (
    "select o.order_status, count(*) as n, sum(i.price) as revenue from fct_orders o "
    "join fct_order_items i on i.order_id = o.order_id where o.order_status = 'delivered' "
    "group by all order by revenue desc"
)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


# The ways of fetching compared: name -> (rows of the first fetch, rows per Arrow batch).
FETCHES = {
    "before": (10_000, 10_000),
    f"first {FIRST_FETCH_ROWS}": (FIRST_FETCH_ROWS, 10_000),
    f"first {FIRST_FETCH_ROWS}, 2k batches": (FIRST_FETCH_ROWS, 2_048),
}


def first_rows_ms(
    container: Container, repeat: int
) -> tuple[dict[str, dict[str, list[float]]], str]:
    """In the real app, for each way of fetching: from ctrl+j until the table holding the first
    rows is mounted (first rows, wall and CPU), and until the line tells the true total after a
    frame (whole result counted)."""
    from textual.widgets import Static, TextArea

    from infrastructure.analytics import sql_runner
    from screens.widgets.sql_results import ResultsView
    from workbench.app import WorkbenchApp

    found = {name: {"first": [], "first_cpu": [], "whole": []} for name in FETCHES}
    said = ""
    batch_rows_used = sql_runner.BATCH_ROWS

    async def run() -> None:
        nonlocal said
        app = WorkbenchApp(container)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.press("6")
            await app.workers.wait_for_complete()
            await pilot.pause()
            editor = app.screen.query_one("#sql-editor", TextArea)
            editor.load_text(BIG)
            results = app.screen.query_one(ResultsView)
            for turn in range(repeat + 1):  # the first warms the cursor and the file's pages
                for name, (first_fetch, batch_rows) in FETCHES.items():
                    app.screen.first_fetch_rows = first_fetch  # type: ignore[attr-defined]
                    sql_runner.BATCH_ROWS = batch_rows
                    results.clear()
                    await pilot.pause()
                    started, cpu = time.perf_counter(), time.process_time()
                    # the action ctrl+j is bound to (Pilot's press waits for the app to go
                    # idle, which here means for the whole result)
                    await app.screen.run_action("run")
                    status = app.screen.query_one("#sql-status", Static)
                    while results.result is None and "showing the first" not in str(
                        status.render()
                    ):
                        await asyncio.sleep(0.002)
                    # the table holding the first rows is in place: the next frame paints it
                    first = (time.perf_counter() - started) * 1000
                    first_cpu = (time.process_time() - cpu) * 1000
                    while results.result is None:
                        await asyncio.sleep(0.002)
                    await pilot.pause()
                    if turn:
                        found[name]["first"].append(first)
                        found[name]["first_cpu"].append(first_cpu)
                        found[name]["whole"].append((time.perf_counter() - started) * 1000)
            said = str(app.screen.query_one("#sql-status", Static).render())

    asyncio.run(run())
    sql_runner.BATCH_ROWS = batch_rows_used
    return found, said


def floor_fetch_ms(container: Container, repeat: int) -> list[float]:
    """DuckDB alone on the reader's connection (a cursor of its own), no app, no history."""
    reader = container.warehouse()
    samples = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        reader.on_cursor(lambda cursor: cursor.sql(BIG).to_arrow_table())
        samples.append((time.perf_counter() - started) * 1000)
    return samples[1:]


def catalogue_ms(container: Container, repeat: int) -> list[float]:
    console = container.sql_console()
    console.catalogue(generation=-1)
    samples = []
    for generation in range(repeat):
        started = time.perf_counter()
        console.catalogue(generation=generation)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def floor_catalogue_ms(container: Container, repeat: int) -> list[float]:
    reader = container.warehouse()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        reader.rows("select table_name, estimated_size from duckdb_tables()")
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def completion_ms(container: Container) -> tuple[list[float], list[float]]:
    catalogue = container.sql_console().catalogue(generation=0)
    names = {t.name.lower() for t in catalogue.tables} | {f.name for f in catalogue.functions}
    samples, floor = [], []
    for end in range(1, len(TYPED) + 1):
        text = TYPED[:end]
        started = time.perf_counter()
        start, stop = statement_at(text, end)
        complete(text, end, catalogue, text[start:stop])
        samples.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        _ = text.rsplit(" ", 1)[-1] in names
        floor.append((time.perf_counter() - started) * 1000)
    return samples, floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()

    source = dataset(args.cache, args.scale, args.seed)
    data_dir = Path(tempfile.mkdtemp(prefix="console-bench-")) / "data"
    container = build_container(load_settings({"data_dir": data_dir}, env={}, config_file=None))
    try:
        outcome = container.ingestion().ingest(source)
        assert outcome.published, outcome.message
        orders = container.warehouse().rows("select count(*) from fct_orders")[0][0]
        items = container.warehouse().rows("select count(*) from fct_order_items")[0][0]
        big_rows = container.warehouse().rows(f"select count(*) from ({BIG})")[0][0]
        from infrastructure.analytics.sql_runner import BATCH_ROWS

        fetches, said = first_rows_ms(container, args.repeat)
        fetch = floor_fetch_ms(container, args.repeat)
        catalogue = catalogue_ms(container, args.repeat * 4)
        catalogue_floor = floor_catalogue_ms(container, args.repeat * 4)
        keystrokes, keystroke_floor = completion_ms(container)
    finally:
        container.shutdown_resources()
        shutil.rmtree(data_dir.parent, ignore_errors=True)  # a scale-10 warehouse is 1 GB

    load = os.getloadavg()[0]
    stamp = time.strftime("%Y-%m-%d %H:%M")
    rows = big_rows
    lines = [
        f"# console benchmark, {stamp}, scale {args.scale:g} ({orders:,} orders, "
        f"{items:,} order items), {args.repeat} runs of the big result",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, load average {load:.2f}, Python "
        f"{platform.python_version()}, duckdb {duckdb.__version__}, polars {pl.__version__}",
        f"{'measure':<44} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'floor ms':>9} "
        f"{'ratio':>6}  target",
    ]

    def line(name: str, samples: list[float], floor: list[float], target: str) -> None:
        median, base = statistics.median(samples), statistics.median(floor)
        ratio = f"{median / base:.1f}" if base > 0 else "-"
        lines.append(
            f"{name:<44} {median:>10.1f} {percentile(samples, 0.95):>8.1f} "
            f"{max(samples):>8.1f} {base:>9.3f} {ratio:>6}  {target}"
        )

    lines.append(
        f"# the app fetches {FIRST_FETCH_ROWS:,} rows first, in {BATCH_ROWS:,}-row batches"
    )
    for name, (first_fetch, batch_rows) in FETCHES.items():
        measured = fetches[name]
        lines.append(f"# {name}: first fetch {first_fetch:,} rows, {batch_rows:,}-row batches")
        target = "<= 200 ms at scale 10"
        line(f"first rows, {rows:,} rows ({name})", measured["first"], fetch, target)
        line("  its process CPU time", measured["first_cpu"], fetch, "-")
        line("  whole result read and counted", measured["whole"], fetch, "-")
    line("catalogue load (new snapshot)", catalogue, catalogue_floor, "<= 100 ms")
    line(f"completion per keystroke ({len(TYPED)} keys)", keystrokes, keystroke_floor, "<= 50 ms")
    lines.append(f"# the app said: {said}")
    lines.append(
        "# floors: DuckDB fetching the same result as Arrow; duckdb_tables() alone; a set "
        "lookup of the word typed"
    )
    report = "\n".join(lines)
    print(report)
    RESULTS.mkdir(exist_ok=True)
    suffix = "" if args.scale == 1 else f"-scale{args.scale:g}"
    (RESULTS / f"console{suffix}.txt").write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
