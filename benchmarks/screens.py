"""Key to painted: press a key in the real app (Pilot), time until the screen's data is painted.

Usage: python benchmarks/screens.py [--scale S] [--seed N] [--repeat R] [--size WxH]
                                    [--profile CASE] [--count-calls] [--cache DIR]
                                    [--only GROUP ...] [--out FILE]
       python benchmarks/screens.py --check    (the clock against a tiny app of known costs)

The app runs on a warehouse ingested (twice, so Segments has a migration to show) from the
generated dataset at the given scale, cached in the cache dir. Each case is one user action (a
key; a filter is typed into its box, the case is its enter).

The clock ("key→frame"): from the moment the key event is handed to the app (the driver's
`send_message`, where a terminal driver hands over what it read) to the moment the last frame of
the key's answer has been produced: written out as a terminal would get it. Each load the key
starts (every screen loads through workers) hands its result to the screen, the handlers fill
tables and charts, and the app renders a frame; the case is over when no worker is left
running and every message they posted has been handled, and the clock stops at the last frame
rendered by then, the first one showing the last load's data, and before the end of any
background load the key led to (a big table's read of every row repaints it when it ends, and
Pilot's press waits for the process to be idle, so a case's window can hold it whole).
Headless Textual renders each frame
(the compositor's update) but skips turning it into terminal output (`App._display` returns early
when the driver is headless), which a real terminal pays: so the app runs with `FrameDriver`, a
headless driver that says it is not headless, so `App._display` encodes every frame's segments
into the escape sequences the Linux driver would write; `write` and `flush` record the frame and
its time and discard the bytes (a terminal driver writes them from a thread of its own). This uses
only public Textual API: a custom `Driver` (its `send_message`, `write`, `flush`, `is_headless`),
`App.driver_class` and `run_test(headless=False)`; no private hook is needed. "loop cpu" is the
event loop thread's CPU time over that same window (`time.thread_time` read in the driver's calls,
which run on the loop's thread): what the key costs the loop, whatever else the machine runs;
"frames" how many frames the key's answer produced.

The harness figure is kept beside it: "harness" is the wall time of the Pilot case, from
`pilot.press` to the harness having seen everything settle (its own polling included: `press`
waits twice for the process to be idle, sleeping at least 20 ms each, `painted` once more before
its `call_after_refresh`), ~60-90 ms more than the key's answer; "proc cpu" the process's CPU time
over that case (all threads: the loop and the workers' SQL). `--check` runs the clock on a tiny
app whose keys cost nothing, 50 ms of work in the key's handler, and a 100 ms worker then a
repaint, and prints what it reads (about 0, 50 and 100 ms).

The KPI screen loads the views not shown yet in the background once the view shown is painted
(`kpi_load_ahead`, on by default): a case starts when those loads are over too, so a view key
measures painting a view loaded ahead; after the KPI screen's open key and each filter's enter
the report adds how long loading every other view ahead took. `--no-load-ahead` turns that off:
each view key then measures the view's queries and its painting.

Repeat 1 runs in a process that has not yet shown any screen: it is reported as "cold"; the
other repeats (a new app each, same process) as the warm median and max. The app imports the
later screens' modules in a thread once its first frame's loads are done, and the harness waits
for every load before the first key, as a user who presses it once the first screen has filled:
so a first open does not include those imports (~0.2 s for the KPIs; a key pressed sooner waits
for them). Then it makes the Quality, Segments and KPI screens, hidden (`screens.made_ahead`),
which the harness waits for too: their first open lays out and paints a screen composed and
loaded while the app was idle. `--profile CASE` runs cProfile around that
case in the last repeat (the event loop's thread, where widgets are built and painted), prints
the top functions by that thread's CPU time (also to screens-profile.txt) and keeps the stats
in results/screens.prof.
`--count-calls` adds one run (not in the timings) with every case under cProfile and reports,
per case, the function calls on the event loop's thread over the harness's window (the key, its
answer and the harness's own polling): a count of the work that the machine's speed does not
change. On this shared virtual machine the loop's CPU time of the same code varied up to 1.9x
from one run to the next at load ~1, so an A/B of a few ms needs many rounds; the count does not.
`--only kpis` (quality, segments, kpis, explorer) measures those screens alone.
Writes benchmarks/results/screens[-scaleS].txt (or --out).
Target (issue 16): <= 100 ms at scale 1, <= 150 ms at scale 10, <= 1 s at scale 100, key→frame.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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

from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.drivers.headless_driver import HeadlessDriver  # noqa: E402
from textual.message import Message  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input, Static  # noqa: E402
from textual.worker import WorkerCancelled, WorkerState  # noqa: E402

from infrastructure.analytics.read_ahead import drop_from_page_cache  # noqa: E402
from infrastructure.warehouse.builder import WAREHOUSE_FORMAT  # noqa: E402
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
    # One per warehouse format: a warehouse of an older format is refused, it must be rebuilt.
    folder = cache / f"screens-scale-{scale:g}-seed-{seed}-format-{WAREHOUSE_FORMAT}"
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


def evict_from_page_cache(data_dir: Path) -> None:
    """Drop every DuckDB file of the data dir (the warehouse, the snapshots) from the OS page
    cache, as after a reboot or once other work has pushed them out: an app's first reads of
    them come from disk."""
    for path in sorted(data_dir.rglob("*.duckdb")):
        with contextlib.suppress(FileNotFoundError):  # a snapshot pruned meanwhile
            drop_from_page_cache(path)


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


class FrameDriver(HeadlessDriver):
    """Headless, but frames are encoded as for a terminal; records when keys and frames pass.

    `is_headless` False makes `App._display` turn each compositor update into the escape
    sequences a terminal driver writes (`render_segments`); `write` drops them, `flush` (called
    once per frame, after its writes) records the frame. Times are (perf_counter, thread_time):
    both calls run on the event loop's thread."""

    running: FrameDriver | None = None  # the driver of the app under measure (one at a time)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        FrameDriver.running = self
        self.keys: list[tuple[float, float]] = []
        self.frames: list[tuple[float, float]] = []
        self.frame_bytes = 0

    @property
    def is_headless(self) -> bool:
        return False

    def send_message(self, message: Message) -> None:
        if isinstance(message, events.Key):
            self.keys.append((time.perf_counter(), time.thread_time()))
        super().send_message(message)

    def write(self, data: str) -> None:
        self.frame_bytes += len(data)

    def flush(self) -> None:
        self.frames.append((time.perf_counter(), time.thread_time()))


