"""`workbench ingest` against the physical floor at scales 30 and 100 (or any given), one at a time.

Usage: python benchmarks/ingest_large.py [SCALE ...] [--repeat N] [--seed N] [--cache DIR] [--yes]
       (default scales: 30 100; --repeat 1)

Before anything runs it prints, for each scale, the disk and the time it needs (CSV, one
warehouse and one floor file at a time, spill; measured per unit of scale at 1 and 10), the free
disk, and the memory the build may use; a scale that needs more disk than is free is refused.
It then asks once (--yes to skip). Each scale: generate the dataset into the cache dir, run the
floor and `workbench ingest` alternately (benchmarks/ingest_floor.py, nice it on a shared
machine), append the figures to benchmarks/results/ingest_floor.txt, and remove the generated
dataset and every file of the runs, also when interrupted. A published ingest means every
quality rule ran and the critical ones passed, the source-to-warehouse reconciliation to the cent
among them.

Scale 100 is ~12.7 GB of CSV, a ~15 GB warehouse and a ~5.5 GB floor file: about 45 GB free.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench_common import DEFAULT_CACHE
from ingest_floor import (
    CSV_MB_PER_SCALE,
    announce,
    free_disk_gb,
    is_cached,
    measure_scale,
    needed_disk_gb,
)

from infrastructure.duckdb_connection import DuckDbResources
from workbench.application.config import machine_memory_limit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scales", nargs="*", type=float, default=[30.0, 100.0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--yes", action="store_true", help="do not ask before starting")
    args = parser.parse_args()

    free = free_disk_gb(args.cache)
    runnable = []
    for scale in args.scales:
        cached = is_cached(args.cache, scale, args.seed)
        need = needed_disk_gb(scale, cached)
        configured = DuckDbResources(memory_limit=machine_memory_limit())
        build = configured.for_input(int(CSV_MB_PER_SCALE * 1e6 * scale))
        print(announce(scale, args.repeat, cached), flush=True)
        print(f"  the build's DuckDB memory limit: {build.memory_limit}", flush=True)
        if need > free:
            print(f"  refused: needs {need:.1f} GB, {free:.1f} GB free at {args.cache}")
        else:
            runnable.append(scale)
    print(f"free disk at {args.cache}: {free:.1f} GB; load average {os.getloadavg()[0]:.1f}")
    if not runnable:
        return
    if not args.yes and input(f"run scales {runnable}? [y/N] ").strip().lower() != "y":
        return
    for scale in runnable:
        print(measure_scale(scale, args.repeat, args.seed, args.cache, keep=False), flush=True)


if __name__ == "__main__":
    main()
