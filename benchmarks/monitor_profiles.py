"""What the monitors add to an ingest: the build with and without its profile (one aggregate pass
per profiled table, one grouping per categorical column) and the sniffing of the source columns.

Usage: python benchmarks/monitor_profiles.py [SCALE ...] [--repeat N] [--seed N] [--cache DIR]

Each repeat builds the same export twice, with profiles then without, alternating, into fresh
files; figures are medians of wall and process CPU seconds (all threads). The ratio compares the
build with profiles plus the sniffing to the build without them, measured in the same run.
Written to benchmarks/results/monitor_profiles.txt (monitor_profiles-scale10.txt for scale 10).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench_common import DEFAULT_CACHE, dataset

RESULTS = Path(__file__).parent / "results" / "monitor_profiles.txt"


def clocked(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of `work`."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def measure(source: Path, repeat: int) -> dict[str, tuple[float, float]]:
    from infrastructure.source import open_source
    from infrastructure.warehouse import WarehouseBuilder

    runs: dict[str, list[tuple[float, float]]] = {"without": [], "with": [], "sniff": []}
    with (
        tempfile.TemporaryDirectory(prefix="monitor-bench-") as scratch,
        open_source(source) as opened,
    ):
        for i in range(repeat):
            for label, profiles in (("with", True), ("without", False)):
                target = Path(scratch) / f"{label}-{i}.duckdb"
                build = partial(WarehouseBuilder(profiles=profiles).build, opened, target)
                runs[label].append(clocked(build))
                target.unlink()
            runs["sniff"].append(clocked(opened.source_columns))
        counted = Path(scratch) / "counted.duckdb"
        metrics = len(WarehouseBuilder().build(opened, counted).profile)
    medians = {
        label: (statistics.median(w for w, _ in times), statistics.median(c for _, c in times))
        for label, times in runs.items()
    }
    medians["metrics"] = (float(metrics), 0.0)
    return medians


def report(scale: float, figures: dict[str, tuple[float, float]], repeat: int) -> str:
    (w0, c0), (w1, c1), (ws, cs) = figures["without"], figures["with"], figures["sniff"]
    return "\n".join(
        [
            f"scale {scale:g}, {repeat} repeats, medians; profile of {figures['metrics'][0]:.0f} "
            "measurements",
            f"  build without profiles   wall {w0:7.2f} s   cpu {c0:7.2f} s",
            f"  build with profiles      wall {w1:7.2f} s   cpu {c1:7.2f} s",
            f"  sniff source columns     wall {ws:7.2f} s   cpu {cs:7.2f} s",
            f"  added by monitors        wall {w1 + ws - w0:+7.2f} s   cpu {c1 + cs - c0:+7.2f} s",
            f"  ratio with / without     wall {(w1 + ws) / w0:7.3f}     cpu {(c1 + cs) / c0:7.3f}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scales", nargs="*", type=float, default=[1.0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    lines = [
        f"# monitor profiles: {platform.node()}, {os.cpu_count()} CPUs, load "
        f"{os.getloadavg()[0]:.1f} at start, {time.strftime('%Y-%m-%d %H:%M')}",
        "# command: python benchmarks/monitor_profiles.py "
        + " ".join(f"{s:g}" for s in args.scales)
        + f" --repeat {args.repeat}",
    ]
    for scale in args.scales:
        figures = measure(dataset(args.cache, scale, args.seed), args.repeat)
        lines.append(report(scale, figures, args.repeat))
        print(lines[-1], flush=True)
    # One file per set of scales, as the other benchmarks keep theirs (explorer-scale10.txt).
    suffix = "" if args.scales == [1.0] else "-scale" + "-".join(f"{s:g}" for s in args.scales)
    results = RESULTS.with_name(f"{RESULTS.stem}{suffix}.txt")
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {results}")


if __name__ == "__main__":
    main()
