"""TUI first paint: from starting the process to the first frame shown, and what it imported.

Usage: python benchmarks/first_paint.py [--data-dir DIR] [--repeat N] [--top N]

Each run is a fresh `python` process that does what `workbench` does (the command line's imports,
settings, container, the interrupted-run check) and then runs the app headless under Textual's
Pilot at 80x24; "first paint" is the app's Ready event ("the DOM is ready and the first frame has
been displayed"), timed from just before the process was started. The child also lists which heavy
libraries were already imported at that moment (none of them should be: the first screen needs
none). Then `python -X importtime -c "import workbench.app"` gives the top cumulative imports.
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

async def run() -> None:
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        while "first_paint" not in marks:
            await pilot.pause()

asyncio.run(run())
print(json.dumps(marks))
"""


def first_paint(
    data_dir: Path, code: str = CHILD, source: Path | None = None
) -> tuple[float, list[str], float]:
    """One fresh process: ms from its start to the first frame, heavy modules loaded by then,
    and the CPU ms the process had used by then (the machine is shared: wall time varies).
    `source` puts another checkout first on the path (a before/after comparison)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    if source is not None:
        env["PYTHONPATH"] = str(source)
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


def top_imports(count: int) -> list[str]:
    """The slowest cumulative imports of `import workbench.app`, from python -X importtime."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import workbench.app"],
        check=True,
        capture_output=True,
        text=True,
    )
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name.rstrip()))
    rows.sort(reverse=True)
    return [f"{us / 1000:>8.1f} ms  {name}" for us, name in rows[:count]]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--before", type=Path, help="another checkout (e.g. /work/main) measured alternately"
    )
    args = parser.parse_args()
    temp = None if args.data_dir else Path(tempfile.mkdtemp(prefix="first-paint-"))
    try:
        data_dir = args.data_dir or demo_warehouse(temp)  # type: ignore[arg-type]
        load = os.getloadavg()[0]
        runs, floors, befores = [], [], []
        for _ in range(args.repeat):  # alternating, so a noisy machine slows each alike
            floors.append(first_paint(data_dir, FLOOR_CHILD))
            runs.append(first_paint(data_dir))
            if args.before is not None:
                befores.append(first_paint(data_dir, source=args.before))
        imports = top_imports(args.top)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    times = sorted(ms for ms, _, _ in runs)
    heavy = sorted({name for _, names, _ in runs for name in names})

    def cpu(measured: list[tuple[float, list[str], float]]) -> float:
        return statistics.median(cpu_ms for _, _, cpu_ms in measured)

    floor_ms = statistics.median(ms for ms, _, _ in floors)
    before_ms = statistics.median(ms for ms, _, _ in befores) if befores else 0.0

    lines = [
        f"# TUI first paint, {time.strftime('%Y-%m-%d %H:%M')} UTC, {args.repeat} fresh processes, "
        f"80x24, {os.cpu_count()} CPUs, load average {load:.1f} at start",
        f"first paint: median {statistics.median(times):,.0f} ms, min {times[0]:,.0f} ms, "
        f"max {times[-1]:,.0f} ms (target <= 800 ms)",
        f"CPU time to first paint: median {cpu(runs):,.0f} ms",
        f"bare Textual app (the floor): median {floor_ms:,.0f}"
        f" ms, CPU {cpu(floors):,.0f} ms; workbench / floor "
        f"{statistics.median(times) / floor_ms:.2f}x wall, "
        f"{cpu(runs) / cpu(floors):.2f}x CPU",
        *(
            [
                f"before ({args.before}): median "
                f"{before_ms:,.0f} ms, CPU {cpu(befores):,.0f}"
                f" ms, heavy at first frame: "
                f"{', '.join(sorted({n for _, names, _ in befores for n in names})) or 'none'}; "
                f"before / floor {before_ms / floor_ms:.2f}x wall, "
                f"{cpu(befores) / cpu(floors):.2f}x CPU"
            ]
            if befores
            else []
        ),
        f"heavy libraries imported before the first frame: {', '.join(heavy) or 'none'}",
        "top cumulative imports of `python -X importtime -c 'import workbench.app'`:",
        *imports,
    ]
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
