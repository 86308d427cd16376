"""Benchmark ingestion end to end: source → published warehouse with quality gate, per step.

Usage: python benchmarks/ingest.py [SCALE ...] [--seed N] [--cache DIR]  (default: 0.1 1 10)
Datasets are generated once into the cache dir; each scale is ingested in a fresh process (with
a fresh data dir) so its peak RSS is its own. Results are printed and written to
benchmarks/results/ingest.txt. The target (SPEC §11): scale 1 end to end ≤ 5 s on 2 cores.
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

from bench_common import DEFAULT_CACHE, dataset

from domain.entities.ingestion_run import PIPELINE_STEPS

RESULTS = Path(__file__).parent / "results" / "ingest.txt"


def run_one(source: Path) -> dict[str, object]:
    """Ingest once in this process (called in a child process) and measure each step."""
    from domain.events.pipeline import StepCompleted
    from workbench.application.config import load_settings
    from workbench.container import build_container

    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as data_dir:
        container = build_container(load_settings({"data_dir": Path(data_dir)}, env={}))
        steps: dict[str, float] = {}
        container.events().subscribe(
            StepCompleted, lambda e: steps.__setitem__(e.step, e.duration_ms)
        )
        started = time.perf_counter()
        outcome = container.ingestion().ingest(source)
        seconds = time.perf_counter() - started
        size = container.settings().warehouse_path.stat().st_size
        container.shutdown_resources()
    assert outcome.published, outcome.message
    return {
        "seconds": seconds,
        "steps": steps,
        "orders": outcome.row_counts["fct_orders"],
        "rows_staged": sum(v for k, v in outcome.row_counts.items() if k.startswith("stg_")),
        "warehouse_mb": size / 1e6,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(source: Path) -> dict[str, object]:
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(child.stdout.splitlines()[-1])
    return result


def report(results: list[tuple[float, dict[str, object]]]) -> str:
    import duckdb

    lines = [
        f"# ingest benchmark, {time.strftime('%Y-%m-%d %H:%M')}",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}, load average {os.getloadavg()[0]:.1f} at the end",
        f"{'scale':>6} {'orders':>10} {'rows staged':>12} "
        + " ".join(f"{s + ' ms':>11}" for s in PIPELINE_STEPS)
        + f" {'total s':>8} {'peak MiB':>9} {'file MB':>8}",
    ]
    for scale, r in results:
        steps = r["steps"]
        assert isinstance(steps, dict)
        lines.append(
            f"{scale:>6g} {r['orders']:>10,} {r['rows_staged']:>12,} "
            + " ".join(f"{steps.get(s, 0):>11,.0f}" for s in PIPELINE_STEPS)
            + f" {r['seconds']:>8.2f} {r['peak_rss_mib']:>9,.0f} {r['warehouse_mb']:>8,.0f}"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scales", nargs="*", type=float, default=[0.1, 1.0, 10.0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_one(args.child)))
        return
    results = []
    for scale in args.scales:
        source = dataset(args.cache, scale, args.seed)
        results.append((scale, measure(source)))
        print(report(results).splitlines()[-1], flush=True)
    text = report(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
