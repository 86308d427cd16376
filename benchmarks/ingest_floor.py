"""`workbench ingest` against the physical floor, side by side in one run.

Usage: python benchmarks/ingest_floor.py [SCALE] [--repeat N] [--seed N] [--cache DIR] [--yes]

The floor is a plain DuckDB script that reads the same nine CSVs, with the contract's column
types (no sniffing), into one new database file and nothing else. `workbench ingest` is the real
command (validation, staging, core, marts, every quality rule, publish) in a fresh data dir.
Both run as child processes, alternating (floor, ingest, floor, ingest, ...) so a noisy machine
slows both alike; the ratio of the medians is the figure to quote. CPU seconds (user + system,
every thread) are printed beside it: on a shared machine they move much less than wall time, so
their ratio says what the work costs when the wall ratio is blurred by other load. Peak RSS is
each child's ru_maxrss from wait4 (what `/usr/bin/time -v` reports as "Maximum resident set
size"); neither child starts processes of its own. Results are appended to
benchmarks/results/ingest_floor.txt.

At scale >= 10 the script says up front how much disk and time it needs and asks before it
starts (--yes to skip the question); the generated dataset is removed afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_common import DEFAULT_CACHE, append_results, dataset

from infrastructure.source.contract import SOURCE_FILES

RESULTS = Path(__file__).parent / "results" / "ingest_floor.txt"

# Measured at scale 1 and 10 (benchmarks/results/generate.txt, ingest_floor.txt): per unit of
# scale. The warehouse is written without FSST since 2026-12-05 (1,485 MB at scale 10).
CSV_MB_PER_SCALE = 127
WAREHOUSE_MB_PER_SCALE = 150
FLOOR_DB_MB_PER_SCALE = 55
GENERATE_S_PER_SCALE = 2.3
INGEST_S_PER_SCALE = 3.5  # at scale 30 the issue measured 100 s: ~3.3 s per unit
FLOOR_S_PER_SCALE = 0.8


def floor_sql(source: Path) -> str:
    """The floor: one typed read of each CSV into a table of a new database file."""
    statements = []
    for spec in SOURCE_FILES:
        columns = ", ".join(f"'{c.name}': '{c.duckdb_type}'" for c in spec.columns)
        path = str(source / spec.file_name).replace("'", "''")
        statements.append(
            f"CREATE TABLE {spec.table} AS SELECT * FROM read_csv('{path}', "
            f"columns = {{{columns}}}, header = true, delim = ',', quote = '\"', "
            f"escape = '\"', auto_detect = false);"
        )
    return "\n".join(statements)


FLOOR_CHILD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute(sys.stdin.read())
con.close()
"""


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mib: float
    file_mb: float
    cpu_seconds: float = 0.0  # user + system of the child, all its threads


def run_child(argv: list[str], *, stdin: str | None, env: dict[str, str], output: Path) -> Measured:
    """Run one child to completion; wall time and its peak RSS (wait4's ru_maxrss)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    assert proc.stderr is not None
    errors = proc.stderr.read()
    if code != 0:
        raise SystemExit(f"{argv[:3]} failed with {code}: {errors.strip()[-2000:]}")
    return Measured(
        seconds,
        usage.ru_maxrss / 1024,
        output.stat().st_size / 1e6,
        usage.ru_utime + usage.ru_stime,
    )


def run_floor(source: Path, work: Path) -> Measured:
    target = work / "floor.duckdb"
    target.unlink(missing_ok=True)
    measured = run_child(
        [sys.executable, "-c", FLOOR_CHILD, str(target)],
        stdin=floor_sql(source),
        env=dict(os.environ),
        output=target,
    )
    target.unlink()
    return measured


def run_ingest(source: Path, work: Path, workbench: Path | None = None) -> Measured:
    """`workbench ingest` into a fresh data dir; `workbench` another install's command (the
    baseline of a before/after pair), this interpreter's by default."""
    data_dir = work / "ingest"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env |= {"HOME": str(work / "home"), "WORKBENCH_DATA_DIR": str(data_dir)}
    workbench = workbench or Path(sys.executable).with_name("workbench")
    measured = run_child(
        [str(workbench), "ingest", str(source)],
        stdin=None,
        env=env,
        output=data_dir / "warehouse.duckdb",
    )
    shutil.rmtree(data_dir)
    return measured


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def announce(scale: float, repeat: int, cached: bool) -> str:
    disk = needed_disk_gb(scale, cached) * 1000
    seconds = (0 if cached else GENERATE_S_PER_SCALE * scale) + repeat * scale * (
        INGEST_S_PER_SCALE + FLOOR_S_PER_SCALE
    )
    return (
        f"scale {scale:g}, {repeat} repeats: needs about {disk / 1000:.1f} GB of free disk "
        f"({'dataset cached' if cached else f'{CSV_MB_PER_SCALE * scale / 1000:.1f} GB of CSV'}"
        f", one warehouse and one floor file at a time) and about {_duration(seconds)} "
        "on 2 quiet cores (longer on a shared machine)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scale", nargs="?", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--yes", action="store_true", help="do not ask before a large run")
    parser.add_argument("--keep", action="store_true", help="keep the generated dataset")
    parser.add_argument("--note", default="", help="said in the results' header, e.g. the commit")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="the `workbench` command of another install (e.g. main's venv): run as a third "
        "child in each repeat, its row 'before' beside this code's 'ingest'",
    )
    args = parser.parse_args()

    cached = is_cached(args.cache, args.scale, args.seed)
    print(announce(args.scale, args.repeat, cached), flush=True)
    print(f"free disk at {args.cache}: {free_disk_gb(args.cache):.1f} GB", flush=True)
    if args.scale >= 10 and not args.yes and input("go on? [y/N] ").strip().lower() != "y":
        return
    print(
        measure_scale(
            args.scale,
            args.repeat,
            args.seed,
            args.cache,
            keep=args.keep,
            note=args.note,
            baseline=args.baseline,
        )
    )


