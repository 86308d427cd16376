"""Benchmark TUI start-up: imports, container, first paint, first data, in a fresh process.

Usage: python benchmarks/startup.py [--data-dir DIR] [--repeat N]
With no data dir, the demo dataset (scale 0.1) is generated and ingested into a temp dir first.
"First paint" is the first screen composed and refreshed; "data loaded" is after the screen's
background workers (run history, status line) finished. Writes benchmarks/results/startup.txt.
Target (SPEC §11): first paint ≤ 1 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "startup.txt"


def child(data_dir: Path) -> dict[str, float]:
    started = time.perf_counter()
    import asyncio

    from workbench.app import WorkbenchApp
    from workbench.application.config import load_settings
    from workbench.container import build_container

    imported = time.perf_counter()
    container = build_container(load_settings({"data_dir": data_dir}, env={}))
    container.recovery().run()
    wired = time.perf_counter()
    marks: dict[str, float] = {}

    async def run() -> None:
        app = WorkbenchApp(container)
        async with app.run_test(size=(160, 44)) as pilot:
            await pilot.pause()
            marks["first_paint"] = time.perf_counter()
            await app.workers.wait_for_complete()
            await pilot.pause()
            marks["data_loaded"] = time.perf_counter()

    asyncio.run(run())
    container.shutdown_resources()
    return {
        "imports_ms": (imported - started) * 1000,
        "container_ms": (wired - imported) * 1000,
        "first_paint_ms": (marks["first_paint"] - started) * 1000,
        "data_loaded_ms": (marks["data_loaded"] - started) * 1000,
    }


def prepare_demo(folder: Path) -> Path:
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
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child)))
        return
    data_dir = args.data_dir or prepare_demo(Path(tempfile.mkdtemp(prefix="startup-bench-")))
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(data_dir)],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(out.stdout.splitlines()[-1]))
    keys = ("imports_ms", "container_ms", "first_paint_ms", "data_loaded_ms")
    lines = [
        f"# TUI start-up benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {args.repeat} runs, "
        f"data dir {data_dir}",
        f"{'measure':<16} {'median ms':>10} {'max ms':>8}",
    ]
    lines += [
        f"{key:<16} {statistics.median(r[key] for r in runs):>10,.0f} "
        f"{max(r[key] for r in runs):>8,.0f}"
        for key in keys
    ]
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