# The KPI screen's loads of the views not shown yet (kpi_load_ahead), and a big table's read of
# all its rows once its first page is shown (frame_table.ROWS_LOAD): background work that paints
# nothing, not part of a key's answer; a case waits for them before it starts.
BACKGROUND = ("kpi-ahead", "table-rows")
BACKGROUND_ENDS: list[float] = []  # when each background load's result was posted


def note_background_end(message: Any) -> None:
    """`run_test`'s message hook (it sees every message as it is posted, on the posting
    thread): when a background load posts its result (screens.loads: a message with the load's
    `kind`), before the loop has handled it. A frame from then on may be that load's (a big
    table repainted once its every row is read), no longer the key's answer: background loads
    start only once the answer is painted."""
    if getattr(message, "kind", None) in BACKGROUND:
        BACKGROUND_ENDS.append(time.perf_counter())


async def painted(pilot: Pilot[None], besides: tuple[str, ...] = BACKGROUND) -> None:
    """Every load finished and handled (but background ones), then one frame refreshed after."""
    app = pilot.app

    def waited() -> list[Any]:
        return [w for w in app.workers if w.group not in besides]

    for _ in range(50):  # a handler may start further loads (a pane mounted, a tab shown)
        running = waited()
        if running:
            with contextlib.suppress(WorkerCancelled):  # a load replaced: asked again below
                await app.workers.wait_for_complete(running)
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in waited()):
            break
    refreshed = asyncio.Event()
    app.call_after_refresh(refreshed.set)
    await refreshed.wait()


