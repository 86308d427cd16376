"""Benchmark the quality checks: the whole default catalogue, and the Quality screen's data.

Usage: python benchmarks/quality.py [SCALE ...] [--seed N] [--cache DIR] [--repeat N]
(default scales: 1 10). Datasets are generated once into the cache dir (shared with
benchmarks/ingest.py) and ingested through the container into a fresh data dir; then the
enabled stored rules run against the published warehouse, with 2 workers (as the gate does)
and with 1, and the screen's loads are timed. Results are printed and written to
benchmarks/results/quality.txt. Targets: catalogue ≤ 1 s and screen data ≤ 150 ms at scale 1.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import DEFAULT_CACHE, dataset

RESULTS = Path(__file__).parent / "results" / "quality.txt"
DRILL_DOWNS = (
    "invariant.payment_mismatch",
    "customers.zip.geolocated",
    "geolocation.duplicate_rows",
)


def timed(job: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time in ms of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = job()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def measure(source: Path, repeat: int) -> dict[str, Any]:
    from domain.events.pipeline import StepCompleted
    from infrastructure.quality.gate import StoredRulesGate
    from workbench.application.config import load_settings
    from workbench.container import build_container

    with tempfile.TemporaryDirectory(prefix="quality-bench-") as data_dir:
        container = build_container(load_settings({"data_dir": Path(data_dir)}, env={}))
        try:
            steps: dict[str, float] = {}
            container.events().subscribe(
                StepCompleted, lambda e: steps.__setitem__(e.step, e.duration_ms)
            )
            outcome = container.ingestion().ingest(source)
            assert outcome.published, outcome.message
            store, warehouse = container.metadata_store(), container.settings().warehouse_path
            profiles = container.run_profiles()
            gates = {workers: StoredRulesGate(store, profiles, workers) for workers in (2, 1)}
            catalogue = {
                workers: timed(lambda g=gate: g.evaluate(warehouse, outcome.run_id), repeat)
                for workers, gate in gates.items()
            }
            quality = container.quality()
            report_ms, report = timed(quality.report, repeat)
            drill_ms = {
                rule_id: timed(lambda r=rule_id: quality.failing_rows(r), repeat)
                for rule_id in DRILL_DOWNS
            }
        finally:
            container.shutdown_resources()
    gate = catalogue[2][1]
    slowest = sorted(gate.outcomes, key=lambda o: o.duration_ms, reverse=True)[:5]
    return {
        "orders": outcome.row_counts["fct_orders"],
        "rules": len(gate.outcomes),
        "failing": sum(o.failed for o in gate.outcomes),
        "gate_step_ms": steps["quality"],
        "catalogue_ms": {workers: ms for workers, (ms, _) in catalogue.items()},
        "report_ms": report_ms,
        "report_rules": len(report.rules),
        "drill_ms": {rule_id: (ms, rows.height) for rule_id, (ms, rows) in drill_ms.items()},
        "slowest": [(o.rule_id, o.duration_ms) for o in slowest],
    }


def report(results: dict[float, dict[str, Any]], seed: int, repeat: int) -> str:
    import duckdb

    lines = [
        f"# quality benchmark, {time.strftime('%Y-%m-%d %H:%M')}, seed {seed}, "
        f"median of {repeat} runs",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}, load average {os.getloadavg()[0]:.1f} at the end",
        f"{'scale':>6} {'orders':>10} {'rules':>6} {'failing':>8} {'gate step ms':>13} "
        f"{'catalogue ms (2 workers)':>25} {'(1 worker)':>11} {'screen report ms':>17}",
    ]
    for scale, r in results.items():
        lines.append(
            f"{scale:>6g} {r['orders']:>10,} {r['rules']:>6} {r['failing']:>8} "
            f"{r['gate_step_ms']:>13,.0f} {r['catalogue_ms'][2]:>25,.0f} "
            f"{r['catalogue_ms'][1]:>11,.0f} {r['report_ms']:>17,.1f}"
        )
    for scale, r in results.items():
        lines.append(f"# scale {scale:g}: failing rows of a rule (screen drill-down, ≤ 1,000 rows)")
        lines += [
            f"#   {rule_id:<36} {ms:>8,.0f} ms  {rows:>6,} rows"
            for rule_id, (ms, rows) in r["drill_ms"].items()
        ]
        slowest = ", ".join(f"{rule_id} {ms:,.0f}" for rule_id, ms in r["slowest"])
        lines.append(f"# scale {scale:g}: slowest rules in the gate (ms, 2 at once): {slowest}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scales", nargs="*", type=float, default=[1.0, 10.0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    results = {}
    for scale in args.scales:
        results[scale] = measure(dataset(args.cache, scale, args.seed), args.repeat)
        print(
            f"scale {scale:g}: catalogue {results[scale]['catalogue_ms'][2]:,.0f} ms",
            file=sys.stderr,
        )
    text = report(results, args.seed, args.repeat)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
