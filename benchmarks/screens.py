"""Key to painted: press a key in the real app (Pilot), wait until the screen's data is painted.

Usage: python benchmarks/screens.py [--scale S] [--seed N] [--repeat R] [--size WxH]
                                    [--profile CASE] [--cache DIR] [--only GROUP ...] [--out FILE]

The app runs headless on a warehouse ingested (twice, so Segments has a migration to show) from
the generated dataset at the given scale, cached in the cache dir. Each case is one user action
(a key; a filter is typed into its box, the case is its enter); its time runs from the action to the
screen's data painted: every load it started has handed its result to the screen (each screen
loads through workers, so: no worker left running after the messages they posted were handled,
the handlers included, which is where tables and charts are filled) and then the frame after it
has been refreshed (`call_after_refresh`). No sleeps. Beside the wall time, the process's CPU
time over the case (all its threads): on a shared, loaded machine it is the steadier figure.

Repeat 1 runs in a process that has not yet shown any screen, so it includes the screen modules'
imports (polars, plotext) on the first open: it is reported as "cold"; the other repeats (a new
app each, same process) as the warm median and max. `--profile CASE` runs cProfile around that
case in the last repeat (the event loop's thread, where widgets are built and painted), prints
the top functions by that thread's CPU time (also to screens-profile.txt) and keeps the stats
in results/screens.prof.
`--only kpis` (quality, segments, kpis, explorer) measures those screens alone.
Writes benchmarks/results/screens[-scaleS].txt (or --out).
Target (issue 16): <= 100 ms at scale 1, <= 150 ms at scale 10, <= 1 s at scale 100.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import platform
import pstats
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bench_common import DEFAULT_CACHE, dataset

# This file is named like the app's `screens` package: keep its own folder off the import path.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input  # noqa: E402
from textual.worker import WorkerState  # noqa: E402

from workbench.app import WorkbenchApp  # noqa: E402
from workbench.application.config import load_settings  # noqa: E402
from workbench.container import Container, build_container  # noqa: E402

RESULTS = Path(__file__).parent / "results"
KPI_VIEWS = {"x": "executive", "c": "categories", "l": "sellers", "v": "delivery", "t": "states",
             "h": "cohorts", "o": "products", "n": "customers", "a": "geography"}  # fmt: skip
GROUPS = ("quality", "segments", "kpis", "explorer")  # the screens measured, in this order
SEGMENT_TABS = {"c": "customers", "d": "definitions", "m": "migration", "w": "what-if"}


def warehouse_dir(cache: Path, scale: float, seed: int) -> Path:
    """A data dir with the dataset ingested twice (two runs: a segment migration to show)."""
    folder = cache / f"screens-scale-{scale:g}-seed-{seed}"
    if (folder / ".complete").exists():
        return folder
    source = dataset(cache, scale, seed)
    container = build_container(load_settings({"data_dir": folder}, env={}))
    try:
        for _ in range(2):
            outcome = container.ingestion().ingest(source)
            assert outcome.published, outcome.message
    finally:
        container.shutdown_resources()
    (folder / ".complete").touch()
    return folder


def ids(container: Container) -> dict[str, str]:
    """The largest seller (by orders) and the top customer (by orders) of the warehouse."""
    reader = container.warehouse()
    seller = reader.rows(
        "SELECT seller_id FROM fct_order_items GROUP BY seller_id "
        "ORDER BY count(DISTINCT order_id) DESC, seller_id LIMIT 1"
    )[0][0]
    customer = reader.rows(
        "SELECT customer_unique_id FROM fct_orders GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    )[0][0]
    return {"seller": seller, "customer": customer}


# The KPI screen's loads of the views not shown yet (kpi_load_ahead): background work, not part
# of what a key shows; a case waits for them before it starts, not before it ends.
BACKGROUND = ("kpi-ahead",)


async def painted(pilot: Pilot[None], besides: tuple[str, ...] = BACKGROUND) -> None:
    """Every load finished and handled (but background ones), then one frame refreshed after."""
    app = pilot.app

    def waited() -> list[Any]:
        return [w for w in app.workers if w.group not in besides]

    for _ in range(50):  # a handler may start further loads (a pane mounted, a tab shown)
        running = waited()
        if running:
            await app.workers.wait_for_complete(running)
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in waited()):
            break
    refreshed = asyncio.Event()
    app.call_after_refresh(refreshed.set)
    await refreshed.wait()


class Recorder:
    def __init__(self, pilot: Pilot[None], profile: str | None) -> None:
        self.pilot = pilot
        self.times: dict[str, float] = {}
        self.cpu: dict[str, float] = {}  # the process's CPU time over the case (all threads)
        self.profile = profile
        self.profile_text = ""

    async def case(self, name: str, act: Callable[[], Awaitable[Any]]) -> None:
        wanted = self.profile and name.startswith(self.profile) and not self.profile_text
        # CPU time of the event loop's thread: what the profile shows is not other processes'
        profiler = cProfile.Profile(time.thread_time) if wanted else None
        await painted(self.pilot, besides=())  # start from a quiet screen, nothing loading
        started, cpu = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        await act()
        await painted(self.pilot)
        if profiler is not None:
            profiler.disable()
            out = io.StringIO()
            profiler.dump_stats(RESULTS / "screens.prof")  # for pstats' callers/callees
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(30)
            stats.sort_stats("tottime").print_stats(20)
            self.profile_text = out.getvalue()
        self.times[name] = (time.perf_counter() - started) * 1000
        self.cpu[name] = (time.process_time() - cpu) * 1000

    async def keys(self, name: str, *keys: str) -> None:
        await self.case(name, lambda: self.pilot.press(*keys))


async def run_cases(
    container: Container,
    size: tuple[int, int],
    found: dict[str, str],
    profile: str | None,
    groups: tuple[str, ...] = GROUPS,
) -> Recorder:
    app = WorkbenchApp(container)
    async with app.run_test(size=size) as pilot:
        rec = Recorder(pilot, profile)
        await painted(pilot)
        if "quality" in groups:
            await quality_cases(rec, pilot, app)
        if "segments" in groups:
            await segments_cases(rec, pilot)
        if "kpis" in groups:
            await kpi_cases(rec, pilot, app, container)
        if "explorer" in groups:
            await explorer_cases(rec, pilot, app, found)
        await rec.keys("ingestion: back (1)", "1")
    return rec


async def quality_cases(rec: Recorder, pilot: Pilot[None], app: WorkbenchApp) -> None:
    """First open, then the drill-down of the first rule and of the one with the most failing
    rows."""
    await rec.keys("quality: open (2)", "2")
    await rec.keys("quality: drill first rule (enter)", "enter")
    await pilot.press("escape")
    rules = app.screen.query_one("#quality-rules").frame  # type: ignore[attr-defined]
    worst = max(range(rules.height), key=lambda i: rules["failing"][i] or 0)
    await pilot.press(*(["down"] * worst))
    await painted(pilot)
    await rec.keys(f"quality: drill {rules['rule'][worst]} (enter)", "enter")
    await pilot.press("escape")


async def segments_cases(rec: Recorder, pilot: Pilot[None]) -> None:
    """First open, grid switch, each tab."""
    await rec.keys("segments: open (3)", "3")
    await rec.keys("segments: R×M grid (g)", "g")
    for key, tab in SEGMENT_TABS.items():
        await rec.keys(f"segments: {tab} tab ({key})", key)
    await pilot.press("escape")  # the what-if tab's field has the focus: leave it


async def kpi_cases(
    rec: Recorder, pilot: Pilot[None], app: WorkbenchApp, container: Container
) -> None:
    """First open, every view with no filter, with a state, with a category."""
    await rec.keys("kpis: open (4)", "4")
    choices = container.kpis().choices()
    for key, view in KPI_VIEWS.items():
        await rec.keys(f"kpis: {view} ({key})", key)
    for label, selector, value in (
        ("state", "#kpi-state", choices.states[0]),
        ("category", "#kpi-category", choices.categories[0]),
    ):
        await pilot.press("x")
        await painted(pilot)
        box = app.screen.query_one(selector, Input)  # typed into the filter bar's box
        box.focus()
        box.value = value
        await painted(pilot)
        await rec.keys(f"kpis: set {label} = {value} (executive, enter)", "enter")
        for key, view in KPI_VIEWS.items():
            if view != "executive":
                await rec.keys(f"kpis: {view} [{label}] ({key})", key)
        await pilot.press("u")
        await painted(pilot)


async def explorer_cases(
    rec: Recorder, pilot: Pilot[None], app: WorkbenchApp, found: dict[str, str]
) -> None:
    """First open, the largest seller, the top customer."""
    await rec.keys("explorer: open (5)", "5")
    for kind in ("seller", "customer"):
        field = app.screen.query_one("#explorer-id", Input)
        field.focus()
        field.value = found[kind]
        await pilot.pause()
        await rec.keys(f"explorer: open the top {kind} (enter)", "enter")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--profile", help="a case name (or its start) to profile")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--only", nargs="+", choices=GROUPS, default=GROUPS, help="the screens to measure"
    )
    parser.add_argument("--out", type=Path, help="results file (default: screens[-scaleS].txt)")
    parser.add_argument(
        "--no-load-ahead",
        action="store_true",
        help="kpi_load_ahead = false: each KPI view queries when its key is pressed",
    )
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    data_dir = warehouse_dir(args.cache, args.scale, args.seed)
    options = {"data_dir": data_dir, "kpi_load_ahead": not args.no_load_ahead}
    container = build_container(load_settings(options, env={}))
    load = os.getloadavg()[0]
    try:
        found = ids(container)
        runs: list[Recorder] = []
        for i in range(args.repeat):
            container.warehouse().reload()
            profile = args.profile if i == args.repeat - 1 else None
            cases = run_cases(container, size, found, profile, tuple(args.only))  # type: ignore[arg-type]
            runs.append(asyncio.run(cases))
            print(f"repeat {i + 1} done", flush=True)
    finally:
        container.shutdown_resources()
    text = report(args, runs, found, load)
    suffix = "" if args.scale == 1 else f"-scale{args.scale:g}"
    (args.out or RESULTS / f"screens{suffix}.txt").write_text(text, encoding="utf-8")
    print(text)
    if runs[-1].profile_text:
        (RESULTS / f"screens{suffix}-profile.txt").write_text(
            f"# cProfile of '{args.profile}', last repeat\n{runs[-1].profile_text}",
            encoding="utf-8",
        )
        print(runs[-1].profile_text)


def report(
    args: argparse.Namespace, runs: list[Recorder], found: dict[str, str], load: float
) -> str:
    warm = runs[1:] or runs
    lines = [
        f"# key to painted, scale {args.scale:g}, {args.size}, {len(runs)} repeats (a new app "
        f"each; repeat 1 cold), {time.strftime('%Y-%m-%d %H:%M')} UTC, KPI views loaded "
        + ("on demand only (--no-load-ahead)" if args.no_load_ahead else "ahead (the default)"),
        f"# {platform.platform()}, {os.cpu_count()} CPUs, load average {load:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end; top seller {found['seller']}, "
        f"top customer {found['customer']}",
        f"{'case':<56} {'cold ms':>8} {'warm med':>9} {'warm max':>9} {'cpu med':>8}",
    ]
    for name, cold in runs[0].times.items():
        samples = [r.times[name] for r in warm if name in r.times]
        cpu = statistics.median(r.cpu[name] for r in warm if name in r.cpu)
        lines.append(
            f"{name:<56} {cold:>8,.0f} {statistics.median(samples):>9,.0f} "
            f"{max(samples):>9,.0f} {cpu:>8,.0f}"
        )
    over = sorted(
        ((statistics.median(r.times[n] for r in warm), n) for n in runs[0].times), reverse=True
    )
    lines.append(
        "cpu med: the process's CPU time over the case (event loop and workers), warm median: "
        "on a loaded machine the wall time waits for other processes too"
    )
    lines.append("worst warm medians: " + "; ".join(f"{n} {ms:,.0f} ms" for ms, n in over[:6]))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
