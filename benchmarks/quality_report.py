"""Benchmark what issue 18's report side adds: failing rows kept per run, the HTML report and
the rule suggestions, each beside the baseline it adds to, measured in the same run.

Usage: nice -n 10 python benchmarks/quality_report.py [SCALE ...] [--seed N] [--repeat N]
(default scale: 1). The dataset is generated once into the shared cache (see bench_common) and
ingested into a fresh data dir; then, on the published warehouse:
- the gate keeping no failing rows (baseline: the summary query without the kept-rows
  aggregate, as before failing rows were kept) against the gate keeping 20 per failing rule,
  and saving the results without rows (baseline) against saving them with their rows;
- the Markdown report (baseline) against the HTML report (reconciliation and kept rows read);
- `quality suggest`: profile, propose, check each proposal, against the default catalogue.
Wall and CPU time (this process, DuckDB's threads included) are medians of --repeat runs.
Results are printed and written to benchmarks/results/quality_report.txt.
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

RESULTS = Path(__file__).parent / "results" / "quality_report.txt"


def timed(job: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall ms, median CPU ms and the last result of `repeat` runs."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = job()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus), result


def measure(source: Path, repeat: int) -> dict[str, Any]:
    from dataclasses import replace

    from infrastructure.quality.gate import StoredRulesGate
    from workbench.application.config import load_settings
    from workbench.application.quality import result_records
    from workbench.container import build_container
    from workbench.presentation.quality_html import quality_html

    with tempfile.TemporaryDirectory(prefix="quality-report-bench-") as data_dir:
        container = build_container(load_settings({"data_dir": Path(data_dir)}, env={}))
        try:
            outcome = container.ingestion().ingest(source)
            assert outcome.published, outcome.message
            store, warehouse = container.metadata_store(), container.settings().warehouse_path
            run = outcome.run_id
            figures: dict[str, tuple[float, float]] = {}
            profiles = container.run_profiles()
            gates = {r: StoredRulesGate(store, profiles, sample_rows=r) for r in (0, 20)}
            outcomes = {}
            for rows, gate in gates.items():
                wall, cpu, outcomes[rows] = timed(lambda g=gate: g.evaluate(warehouse, run), repeat)
                figures[f"gate, {rows} rows kept per failing rule"] = (wall, cpu)
            with_rows = result_records(run, outcomes[20])
            without = [replace(r, failing_sample=None) for r in with_rows]
            for name, records in (("without rows", without), ("with rows", with_rows)):
                wall, cpu, _ = timed(lambda r=records: store.save_results(r), repeat)
                figures[f"save results {name}"] = (wall, cpu)
            quality, document = container.quality(), container.quality_document()
            figures["Markdown report"] = timed(lambda: quality.report().to_markdown(), repeat)[:2]
            wall, cpu, page = timed(lambda: quality_html(document.document()), repeat)
            figures["HTML report"] = (wall, cpu)
            suggestions = container.rule_suggestions()
            wall, cpu, found = timed(suggestions.suggest, repeat)
            figures["quality suggest"] = (wall, cpu)
        finally:
            container.shutdown_resources()
    kept = [o.failing_sample for o in outcomes[20].outcomes if o.failing_sample is not None]
    return {
        "orders": outcome.row_counts["fct_orders"],
        "rules": len(outcomes[20].outcomes),
        "kept": (len(kept), sum(len(s.rows) for s in kept)),
        "html_bytes": len(page.encode("utf-8")),
        "suggestions": len(found),
        "figures": figures,
    }


def report(results: dict[float, dict[str, Any]], seed: int, repeat: int) -> str:
    import duckdb

    lines = [
        f"# quality report benchmark, {time.strftime('%Y-%m-%d %H:%M')}, seed {seed}, "
        f"median of {repeat} runs",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}, load average {os.getloadavg()[0]:.1f} at the end",
    ]
    baselines = {
        "gate, 20 rows kept per failing rule": "gate, 0 rows kept per failing rule",
        "save results with rows": "save results without rows",
        "HTML report": "Markdown report",
        "quality suggest": "gate, 0 rows kept per failing rule",
    }
    for scale, r in results.items():
        rules_kept, rows_kept = r["kept"]
        lines.append(
            f"# scale {scale:g}: {r['orders']:,} orders, {r['rules']} rules, {rules_kept} kept "
            f"{rows_kept} failing rows; HTML {r['html_bytes']:,} bytes; "
            f"{r['suggestions']} suggestions"
        )
        lines.append(f"{'what':<38} {'wall ms':>9} {'CPU ms':>9} {'wall ratio':>11}  baseline")
        for name, (wall, cpu) in r["figures"].items():
            base = baselines.get(name)
            ratio = f"{wall / r['figures'][base][0]:>10.2f}x" if base else f"{'':>11}"
            lines.append(f"{name:<38} {wall:>9,.1f} {cpu:>9,.1f} {ratio}  {base or ''}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scales", nargs="*", type=float, default=[1.0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    results = {}
    for scale in args.scales:
        results[scale] = measure(dataset(args.cache, scale, args.seed), args.repeat)
        print(f"scale {scale:g} measured", file=sys.stderr)
    text = report(results, args.seed, args.repeat)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