class Recorder:
    def __init__(self, pilot: Pilot[None], profile: str | None, count_calls: bool = False) -> None:
        self.pilot = pilot
        self.count_calls = count_calls
        self.calls: dict[str, int] = {}  # function calls on the loop's thread (--count-calls)
        self.times: dict[str, float] = {}  # harness: pilot.press to settled, its polling included
        self.cpu: dict[str, float] = {}  # the process's CPU time over the case (all threads)
        self.key_to_frame: dict[str, float] = {}  # the key handed over to its last frame
        self.loop_cpu: dict[str, float] = {}  # the loop thread's CPU over that window
        self.frames: dict[str, int] = {}
        self.ahead: dict[str, float] = {}  # a key to the end of the loads ahead it started
        self.settled_ms = 0.0  # the app started to its first loads and screens made ahead done
        self.profile = profile
        self.profile_text = ""

    async def case(self, name: str, act: Callable[[], Awaitable[Any]]) -> None:
        wanted = self.profile and name.startswith(self.profile) and not self.profile_text
        # CPU time of the event loop's thread: what the profile shows is not other processes'
        profiler = cProfile.Profile(time.thread_time) if wanted or self.count_calls else None
        await painted(self.pilot, besides=())  # start from a quiet screen, nothing loading
        driver = FrameDriver.running
        assert driver is not None
        for box in self.pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor's frames are no key's answer
        keys_before, frames_before = len(driver.keys), len(driver.frames)
        started, cpu = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        await act()
        await painted(self.pilot)
        if profiler is not None:
            profiler.disable()
            self.calls[name] = pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]
        if profiler is not None and wanted:
            out = io.StringIO()
            profiler.dump_stats(RESULTS / "screens.prof")  # for pstats' callers/callees
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(30)
            stats.sort_stats("tottime").print_stats(20)
            self.profile_text = out.getvalue()
        self.times[name] = (time.perf_counter() - started) * 1000
        self.cpu[name] = (time.process_time() - cpu) * 1000
        keys, frames = driver.keys[keys_before:], driver.frames[frames_before:]
        assert keys, f"{name}: no key reached the app"
        key_wall, key_cpu = keys[-1]  # a case is one key (a filter's value is typed before it)
        # The answer: the frames from the key until a background load it led to ended (Pilot's
        # press waits for the process to be idle, so a case's window can hold such a load whole).
        until = min((end for end in BACKGROUND_ENDS if end >= key_wall), default=float("inf"))
        answer = [frame for frame in frames if key_wall <= frame[0] < until]
        last_wall, last_cpu = answer[-1] if answer else keys[-1]
        self.key_to_frame[name] = (last_wall - key_wall) * 1000
        self.loop_cpu[name] = (last_cpu - key_cpu) * 1000
        self.frames[name] = len(answer)

    async def keys(self, name: str, *keys: str) -> None:
        await self.case(name, lambda: self.pilot.press(*keys))

    async def loaded_ahead(self, name: str) -> None:
        """The last key handed to the app to every view loaded ahead (its harness polling
        included: tens of ms)."""
        driver = FrameDriver.running
        assert driver is not None and driver.keys
        await painted(self.pilot, besides=())
        self.ahead[name] = (time.perf_counter() - driver.keys[-1][0]) * 1000


async def run_cases(
    container: Container,
    size: tuple[int, int],
    found: dict[str, str],
    profile: str | None,
    groups: tuple[str, ...] = GROUPS,
    count_calls: bool = False,
) -> Recorder:
    app = WorkbenchApp(container)
    app.driver_class = FrameDriver
    started = time.perf_counter()
    async with app.run_test(size=size, headless=False, message_hook=note_background_end) as pilot:
        rec = Recorder(pilot, profile, count_calls)
        await painted(pilot)
        rec.settled_ms = (time.perf_counter() - started) * 1000
        if "quality" in groups:
            await quality_cases(rec, pilot, app)
        if "segments" in groups:
            await segments_cases(rec, pilot, app)
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


