"""Benchmark `dbt build` of `workbench dbt-project`'s project against `workbench ingest`.

Usage: python benchmarks/dbt_vs_ingest.py [SCALE] [--seed N] [--cache DIR] [--repeat N]
(default scale 1, 3 repeats). Needs the [dbt] extra. One generated dataset; the two commands run
alternately in child processes, each time into a fresh data dir / a fresh warehouse file:
- ingest: `workbench ingest SRC` (validate, stage, core, marts, every quality rule, publish);
- dbt build: `dbt build` of the project written once for SRC (the same models, the critical rules
  as tests), dbt's parse of the project included, as a user runs it.
Wall and CPU seconds (user + system of the child) are medians; the ratio is dbt / ingest.
Prints a table and writes benchmarks/results/dbt_vs_ingest.txt.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb
from bench_common import DEFAULT_CACHE, dataset

RESULTS = Path(__file__).parent / "results" / "dbt_vs_ingest.txt"
BIN = Path(sys.executable).parent


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall s, CPU s) of one child process, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale", nargs="?", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    source = dataset(args.cache, args.scale, args.seed)
    work = Path(tempfile.mkdtemp(prefix="dbt-vs-ingest-"))
    try:
        project = work / "project"
        env = {**os.environ, "WORKBENCH_DATA_DIR": str(work / "data")}
        write = timed(
            [str(BIN / "workbench"), "dbt-project", str(project), "--source", str(source)], env
        )
        dbt = [
            str(BIN / "dbt"),
            "build",
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
        ]
        ingest_runs, dbt_runs = [], []
        for attempt in range(args.repeat):
            data = work / f"ingest-{attempt}"
            ingest_env = {**os.environ, "WORKBENCH_DATA_DIR": str(data)}
            ingest_runs.append(timed([str(BIN / "workbench"), "ingest", str(source)], ingest_env))
            shutil.rmtree(data)
            (project / "warehouse.duckdb").unlink(missing_ok=True)
            dbt_runs.append(timed(dbt))
        with duckdb.connect(str(project / "warehouse.duckdb"), read_only=True) as con:
            orders = con.execute("SELECT count(*) FROM fct_orders").fetchone()[0]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def median(runs: list[tuple[float, float]], i: int) -> float:
        return statistics.median(run[i] for run in runs)

    rows = [("workbench ingest", ingest_runs), ("dbt build", dbt_runs)]
    lines = [
        f"# dbt_vs_ingest benchmark, {datetime.now():%Y-%m-%d %H:%M}",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}, load average {os.getloadavg()[0]:.1f} at the end",
        f"# scale {args.scale:g} ({orders:,} orders), seed {args.seed}, median of {args.repeat} "
        f"alternating runs; `workbench dbt-project` (once): {write[0]:.2f} s wall, "
        f"{write[1]:.2f} s CPU",
        f"{'command':<18} {'wall s':>8} {'CPU s':>8}",
    ]
    for name, runs in rows:
        lines.append(f"{name:<18} {median(runs, 0):>8.2f} {median(runs, 1):>8.2f}")
    lines.append(
        f"{'ratio dbt/ingest':<18} {median(dbt_runs, 0) / median(ingest_runs, 0):>8.2f} "
        f"{median(dbt_runs, 1) / median(ingest_runs, 1):>8.2f}"
    )
    text = "\n".join(lines) + "\n"
    print(text, end="")
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
