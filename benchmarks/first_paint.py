"""TUI first paint: from starting the process to the first frame shown, and what it imported.

Usage: python benchmarks/first_paint.py [--data-dir DIR ...] [--repeat N] [--top N] [--before DIR]

Each run is a fresh `python` process that does what `workbench` does (the command line's imports,
settings, container, the interrupted-run check) and then runs the app headless under Textual's
Pilot at 80x24; "first paint" is the app's Ready event ("the DOM is ready and the first frame has
been displayed"), timed from just before the process was started. The child also lists which heavy
libraries were already imported at that moment (none of them should be: the first screen needs
none). Then the same child under `python -X importtime` gives the top cumulative imports done
before the first frame, and how many modules that is against the bare app's.

Every child runs from bytecode, as an installed workbench does: PYTHONDONTWRITEBYTECODE is
dropped and PYTHONPYCACHEPREFIX points to a cache of this run, filled by one uncounted warm-up
run of each kind (with the variable set, as in some shells, every module of the checkout was
compiled again at each start: ~140 ms CPU more, and the bare app, in site-packages, never was).
The rounds alternate the bare app, the workbench on each data dir, and --before, so a noisy
machine slows each alike; medians, p90 and the slowest are quoted, wall and CPU.
Target (issue 16): first paint <= 0.8 s at any scale. Writes benchmarks/results/first_paint.txt.
With no data dir, a scale-0.1 demo warehouse is built in a temp dir first (and removed after).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "first_paint.txt"
TARGET_MS = 800
HEAVY = (
    "polars",
    "pyarrow",
    "numpy",
    "plotext",
    "textual_plotext",
    "textual_fastdatatable",
    "duckdb",
    "psycopg",
    "infrastructure.generator",
)

CHILD = """
import json, sys, time
from pathlib import Path
import workbench.cli  # what the `workbench` command imports before it dispatches
FIRST_FRAME = "-- first frame --"
from workbench.app import WorkbenchApp
from workbench.application.config import load_settings
from workbench.container import build_container

HEAVY = sys.argv[2].split(",")
container = build_container(load_settings({"data_dir": Path(sys.argv[1])}, env={}))
container.recovery().run()
marks = {}

class Measured(WorkbenchApp):
    def on_ready(self) -> None:
        marks["first_paint"] = time.time()
        marks["cpu_ms"] = time.process_time() * 1000
        marks["heavy"] = sorted(m for m in HEAVY if m in sys.modules)
        print(FIRST_FRAME, file=sys.stderr, flush=True)  # ends what -X importtime counts

async def run() -> None:
    app = Measured(container)
    async with app.run_test(size=(80, 24)) as pilot:
        while "first_paint" not in marks:
            await pilot.pause()

import asyncio
asyncio.run(run())
container.shutdown_resources()
print(json.dumps(marks))
"""


# The floor: a bare Textual app with one label, in the same kind of fresh process.
FLOOR_CHILD = """
import asyncio, json, sys, time
from textual.app import App
from textual.widgets import Label
marks = {}

class Bare(App[None]):
    def compose(self):
        yield Label("hello")

    def on_ready(self) -> None:
        marks["first_paint"] = time.time()
        marks["cpu_ms"] = time.process_time() * 1000
        marks["heavy"] = []
        print("-- first frame --", file=sys.stderr, flush=True)

async def run() -> None:
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        while "first_paint" not in marks:
            await pilot.pause()

asyncio.run(run())
print(json.dumps(marks))
"""


FIRST_FRAME = "-- first frame --"
Run = tuple[float, list[str], float]  # wall ms to the first frame, heavy modules, CPU ms


def child_env(pycache: Path, source: Path | None = None) -> dict[str, str]:
    """The environment of a child: no WORKBENCH_ settings, bytecode cached in `pycache`, and
    `source` (another checkout, for a before/after comparison) first on the path."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WORKBENCH_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    return env


def first_paint(
    data_dir: Path, pycache: Path, code: str = CHILD, source: Path | None = None
) -> Run:
    """One fresh process: ms from its start to the first frame, heavy modules loaded by then,
    and the CPU ms the process had used by then (the machine is shared: wall time varies)."""
    env = child_env(pycache, source)
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir), ",".join(HEAVY)],
        cwd=data_dir,  # not a checkout: `python -c` puts the current directory first on the path
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    marks = json.loads(out.stdout.splitlines()[-1])
    return (marks["first_paint"] - started) * 1000, marks["heavy"], marks["cpu_ms"]