async def segments_cases(rec: Recorder, pilot: Pilot[None], app: WorkbenchApp) -> None:
    """First open, grid switch, each tab, the customers of the largest segment (and the time
    its rows took to be read whole, in the background), scrolling them to the end, sorting."""
    await rec.keys("segments: open (3)", "3")
    await rec.keys("segments: R×M grid (g)", "g")
    for key, tab in SEGMENT_TABS.items():
        await rec.keys(f"segments: {tab} tab ({key})", key)
    await pilot.press("escape")  # the what-if tab's field has the focus: leave it
    summary = app.screen.query_one("#segment-summary")
    segments = summary.frame  # type: ignore[attr-defined]
    largest = max(range(segments.height), key=lambda i: segments["customers"][i])
    summary.table.focus()  # type: ignore[attr-defined]
    await pilot.press(*(["down"] * largest))
    await painted(pilot)
    await rec.keys("segments: customers of the largest segment (enter)", "enter")
    await rec.loaded_ahead("segments: customers of the largest segment (enter)")
    await rec.keys("segments: largest segment's last customer (ctrl+end)", "ctrl+end")
    await rec.keys("segments: largest segment sorted by id (s)", "s")


async def kpi_cases(
    rec: Recorder, pilot: Pilot[None], app: WorkbenchApp, container: Container
) -> None:
    """First open, every view with no filter, with a state, with a category."""
    await rec.keys("kpis: open (4)", "4")
    await rec.loaded_ahead("kpis: open (4)")
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
        await rec.loaded_ahead(f"kpis: set {label} = {value} (executive, enter)")
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
    parser.add_argument("--check", action="store_true", help="the clock on a tiny app, no data")
    parser.add_argument(
        "--count-calls",
        action="store_true",
        help="one more run, each case under cProfile: its function calls on the loop's thread",
    )
    parser.add_argument(
        "--evict",
        action="store_true",
        help="before each app, drop the data dir's DuckDB files from the OS page cache",
    )
    parser.add_argument(
        "--no-load-ahead",
        action="store_true",
        help="kpi_load_ahead = false: each KPI view queries when its key is pressed",
    )
    args = parser.parse_args()
    if args.check:
        check(args.repeat)
        return
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
            if args.evict:
                evict_from_page_cache(data_dir)
            profile = args.profile if i == args.repeat - 1 else None
            cases = run_cases(container, size, found, profile, tuple(args.only))  # type: ignore[arg-type]
            runs.append(asyncio.run(cases))
            print(f"repeat {i + 1} done", flush=True)
        counted = None
        if args.count_calls:
            container.warehouse().reload()
            counting = run_cases(container, size, found, None, tuple(args.only), count_calls=True)  # type: ignore[arg-type]
            counted = asyncio.run(counting)
    finally:
        container.shutdown_resources()
    text = report(args, runs, found, load, counted)
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
    args: argparse.Namespace,
    runs: list[Recorder],
    found: dict[str, str],
    load: float,
    counted: Recorder | None = None,
) -> str:
    warm = runs[1:] or runs

    def med(field: str, name: str) -> float:
        return statistics.median(getattr(r, field)[name] for r in warm if name in r.times)

    lines = [
        f"# key to painted, scale {args.scale:g}, {args.size}, {len(runs)} repeats (a new app "
        f"each; repeat 1 cold), {time.strftime('%Y-%m-%d %H:%M')} UTC, KPI views loaded "
        + ("on demand only (--no-load-ahead)" if args.no_load_ahead else "ahead (the default)")
        + (
            "; before each app its DuckDB files dropped from the OS page cache (--evict)"
            if args.evict
            else ""
        ),
        f"# {platform.platform()}, {os.cpu_count()} CPUs, load average {load:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end; top seller {found['seller']}, "
        f"top customer {found['customer']}",
        f"{'':<56} {'key→frame (ms)':^27} {'loop':>6} {'':>6} {'harness (ms)':^17}",
        f"{'case':<56} {'cold':>8} {'warm med':>9} {'warm max':>8} {'cpu':>6} {'frames':>6} "
        f"{'wall med':>8} {'proc cpu':>8}" + (f" {'calls':>8}" if counted else ""),
    ]
    for name in runs[0].times:
        samples = [r.key_to_frame[name] for r in warm if name in r.times]
        lines.append(
            f"{name:<56} {runs[0].key_to_frame[name]:>8,.0f} {statistics.median(samples):>9,.0f} "
            f"{max(samples):>8,.0f} {med('loop_cpu', name):>6,.0f} "
            f"{med('frames', name):>6,.0f} {med('times', name):>8,.0f} {med('cpu', name):>8,.0f}"
            + (f" {counted.calls.get(name, 0):>8,}" if counted else "")
        )
    over = sorted(((med("key_to_frame", n), n) for n in runs[0].times), reverse=True)
    lines += [
        "key→frame: the key handed to the app to the last frame of its answer, encoded for a "
        "terminal; loop cpu: the event loop thread's CPU time over that window (medians of the "
        "warm repeats); frames: frames rendered in that window; harness: pilot.press to the "
        "harness seeing it settled (its polling included) and the process's CPU over it (loop "
        "and workers). On a loaded machine the wall times wait for other processes too.",
        "worst warm key→frame: " + "; ".join(f"{n} {ms:,.0f} ms" for ms, n in over[:6]),
        "the app started to everything before the first key done (the first screen's loads, "
        "the later screens' modules imported and the screens made ahead, with their loads): "
        f"cold {runs[0].settled_ms:,.0f} ms, warm median "
        f"{statistics.median(r.settled_ms for r in warm):,.0f} ms",
    ]
    if not args.no_load_ahead:
        lines.append(
            "loaded ahead in the background (every other KPI view, one at a time; a big table's "
            "rows read whole), from the key to the last of them, warm median: "
            + "; ".join(
                f"{name} {statistics.median(r.ahead[name] for r in warm):,.0f} ms"
                for name in runs[0].ahead
            )
        )
    return "\n".join(lines) + "\n"