def is_cached(cache: Path, scale: float, seed: int) -> bool:
    return (cache / f"scale-{scale:g}-seed-{seed}" / ".complete").exists()


def free_disk_gb(cache: Path) -> float:
    existing = next(p for p in (cache, *cache.parents) if p.exists())
    return shutil.disk_usage(existing).free / 1e9


def needed_disk_gb(scale: float, cached: bool) -> float:
    """CSV (unless cached), one warehouse and one floor file at a time, with a build's spill."""
    csv = 0 if cached else CSV_MB_PER_SCALE * scale
    return (csv + (WAREHOUSE_MB_PER_SCALE + FLOOR_DB_MB_PER_SCALE) * scale * 1.5) / 1000


def measure_scale(
    scale: float,
    repeat: int,
    seed: int,
    cache: Path,
    *,
    keep: bool,
    note: str = "",
    baseline: Path | None = None,
) -> str:
    """Floor and ingest (and the baseline's ingest, if given) alternately `repeat` times; the
    report, also appended to RESULTS.

    A dataset generated here for a scale >= 10 is removed afterwards unless `keep`."""
    cached = is_cached(cache, scale, seed)
    cache.mkdir(parents=True, exist_ok=True)
    source = cache / f"scale-{scale:g}-seed-{seed}"
    floors: list[Measured] = []
    ingests: list[Measured] = []
    befores: list[Measured] = []
    load_at_start = os.getloadavg()[0]
    try:
        source = dataset(cache, scale, seed)  # inside: a generation cut short is removed too
        with tempfile.TemporaryDirectory(prefix="ingest-floor-", dir=cache) as tmp:
            work = Path(tmp)
            for i in range(repeat):
                floors.append(run_floor(source, work))
                if baseline is not None:
                    befores.append(run_ingest(source, work, baseline))
                    print(f"repeat {i + 1}: before {befores[-1].cpu_seconds:.2f} s CPU", flush=True)
                ingests.append(run_ingest(source, work))
                print(
                    f"repeat {i + 1}: floor {floors[-1].seconds:.2f} s "
                    f"({floors[-1].cpu_seconds:.2f} s CPU), "
                    f"ingest {ingests[-1].seconds:.2f} s ({ingests[-1].cpu_seconds:.2f} s CPU) "
                    f"({ingests[-1].seconds / floors[-1].seconds:.2f}x), "
                    f"load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
    finally:
        if scale >= 10 and not keep and not cached:
            shutil.rmtree(source, ignore_errors=True)
    text = report(scale, floors, ingests, load_at_start, note, befores)
    append_results(RESULTS, text)
    return text


def report(
    scale: float,
    floors: list[Measured],
    ingests: list[Measured],
    load: float,
    note: str = "",
    befores: list[Measured] | None = None,
) -> str:
    import duckdb

    def med(values: list[Measured], field: str) -> float:
        return statistics.median(getattr(v, field) for v in values)

    floor_s, ingest_s = med(floors, "seconds"), med(ingests, "seconds")
    floor_rss, ingest_rss = med(floors, "peak_rss_mib"), med(ingests, "peak_rss_mib")
    ratios = sorted(i.seconds / f.seconds for f, i in zip(floors, ingests, strict=True))
    lines = [
        f"# ingest vs floor, scale {scale:g}, {len(floors)} alternating repeats, "
        f"{time.strftime('%Y-%m-%d %H:%M')} UTC" + (f", {note}" if note else ""),
        f"# {platform.platform()}, {os.cpu_count()} CPUs, "
        f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB RAM, "
        f"Python {platform.python_version()}, duckdb {duckdb.__version__}, "
        f"load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end",
        f"{'':<8} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7} {'peak RSS MiB':>13} "
        f"{'file MB':>8}",
    ]
    rows = [("floor", floors), *([("before", befores)] if befores else []), ("ingest", ingests)]
    for name, runs in rows:
        lines.append(
            f"{name:<8} {med(runs, 'seconds'):>9.2f} {min(r.seconds for r in runs):>7.2f} "
            f"{max(r.seconds for r in runs):>7.2f} {med(runs, 'cpu_seconds'):>7.2f} "
            f"{med(runs, 'peak_rss_mib'):>13,.0f} {med(runs, 'file_mb'):>8,.0f}"
        )
    floor_cpu, ingest_cpu = med(floors, "cpu_seconds"), med(ingests, "cpu_seconds")
    lines.append(
        f"ratio ingest/floor: time {ingest_s / floor_s:.2f}x (per pair "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + f"), CPU {ingest_cpu / floor_cpu:.2f}x, peak RSS {ingest_rss / floor_rss:.2f}x"
    )
    if befores:
        before_cpu = med(befores, "cpu_seconds")
        before_rss = med(befores, "peak_rss_mib")
        lines.append(
            f"ratio before/floor: time {med(befores, 'seconds') / floor_s:.2f}x, "
            f"CPU {before_cpu / floor_cpu:.2f}x, peak RSS {before_rss / floor_rss:.2f}x; "
            f"ingest/before CPU {ingest_cpu / before_cpu:.2f}x"
        )
    return (
        "\n".join(lines)
        + "\n"
        + json.dumps(
            {
                "scale": scale,
                "floor": [vars(m) for m in floors],
                "ingest": [vars(m) for m in ingests],
                **({"before": [vars(m) for m in befores]} if befores else {}),
            }
        )
    )


if __name__ == "__main__":
    main()