def imports_before_first_frame(data_dir: Path, pycache: Path, code: str) -> list[tuple[int, str]]:
    """(cumulative us, indented name) of every import a child did before its first frame, from
    python -X importtime (its figures include the tracing's own cost: compare them, don't add)."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, str(data_dir), ",".join(HEAVY)],
        cwd=data_dir,
        check=True,
        capture_output=True,
        text=True,
        env=child_env(pycache),
    )
    rows = []
    for line in out.stderr.splitlines():
        if line == FIRST_FRAME:
            break
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name.rstrip()))
    return rows


def top(rows: list[tuple[int, str]], count: int) -> list[str]:
    return [f"{us / 1000:>8.1f} ms  {name}" for us, name in sorted(rows, reverse=True)[:count]]


def demo_warehouse(folder: Path) -> Path:
    from workbench.application.config import load_settings
    from workbench.container import build_container

    container = build_container(load_settings({"data_dir": folder}, env={}))
    try:
        outcome = container.demo().generate_and_ingest(0.1, 42)
        assert outcome.published, outcome.message
    finally:
        container.shutdown_resources()
    return folder


def spread(values: list[float]) -> str:
    """median / p90 / slowest of a list of ms."""
    ordered = sorted(values)
    p90 = (
        statistics.quantiles(ordered, n=10, method="inclusive")[-1]
        if len(ordered) > 1
        else ordered[0]
    )
    return f"median {statistics.median(ordered):,.0f}, p90 {p90:,.0f}, slowest {ordered[-1]:,.0f}"


def summary(name: str, runs: list[Run], floors: list[Run]) -> list[str]:
    wall, cpu = [r[0] for r in runs], [r[2] for r in runs]
    floor_wall = statistics.median(r[0] for r in floors)
    floor_cpu = statistics.median(r[2] for r in floors)
    over = sum(ms > TARGET_MS for ms in wall)
    heavy = sorted({n for _, names, _ in runs for n in names})
    return [
        f"{name}: first paint wall ms {spread(wall)}; {over} of {len(wall)} over {TARGET_MS} ms",
        f"  CPU ms to first paint {spread(cpu)}; / bare app: "
        f"{statistics.median(wall) / floor_wall:.2f}x wall, "
        f"{statistics.median(cpu) / floor_cpu:.2f}x CPU (medians)",
        f"  heavy libraries imported before the first frame: {', '.join(heavy) or 'none'}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, nargs="+", help="data dirs, measured in turn")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--before", type=Path, help="another checkout (e.g. /work/main) measured alternately"
    )
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="first-paint-"))
    pycache = temp / "pycache"
    try:
        data_dirs = args.data_dir or [demo_warehouse(temp / "demo")]
        kinds = [("bare Textual app (the floor)", data_dirs[0], FLOOR_CHILD, None)]
        kinds += [(f"workbench on {d}", d, CHILD, None) for d in data_dirs]
        if args.before is not None:
            kinds.append(
                (f"before ({args.before}) on {data_dirs[0]}", data_dirs[0], CHILD, args.before)
            )
        for _, data_dir, code, source in kinds:  # warm-up: fills the bytecode cache
            first_paint(data_dir, pycache, code, source)
        load = os.getloadavg()[0]
        runs: list[list[Run]] = [[] for _ in kinds]
        for _ in range(args.repeat):  # alternating, so a noisy machine slows each alike
            for measured, (_, data_dir, code, source) in zip(runs, kinds, strict=True):
                measured.append(first_paint(data_dir, pycache, code, source))
        load_after = os.getloadavg()[0]
        imports = imports_before_first_frame(data_dirs[0], pycache, CHILD)
        floor_imports = imports_before_first_frame(data_dirs[0], pycache, FLOOR_CHILD)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    floors = runs[0]
    floor_wall, floor_cpu = [r[0] for r in floors], [r[2] for r in floors]
    lines = [
        f"# TUI first paint, {time.strftime('%Y-%m-%d %H:%M')} UTC, {args.repeat} rounds of fresh "
        f"processes, 80x24, {os.cpu_count()} CPUs, load average {load:.1f} at start, "
        f"{load_after:.1f} at end; target <= {TARGET_MS} ms on every run",
        f"bare Textual app (the floor): wall ms {spread(floor_wall)}; CPU ms {spread(floor_cpu)}",
    ]
    for (name, *_), measured in zip(kinds[1:], runs[1:], strict=True):
        lines += summary(name, measured, floors)
    lines += [
        f"modules imported before the first frame: {len(imports)} (bare app: "
        f"{len(floor_imports)}); the workbench's top cumulative imports by then "
        "(python -X importtime, on the first data dir):",
        *top(imports, args.top),
    ]
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
