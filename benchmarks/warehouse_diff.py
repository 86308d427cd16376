"""Whether a change of the models leaves the warehouse as it was: every table of a build by this
checkout against a build by another, row for row.

Usage: python benchmarks/warehouse_diff.py SCALE --before CHECKOUT [--seed N] [--cache DIR]
                                           [--note TEXT]

Builds the generated dataset's warehouse (validate, stage, core, marts; no quality) twice, in
fresh processes: with this checkout's code and with CHECKOUT's (a worktree or clone, put first on
PYTHONPATH, e.g. /work/main). Then, for every table of either file: the columns and types in
order, the rows (EXCEPT ALL both ways, so a duplicated row counts), and the rows out of place
(row i of one file against row i of the other: the physical order, which the facts' and the
marts' zone maps depend on; tables no one sorts, such as dim_product and mart_kpi_items, differ
between two builds of the same code). DOUBLE columns are compared to 8 decimals: parallel sums
differ in the last digits from run to run. Written to benchmarks/results/warehouse_diff.txt.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from bench_common import DEFAULT_CACHE, append_results, dataset

RESULTS = Path(__file__).parent / "results" / "warehouse_diff.txt"
THIS_CHECKOUT = Path(__file__).resolve().parents[1]
BUILD = """
import sys
from pathlib import Path
from infrastructure.source.source_set import open_source
from infrastructure.warehouse.builder import WarehouseBuilder
with open_source(Path(sys.argv[1])) as files:
    WarehouseBuilder(profiles=False).build(files, Path(sys.argv[2]))
"""


def build(checkout: Path, source: Path, target: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    subprocess.run(
        [sys.executable, "-c", BUILD, str(source), str(target)], check=True, env=env, cwd=checkout
    )


def compare(before: Path, after: Path) -> list[str]:
    con = duckdb.connect()
    con.execute(f"ATTACH '{before}' AS before (READ_ONLY)")
    con.execute(f"ATTACH '{after}' AS after (READ_ONLY)")
    tables = {
        db: {
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [db]
            ).fetchall()
        }
        for db in ("before", "after")
    }
    lines = [
        f"tables only before: {sorted(tables['before'] - tables['after'])}, only after: "
        f"{sorted(tables['after'] - tables['before'])}"
    ]
    differing = len(tables["before"] ^ tables["after"])
    lines.append(
        f"{'table':<28} {'rows':>10} {'before-after':>13} {'after-before':>13} {'out of place':>13}"
    )
    for table in sorted(tables["before"] & tables["after"]):
        columns = {
            db: con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE database_name = ? AND table_name = ? ORDER BY column_index",
                [db, table],
            ).fetchall()
            for db in ("before", "after")
        }
        if columns["before"] != columns["after"]:
            differing += 1
            lines.append(f"{table:<28} columns differ: {columns['before']} / {columns['after']}")
            continue
        shown = ", ".join(
            f'round("{name}", 8)' if kind in ("DOUBLE", "FLOAT") else f'"{name}"'
            for name, kind in columns["before"]
        )

        def count(sql: str) -> int:
            row = con.execute(sql).fetchone()
            return int(row[0]) if row else 0

        rows = count(f"SELECT count(*) FROM before.{table}")
        missing, extra = (
            count(
                f"SELECT count(*) FROM (SELECT {shown} FROM {a}.{table} "
                f"EXCEPT ALL SELECT {shown} FROM {b}.{table})"
            )
            for a, b in (("before", "after"), ("after", "before"))
        )
        placed = f"SELECT row_number() OVER () AS position, {shown} FROM {{}}.{table}"
        out_of_place = count(
            f"SELECT count(*) FROM ({placed.format('before')} EXCEPT ALL {placed.format('after')})"
        )
        differing += bool(missing or extra)
        lines.append(f"{table:<28} {rows:>10} {missing:>13} {extra:>13} {out_of_place:>13}")
    lines.append(f"tables whose columns or rows differ: {differing}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scale", type=float)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    source = dataset(args.cache, args.scale, args.seed)
    with tempfile.TemporaryDirectory(prefix="warehouse-diff-") as folder:
        before, after = Path(folder) / "before.duckdb", Path(folder) / "after.duckdb"
        build(args.before.resolve(), source, before)
        build(THIS_CHECKOUT, source, after)
        lines = compare(before, after)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"# scale {args.scale:g}, seed {args.seed}, {stamp}: {THIS_CHECKOUT} against "
        f"{args.before}{' -- ' + args.note if args.note else ''}"
    )
    print("\n".join([header, *lines]))
    append_results(RESULTS, "\n".join([header, *lines]))


if __name__ == "__main__":
    main()