class CheckApp(App[None]):
    """The clock's check: keys of known cost. `s` changes a text (nothing else to do), `w` does
    50 ms of work in its handler first, `k` starts a worker that sleeps 100 ms and then changes
    the text (the frame after the worker's message was handled ends the answer)."""

    BINDINGS = [("s", "show", ""), ("w", "work", ""), ("k", "load", "")]

    def compose(self) -> ComposeResult:
        yield Static("ready", id="text")

    def action_show(self) -> None:
        self.query_one("#text", Static).update(f"shown {time.perf_counter()}")

    def action_work(self) -> None:
        until = time.thread_time() + 0.05
        while time.thread_time() < until:
            pass
        self.action_show()

    def action_load(self) -> None:
        self.run_worker(self._load, thread=True)

    def _load(self) -> None:
        time.sleep(0.1)
        self.call_from_thread(self.action_show)


async def check_cases(repeat: int) -> Recorder:
    app = CheckApp()
    app.driver_class = FrameDriver
    async with app.run_test(size=(80, 24), headless=False) as pilot:
        rec = Recorder(pilot, None)
        await painted(pilot)
        for i in range(repeat):
            await rec.keys(f"bare change (s) #{i}", "s")
            await rec.keys(f"50 ms of work in the handler (w) #{i}", "w")
            await rec.keys(f"100 ms worker, then a change (k) #{i}", "k")
    return rec


def check(repeat: int) -> None:
    rec = asyncio.run(check_cases(max(repeat, 3)))
    print(f"{'case':<44} {'key→frame':>9} {'loop cpu':>8} {'frames':>6} {'harness':>8}")
    for name in rec.times:
        print(
            f"{name:<44} {rec.key_to_frame[name]:>9.1f} {rec.loop_cpu[name]:>8.1f} "
            f"{rec.frames[name]:>6} {rec.times[name]:>8.1f}"
        )


if __name__ == "__main__":
    main()
