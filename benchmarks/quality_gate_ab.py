"""The quality gate's rules on one published warehouse, this checkout against another, alternating.

Usage: python benchmarks/quality_gate_ab.py DATA_DIR --before CHECKOUT [--repeat N] [--alone]
DATA_DIR holds warehouse.duckdb and metadata.sqlite (e.g. a cached screens warehouse of
benchmarks/screens.py). Each round runs every enabled stored rule that is checked in SQL, as the
gate does (2 workers), in a fresh process of each checkout (PYTHONPATH), and prints their CPU
and wall seconds; with --alone it also runs each rule alone, one after the other, and prints each
rule's CPU. Every outcome (verdict, failing and checked counts, sample keys, kept failing rows,
their order) must be the same in both checkouts: the script says where one differs.
Results are appended to benchmarks/results/quality_gate_ab.txt.
"""

from __future__ import annotations

import argparse
import json
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
from typing import Any

from bench_common import append_results

RESULTS = Path(__file__).parent / "results" / "quality_gate_ab.txt"
CHECKED_AT = datetime(2026, 12, 6, 12, 0, 0)  # one time for both sides: freshness compares


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(data_dir: Path, alone: bool) -> dict[str, Any]:
    """Run in a fresh process of one checkout: the rules' outcomes and costs, as JSON."""
    from dataclasses import replace

    from domain.entities.monitor import MONITOR_KINDS
    from infrastructure.metadata.run_profiles import SqlRunProfiles
    from infrastructure.metadata.sqlite_store import SqliteMetadataStore
    from infrastructure.quality.context import context_for_run
    from infrastructure.quality.gate import StoredRulesGate

    warehouse = data_dir / "warehouse.duckdb"
    with tempfile.TemporaryDirectory(prefix="gate-ab-") as scratch:
        copy = Path(scratch) / "metadata.sqlite"
        shutil.copyfile(data_dir / "metadata.sqlite", copy)
        store = SqliteMetadataStore(copy)
        rules = [r for r in store.list_rules() if r.enabled and r.kind not in MONITOR_KINDS]
        run_id = max(run.run_id for run in store.list_runs())
        context = replace(context_for_run(store, run_id), checked_at=CHECKED_AT)
        gate = StoredRulesGate(store, SqlRunProfiles(store))
        result = _checked(gate, warehouse, rules, context, alone)
    return result


def _checked(
    gate: Any, warehouse: Path, rules: list[Any], context: Any, alone: bool
) -> dict[str, Any]:
    from infrastructure.duckdb_connection import DEFAULT_RESOURCES
    from infrastructure.quality.connection import checking_connection
    from infrastructure.quality.runner import run_rules

    resources = DEFAULT_RESOURCES.for_input(warehouse.stat().st_size)
    result: dict[str, Any] = {}
    cpu, wall = _cpu(), time.perf_counter()
    if hasattr(gate, "check"):  # the gate's own connection and workers
        outcomes = gate.check(warehouse, rules, context)
    else:  # as the gate of a checkout without `check` runs its rules
        with checking_connection(warehouse, resources) as con:
            outcomes = run_rules(con, rules, context, workers=2)
    result["gate_cpu"], result["gate_wall"] = _cpu() - cpu, time.perf_counter() - wall
    if alone:  # each rule alone on the configured threads: what it costs, not how it is run
        result["alone_cpu"] = {}
        with checking_connection(warehouse, resources) as con:
            for rule in rules:
                cpu = _cpu()
                run_rules(con, [rule], context, workers=1)
                result["alone_cpu"][rule.rule_id] = _cpu() - cpu
    result["outcomes"] = {
        o.rule_id: {
            "status": str(o.status),
            "failing": o.failing_count,
            "message": o.message,
            "samples": list(o.sample_keys),
            "kept": None
            if o.failing_sample is None
            else [list(o.failing_sample.columns), [list(r) for r in o.failing_sample.rows]],
        }
        for o in outcomes
    }
    result["durations"] = {o.rule_id: o.duration_ms / 1000 for o in outcomes}
    return result


def run_side(checkout: Path, data_dir: Path, alone: bool) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, __file__, str(data_dir), "--child"] + (["--alone"] if alone else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=checkout)
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: {done.stderr}")
    return dict(json.loads(done.stdout.splitlines()[-1]))


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    said = []
    for rule_id in sorted(set(before) | set(after)):
        a, b = before.get(rule_id), after.get(rule_id)
        if a != b:
            fields = [k for k in (a or {}) if (b or {}).get(k) != (a or {}).get(k)]
            said.append(f"{rule_id}: differs in {', '.join(fields) or 'presence'}")
    return said


def _range(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--before", type=Path, default=Path("/work/main"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--alone", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.data_dir, args.alone)))
        return
    here = Path(__file__).resolve().parent.parent
    sides = {"before": args.before.resolve(), "this": here}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in sides}
    load = [os.getloadavg()[0]]
    for _ in range(args.repeat):
        for name, checkout in sides.items():
            runs[name].append(run_side(checkout, args.data_dir, args.alone))
    load.append(os.getloadavg()[0])
    lines = [
        f"# quality gate A/B, {args.data_dir}, {datetime.now():%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} CPUs, {platform.python_version()}, load {load[0]:.1f} -> {load[1]:.1f}",
        f"before {sides['before']}, this {sides['this']}, {args.repeat} rounds alternating",
    ]
    for name in sides:
        cpu = [r["gate_cpu"] for r in runs[name]]
        wall = [r["gate_wall"] for r in runs[name]]
        lines.append(f"{name:>6}: gate CPU {_range(cpu)} s, wall {_range(wall)} s")
    ratios = [
        t["gate_cpu"] / b["gate_cpu"] for t, b in zip(runs["this"], runs["before"], strict=True)
    ]
    lines.append(f"CPU this/before per round: {', '.join(f'{r:.2f}' for r in ratios)}")
    said = differences(runs["before"][0]["outcomes"], runs["this"][0]["outcomes"])
    said += [
        f"round {i + 1} of {name} differs from its first: {'; '.join(differing)}"
        for name in sides
        for i, r in enumerate(runs[name][1:], 1)
        if (differing := differences(runs[name][0]["outcomes"], r["outcomes"]))
    ]
    outcomes = runs["this"][0]["outcomes"]
    lines.append(
        f"outcomes of {len(outcomes)} rules: "
        + ("the same in both" if not said else "DIFFERENT: " + "; ".join(said))
    )
    if args.alone:
        lines.append("rule alone, CPU s (median of rounds): before -> this")
        rule_ids = sorted(
            outcomes,
            key=lambda r: -statistics.median(x["alone_cpu"][r] for x in runs["before"]),
        )
        for rule_id in rule_ids:
            b = statistics.median(x["alone_cpu"][rule_id] for x in runs["before"])
            t = statistics.median(x["alone_cpu"][rule_id] for x in runs["this"])
            lines.append(f"  {rule_id:<45} {b:6.3f} -> {t:6.3f}")
    text = "\n".join(lines)
    print(text)
    append_results(RESULTS, text)


if __name__ == "__main__":
    main()
