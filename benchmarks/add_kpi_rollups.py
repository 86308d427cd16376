"""Bring a data dir of warehouse format 10 to format 11 without ingesting again: copy it, then add
the executive view's rollups to every warehouse file of the copy.

Usage: python benchmarks/add_kpi_rollups.py OLD_DATA_DIR NEW_DATA_DIR [--link-older] [--yes]
  e.g. python benchmarks/add_kpi_rollups.py /tmp/olist-bench/screens-scale-100-seed-42-format-10 \\
                                            /tmp/olist-bench/screens-scale-100-seed-42-format-11
NEW_DATA_DIR must not exist; OLD_DATA_DIR is only read. With the name screens.py gives format 11
(as above), `benchmarks/screens.py --scale 100` then finds it complete and measures on it, and
`benchmarks/kpi_sql_ab.py NEW_DATA_DIR/warehouse.duckdb ...` reads its warehouse.

What it does: copies every file of OLD_DATA_DIR (hard links between them kept: warehouse.duckdb is
the last snapshot's file), rewrites OLD_DATA_DIR's path to NEW_DATA_DIR's in the metadata store's
text columns (runs record their warehouse's path), then in each distinct warehouse file, in one
transaction on the build's connection settings: creates the format's new models in their build
order (int_kpi_order_categories, mart_kpi_category_sets, mart_kpi_daily,
mart_kpi_daily_states, mart_kpi_daily_customers, mart_kpi_daily_categories: the same
statements an ingest runs), replaces the kpi_periods macro
with this checkout's, and stamps warehouse_format 11. Every other table is format 10's as it was
(format 11 changed nothing else). Prints the disk it needs and the time and CPU of each step; asks
before copying unless --yes.
--link-older: the snapshots other than the published one are hard links to OLD_DATA_DIR's files
instead of copies, and are not upgraded (they stay format 10: nothing reads them for the KPI
screen; the Segments screen's migration reads their segment tables through the metadata store).
At scale 100 (two snapshots of ~15 GB) that needs the room of one warehouse instead of two.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infrastructure.warehouse.builder import WAREHOUSE_FORMAT, connect
from infrastructure.warehouse.catalog import MART_MODELS

PREVIOUS_FORMAT = "10"
NEW_MODELS = (
    "int_kpi_order_categories",
    "mart_kpi_category_sets",
    "mart_kpi_daily",
    "mart_kpi_daily_states",
    "mart_kpi_daily_customers",
    "mart_kpi_daily_categories",
)
REPLACED_MACROS = ("kpi_periods",)


def copy_dir(old: Path, new: Path, link_older: bool = False) -> list[Path]:
    """Copy old to new keeping hard links between its files; the distinct .duckdb files copied
    (with link_older, a .duckdb file other than the published one is linked, not copied)."""
    copied: dict[tuple[int, int], Path] = {}
    warehouses = []
    published = _identity(old / "warehouse.duckdb")
    for source in sorted(old.rglob("*")):
        target = new / source.relative_to(old)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.name == ".complete":
            continue  # written last, once the copy is upgraded
        identity = _identity(source)
        if identity in copied:
            os.link(copied[identity], target)
            continue
        if link_older and source.suffix == ".duckdb" and identity != published:
            os.link(source, target)
            continue
        shutil.copy2(source, target)
        copied[identity] = target
        if source.suffix == ".duckdb":
            warehouses.append(target)
    return warehouses


def _identity(path: Path) -> tuple[int, int]:
    return (path.stat().st_dev, path.stat().st_ino)


def copied_bytes(old: Path, link_older: bool) -> int:
    """What copy_dir writes: each distinct file once (older snapshots not, with link_older)."""
    published = _identity(old / "warehouse.duckdb")
    sizes = {
        _identity(p): p.stat().st_size
        for p in old.rglob("*")
        if p.is_file() and not (link_older and p.suffix == ".duckdb" and _identity(p) != published)
    }
    return sum(sizes.values())


def rewrite_paths(metadata: Path, old: Path, new: Path) -> int:
    """Replace old's path by new's in every text column of the metadata store; rows changed."""
    con = sqlite3.connect(metadata)
    changed = 0
    with con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
        for table in tables:
            for column in con.execute(f'pragma table_info("{table}")').fetchall():
                name = column[1]
                cursor = con.execute(
                    f'update "{table}" set "{name}" = replace("{name}", ?, ?) '
                    f'where typeof("{name}") = \'text\' and instr("{name}", ?) > 0',
                    (str(old), str(new), str(old)),
                )
                changed += cursor.rowcount
    con.close()
    return changed


def upgrade(warehouse: Path) -> None:
    models = {model.name: model for model in MART_MODELS}
    con = connect(warehouse)
    found = con.execute(
        "select value from workbench_snapshot where key = 'warehouse_format'"
    ).fetchall()
    if found != [(PREVIOUS_FORMAT,)]:
        con.close()
        raise SystemExit(f"{warehouse}: format {found}, not {PREVIOUS_FORMAT}: not upgraded")
    con.begin()
    for name in (*NEW_MODELS, *REPLACED_MACROS):
        wall, cpu = time.perf_counter(), time.process_time()
        con.execute(models[name].create_statement(replace=name in REPLACED_MACROS)).fetchall()
        print(
            f"  {name}: {time.perf_counter() - wall:.1f} s wall, "
            f"{time.process_time() - cpu:.1f} s CPU",
            flush=True,
        )
    con.execute(
        "update workbench_snapshot set value = ? where key = 'warehouse_format'",
        [WAREHOUSE_FORMAT],
    ).fetchall()
    con.commit()
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("old", type=Path, help="a data dir of warehouse format 10 (only read)")
    parser.add_argument("new", type=Path, help="the data dir to create, of format 11")
    parser.add_argument("--yes", action="store_true", help="do not ask before copying")
    parser.add_argument(
        "--link-older",
        action="store_true",
        help="hard-link the older snapshots instead of copying them (they stay format 10)",
    )
    args = parser.parse_args()
    old, new = args.old.resolve(), args.new.resolve()
    if WAREHOUSE_FORMAT != "11":
        raise SystemExit(
            f"this checkout's format is {WAREHOUSE_FORMAT}: the script adds format 11's"
        )
    if not (old / "warehouse.duckdb").exists():
        raise SystemExit(f"{old} holds no warehouse.duckdb")
    if new.exists():
        raise SystemExit(f"{new} exists: give a new directory")
    size = copied_bytes(old, args.link_older)
    free = shutil.disk_usage(new.parent).free
    print(f"copying {size / 1e9:.1f} GB (free: {free / 1e9:.1f} GB) to {new}")
    if size * 1.1 > free:
        raise SystemExit("not enough room")
    if not args.yes and input("go on? [y/N] ").strip().lower() != "y":
        return
    started = time.perf_counter()
    try:
        warehouses = copy_dir(old, new, args.link_older)
        print(f"copied in {time.perf_counter() - started:.0f} s", flush=True)
        if (new / "metadata.sqlite").exists():
            print(f"metadata: {rewrite_paths(new / 'metadata.sqlite', old, new)} values re-pathed")
        for warehouse in warehouses:
            print(f"{warehouse.relative_to(new)}:", flush=True)
            upgrade(warehouse)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if (old / ".complete").exists():
        (new / ".complete").touch()
    print(f"done in {time.perf_counter() - started:.0f} s: {new}")


if __name__ == "__main__":
    main()
