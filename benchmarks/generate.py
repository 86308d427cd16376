"""Benchmark the synthetic generator: wall time and peak RSS per scale, each in a fresh process.

Usage: python benchmarks/generate.py [SCALE ...] [--seed N]   (default scales: 1 10)
Results are printed and written to benchmarks/results/generate.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "generate.txt"


def run_one(scale: float, seed: int) -> dict[str, float | int]:
    """Generate once in this process and measure it (called in a child process)."""
    from infrastructure.generator import generate

    with tempfile.TemporaryDirectory(prefix="generate-bench-") as folder:
        started = time.perf_counter()
        summary = generate(Path(folder), scale, seed)
        seconds = time.perf_counter() - started
        size = sum(path.stat().st_size for path in Path(folder).iterdir())
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "scale": scale,
        "seconds": seconds,
        "peak_rss_mib": peak_kib / 1024,
        "rows": sum(summary.rows.values()),
        "orders": summary.rows["orders"],
        "megabytes": size / 1e6,
    }


def measure(scale: float, seed: int) -> dict[str, float | int]:
    """Run `run_one` in a fresh interpreter so each scale's peak RSS is its own."""
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(scale), "--seed", str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float | int] = json.loads(child.stdout.splitlines()[-1])
    return result


def report(results: list[dict[str, float | int]], seed: int) -> str:
    import numpy
    import polars

    lines = [
        f"# generator benchmark, {time.strftime('%Y-%m-%d %H:%M')}, seed {seed}",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"polars {polars.__version__}, numpy {numpy.__version__}",
        f"{'scale':>6} {'orders':>10} {'rows':>12} {'MB on disk':>11} {'seconds':>8} "
        f"{'peak RSS MiB':>13}",
    ]
    lines += [
        f"{r['scale']:>6g} {r['orders']:>10,} {r['rows']:>12,} {r['megabytes']:>11,.0f} "
        f"{r['seconds']:>8.1f} {r['peak_rss_mib']:>13,.0f}"
        for r in results
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scales", nargs="*", type=float, default=[1.0, 10.0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_one(args.child, args.seed)))
        return
    results = []
    for scale in args.scales:
        results.append(measure(scale, args.seed))
        print(f"scale {scale:g}: {results[-1]['seconds']:.1f} s", file=sys.stderr)
    text = report(results, args.seed)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
