"""One SQL model of the warehouse alone, against other versions of it: CPU per run, same rows.

Usage: python benchmarks/ingest_models.py SCALE MODEL [OTHER.sql ...] [--repeat N] [--seed N]
                                          [--cache DIR] [--note TEXT]

Ingests the generated dataset once into a temporary data dir, copies the published warehouse, and
on the copy (the build's settings: row groups, storage version, no FSST, the reference variables)
creates the model's table as the builder does (`builder.create_table`: the ids of
builder.UNCOMPRESSED_COLUMNS declared uncompressed), from the model as this checkout has it and
from each OTHER file (a model file in the same dbt form, e.g.
`git show main:infrastructure/warehouse/models/marts/mart_kpi_orders.sql`),
alternating, `--repeat` times each. Prints CPU seconds (all threads) and wall per run, and whether
each version's rows equal the model's as built (doubles compared to 8 decimals: parallel sums
differ in the last digit from run to run). Written to benchmarks/results/ingest_models.txt.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench_common import DEFAULT_CACHE, dataset

RESULTS = Path(__file__).parent / "results" / "ingest_models.txt"


def built_warehouse(source: Path, into: Path) -> Path:
    from workbench.application.config import load_settings
    from workbench.container import build_container

    container = build_container(load_settings({"data_dir": into / "data"}, env={}))
    try:
        outcome = container.ingestion().ingest(source)
        assert outcome.published, outcome.message
        copy = into / "copy.duckdb"
        shutil.copy(container.settings().warehouse_path, copy)
    finally:
        container.shutdown_resources()
    return copy


def measure(warehouse: Path, model_name: str, others: list[Path], repeat: int) -> list[str]:
    from infrastructure.warehouse.builder import connect, create_table
    from infrastructure.warehouse.catalog import _rendered, all_models
    from infrastructure.warehouse.reference_data import set_reference_variables

    model = {m.name: m for m in all_models()}[model_name]
    versions = {"this checkout": model.sql()}
    versions |= {str(path): _rendered(path.read_text()) for path in others}
    con = connect(warehouse)
    set_reference_variables(con)
    lines = []
    cpu: dict[str, list[float]] = {name: [] for name in versions}
    for run in range(repeat):
        for index, (name, sql) in enumerate(versions.items()):
            con.execute(f"DROP TABLE IF EXISTS bench_{index}")
            started, wall = time.process_time(), time.perf_counter()
            create_table(con, f"bench_{index}", sql)
            spent, wall = time.process_time() - started, time.perf_counter() - wall
            cpu[name].append(spent)
            lines.append(f"run {run + 1} {name:<60} CPU {spent:6.2f} s  wall {wall:6.2f} s")
            print(lines[-1], flush=True)
    columns = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = 'warehouse' AND table_name = ?",
        [model_name],
    ).fetchall()
    shown = ", ".join(
        f"round({name}, 8) AS {name}" if kind in ("DOUBLE", "FLOAT") else name
        for name, kind in columns
    )
    for index, name in enumerate(versions):
        differ = [
            (
                con.execute(
                    f"SELECT count(*) FROM (SELECT {shown} FROM {a} "
                    f"EXCEPT ALL SELECT {shown} FROM {b})"
                ).fetchone()
                or (0,)
            )[0]
            for a, b in ((model_name, f"bench_{index}"), (f"bench_{index}", model_name))
        ]
        runs = ", ".join(f"{c:.2f}" for c in cpu[name])
        lines.append(
            f"{name:<60} CPU s {runs} (min {min(cpu[name]):.2f}); rows not in the built "
            f"table / in it but not here: {differ[0]} / {differ[1]}"
        )
        print(lines[-1], flush=True)
    con.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scale", type=float)
    parser.add_argument("model")
    parser.add_argument("others", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    source = dataset(args.cache, args.scale, args.seed)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ingest-models-") as folder:
        warehouse = built_warehouse(source, Path(folder))
        lines = measure(warehouse, args.model, args.others, args.repeat)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"# {args.model} alone, scale {args.scale:g}, {args.repeat} alternating runs, {stamp}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at "
        f"end{' -- ' + args.note if args.note else ''}"
    )
    with RESULTS.open("a") as out:
        out.write("\n".join([header, *lines]) + "\n")


if __name__ == "__main__":
    main()
