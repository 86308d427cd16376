"""What the shape of the build costs: the same models built into the file, into memory, with
staging as temp tables, or with each table compressed at commit. CPU per step and per model.

Usage: python benchmarks/ingest_shapes.py [SCALE] [--repeat N] [--variants A,B] [--seed N]
                                          [--cache DIR] [--note TEXT]

Each run is a fresh process running WarehouseBuilder.build (validate, stage, core, marts; no
quality, no monitor profile) on the generated dataset, the variants alternating:

- file: the build as it is (the published file's settings).
- memory: every table in DuckDB's in-memory catalog (nothing compressed or written: the bound of
  any change that writes less; its memory limit is lifted, a build at scale 10 holds ~4 GB).
- staging-temp: the nine stg_ models as TEMP tables (in memory, not in the file); the rest as is.
- ids-uncompressed: every VARCHAR column named *_id stored uncompressed, product and seller ids
  too (the build keeps only builder.UNCOMPRESSED_COLUMNS so: the ids of orders, customers and
  reviews; before 2026-12-06 it declared none, and `file` was this variant's baseline).
- one-checkpoint: DuckDB's default row groups (122,880 rows) instead of the build's 16,384: the
  tables are compressed once, at commit, rather than while each model runs.

CPU seconds are all threads of the child (time.process_time). The per-model table shows the
models costing most in `file`, each variant's median beside. Results are appended to
benchmarks/results/ingest_shapes.txt. A measuring tool: it patches the builder in its child.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_common import DEFAULT_CACHE, append_results, dataset

RESULTS = Path(__file__).parent / "results" / "ingest_shapes.txt"
VARIANTS = ("file", "memory", "staging-temp", "ids-uncompressed", "one-checkpoint")


def child(variant: str, source: Path, work: Path) -> dict[str, Any]:
    """Build once under `variant`; CPU per step, per model and of the source checks."""
    from dataclasses import replace

    from infrastructure.source.source_set import open_source
    from infrastructure.warehouse import builder

    if variant == "memory":

        def in_memory(path: Path, resources: Any = builder.DEFAULT_RESOURCES) -> Any:
            return builder.connect_duckdb(replace(resources, memory_limit="16GB"), writes=path)

        builder.connect = in_memory  # type: ignore[assignment]
    elif variant == "staging-temp":
        as_built = builder._create

        def staging_temp(con: Any, model: Any) -> int:
            if model.layer != "staging":
                return as_built(con, model)
            row = con.execute(f"CREATE TEMP TABLE {model.name} AS\n{model.sql()}").fetchone()
            return int(row[0])

        builder._create = staging_temp  # type: ignore[assignment]
    elif variant == "ids-uncompressed":
        as_built = builder._create

        def ids_uncompressed(con: Any, model: Any) -> int:
            if not model.holds_rows:
                return as_built(con, model)
            sql = model.sql()
            con.execute(f"CREATE TABLE {model.name} AS SELECT * FROM ({sql}) LIMIT 0")
            columns = con.execute(f"DESCRIBE {model.name}").fetchall()
            con.execute(f"DROP TABLE {model.name}")
            kept = " USING COMPRESSION uncompressed"
            definitions = ", ".join(
                f'"{name}" {kind}' + (kept if kind == "VARCHAR" and name.endswith("_id") else "")
                for name, kind, *_ in columns
            )
            con.execute(f"CREATE TABLE {model.name} ({definitions})")
            return int(con.execute(f"INSERT INTO {model.name} {sql}").fetchone()[0])

        builder._create = ids_uncompressed  # type: ignore[assignment]
    elif variant == "one-checkpoint":
        builder.ROW_GROUP_SIZE = 122_880
    elif variant != "file":
        raise SystemExit(f"unknown variant {variant}")

    models: dict[str, float] = {}
    checks = {"source checks": 0.0}
    create = builder._create

    def timed_create(con: Any, model: Any) -> int:
        started = time.process_time()
        try:
            return create(con, model)
        finally:
            models[model.name] = time.process_time() - started

    builder._create = timed_create  # type: ignore[assignment]
    for name in ("raise_first_rejected_row", "raise_first_inexact_value"):
        check = getattr(builder, name)

        def timed_check(*args: Any, _check: Any = check) -> None:
            started = time.process_time()
            try:
                _check(*args)
            finally:
                checks["source checks"] += time.process_time() - started

        setattr(builder, name, timed_check)

    steps: dict[str, float] = {}
    mark = [time.process_time()]

    def on_step(step: Any, rows: int, duration_ms: float, detail: str) -> None:
        now = time.process_time()
        steps[str(step)] = now - mark[0]
        mark[0] = now

    target = work / f"{variant}.duckdb"
    started = time.process_time()
    with open_source(source) as files:
        builder.WarehouseBuilder(on_step=on_step, profiles=False).build(files, target)
    total = time.process_time() - started
    steps["stamp, commit, close"] = time.process_time() - mark[0]
    size = target.stat().st_size / 1e6 if target.exists() else 0.0
    target.unlink(missing_ok=True)
    return {"total": total, "steps": steps, "models": models, **checks, "file_mb": size}


def run_child(variant: str, source: Path, work: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", variant, str(source), str(work)],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def report(runs: dict[str, list[dict[str, Any]]], top: int) -> list[str]:
    def med(values: list[float]) -> float:
        return statistics.median(values)

    names = list(runs)

    def per_variant(figure: Any) -> list[float]:
        return [med([figure(run) for run in runs[name]]) for name in names]

    lines = [f"{'median CPU s':<26}" + "".join(f"{n:>16}" for n in names)]
    rows = [("build (total)", per_variant(lambda r: r["total"]))]
    for step in runs[names[0]][0]["steps"]:
        rows.append((step, per_variant(lambda r, s=step: r["steps"][s])))
    rows.append(("  of it: source checks", per_variant(lambda r: r["source checks"])))
    rows.append(("file MB", per_variant(lambda r: r["file_mb"])))
    for label, values in rows:
        lines.append(f"{label:<26}" + "".join(f"{v:>16.2f}" for v in values))
    base = names[0]
    first = runs[base]
    models = sorted(first[0]["models"], key=lambda m: -med([r["models"][m] for r in first]))
    lines.append(f"models costing most in {base}:")
    for model in models[:top]:
        values = per_variant(lambda r, m=model: r["models"][m])
        lines.append(f"  {model:<24}" + "".join(f"{v:>16.3f}" for v in values))
    return lines


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        variant, source, work = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
        print(json.dumps(child(variant, source, work)))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scale", nargs="?", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    variants = args.variants.split(",")
    source = dataset(args.cache, args.scale, args.seed)
    load = os.getloadavg()[0]
    runs: dict[str, list[dict[str, Any]]] = {v: [] for v in variants}
    with tempfile.TemporaryDirectory(prefix="ingest-shapes-", dir=args.cache) as work:
        for repeat in range(args.repeat):
            for variant in variants:
                measured = run_child(variant, source, Path(work))
                runs[variant].append(measured)
                print(f"repeat {repeat + 1}: {variant} {measured['total']:.2f} s CPU", flush=True)
    header = (
        f"# ingest shapes, scale {args.scale:g}, {args.repeat} alternating repeats, "
        f"{time.strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} CPUs, load average "
        f"{load:.1f} at start, {os.getloadavg()[0]:.1f} at end"
        + (f"; {args.note}" if args.note else "")
    )
    text = "\n".join([header, *report(runs, args.top)])
    append_results(RESULTS, text)
    print(text)


if __name__ == "__main__":
    main()
