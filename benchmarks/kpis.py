"""Benchmark the KPI views: every view's queries under each filter set, and the drill-downs.

Usage: python benchmarks/kpis.py [SCALE ...] [--seed N] [--cache DIR] [--repeat N] [--out FILE]
(default scales 1 and 10). Each dataset is generated once into the cache dir and built into a
fresh warehouse file. Measured per scale, through KpiService on a WarehouseReader (2 threads, as
the TUI uses it):
- build cost of the KPI layer: mart_kpi_orders + mart_kpi_items re-created in the built file;
- every view (all of its queries; the executive view queries the previous period too when a
  date range is set) under no filter, a state, the last 12 months, the top category and all
  three combined: median of --repeat warm runs, wall and the process's CPU time (DuckDB's
  threads included: on a shared machine the steadier figure), and each view's worst case as a
  ratio to the executive view's measured in the same run; target ≤ 100 ms per view at scale 1;
- the same views' CPU time per filter set (median), the steadier figure to compare;
- the first query on a freshly opened warehouse (cold), and the drill-downs.
Prints a table and writes benchmarks/results/kpis.txt (or --out).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from bench_common import DEFAULT_CACHE, dataset, median_ms

RESULTS = Path(__file__).parent / "results" / "kpis.txt"
TARGET_MS = 100.0


def build(source: Path, target: Path) -> float:
    """Build the warehouse; return the seconds it took."""
    from infrastructure.source import open_source
    from infrastructure.warehouse import WarehouseBuilder

    started = time.perf_counter()
    with open_source(source) as opened:
        WarehouseBuilder().build(opened, target)
    return time.perf_counter() - started


def kpi_layer_build_ms(warehouse: Path, repeat: int) -> float:
    """Re-create the two KPI tables in the built file, as the marts step does."""
    from infrastructure.warehouse import connect
    from infrastructure.warehouse.catalog import MART_MODELS

    models = [m for m in MART_MODELS if m.name in ("mart_kpi_orders", "mart_kpi_items")]
    con = connect(warehouse)

    def rebuild() -> None:
        con.begin()
        for model in models:
            con.execute(f"DROP TABLE IF EXISTS {model.name}")
            con.execute(model.create_statement())
        con.commit()

    try:
        return median_ms(rebuild, repeat)
    finally:
        con.close()


def median_wall_cpu_ms(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and median process CPU time of `work` over `repeat` runs, in ms."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


Timings = dict[str, dict[str, tuple[float, float]]]  # view -> filter set -> (wall, cpu) ms


def measure(warehouse: Path, repeat: int) -> tuple[list[str], Timings, dict]:
    from domain.value_objects.date_range import DateRange
    from infrastructure.analytics.warehouse_reader import WarehouseReader
    from workbench.application.kpi_filters import Drill, Filters, month_range
    from workbench.application.kpis import VIEWS, KpiService

    reader = WarehouseReader(warehouse)
    kpis = KpiService(reader)
    started = time.perf_counter()
    choices = kpis.choices()
    cold_ms = (time.perf_counter() - started) * 1000
    assert choices.span is not None
    last_year = DateRange(choices.span.end - timedelta(days=364), choices.span.end)
    category = choices.categories[0]
    filter_sets = {
        "none": Filters(),
        "state SP": Filters(states=("SP",)),
        "12 months": Filters(last_year),
        "top category": Filters(categories=(category,)),
        "all three": Filters(last_year, ("SP",), (category,)),
    }
    table = {
        view: {
            name: median_wall_cpu_ms(lambda v=view, f=filters: kpis.view(v, f), repeat)
            for name, filters in filter_sets.items()
        }
        for view in VIEWS
    }
    seller = kpis.sellers(Filters()).table["seller_id"][0]
    month = (choices.span.end - timedelta(days=120)).replace(day=1)
    drills = {
        "all orders (orders tile)": Drill("orders"),
        "late orders (late tile)": Drill("late", subset="late"),
        "one month (chart bar)": Drill("month", period=month_range(month)),
        "worst seller (table row)": Drill("seller", seller_id=seller),
        "SP, 12 months, category": Drill("combined"),
    }
    drill_filters = {name: Filters() for name in drills} | {
        "SP, 12 months, category": filter_sets["all three"]
    }
    drill_ms = {
        name: median_ms(lambda d=drill, f=drill_filters[name]: kpis.orders(f, d), repeat)
        for name, drill in drills.items()
    }
    rows = {name: kpis.orders(drill_filters[name], drill).height for name, drill in drills.items()}
    extra = {
        "category": category,
        "cold_ms": cold_ms,
        "choices_ms": median_ms(kpis.choices, repeat),
        "drills": drill_ms,
        "drill_rows": rows,
    }
    reader.close()
    return list(filter_sets), table, extra


def report_scale(
    scale: float,
    orders: int,
    build_s: float,
    layer_ms: float,
    filter_names: list[str],
    table: Timings,
    extra: dict,
) -> list[str]:
    width = max(len(name) for name in filter_names) + 2
    lines = [
        f"## scale {scale:g}",
        f"warehouse build {build_s:.1f} s, {orders:,} orders; KPI layer "
        f"(mart_kpi_orders + mart_kpi_items) {layer_ms:,.0f} ms of it",
        f"first query on a freshly opened warehouse (filter choices): {extra['cold_ms']:,.1f} ms;"
        f" warm {extra['choices_ms']:,.1f} ms",
        "view query time, median wall ms (all of the view's queries); worst: the slowest filter"
        " set, wall and CPU ms, and as a ratio to the executive view's worst (wall, CPU):",
        f"  {'view':<12}"
        + "".join(f"{name:>{width}}" for name in filter_names)
        + f"{'worst':>9}{'cpu':>8}{'x exec':>8}{'cpu x':>7}",
    ]
    executive_wall, executive_cpu = (max(t[i] for t in table["executive"].values()) for i in (0, 1))
    for view, times in table.items():
        wall, cpu = (max(t[i] for t in times.values()) for i in (0, 1))
        flag = "" if scale > 1 or wall <= TARGET_MS else "  > target"
        lines.append(
            f"  {view:<12}"
            + "".join(f"{times[name][0]:>{width},.1f}" for name in filter_names)
            + f"{wall:>9,.1f}{cpu:>8,.1f}{wall / executive_wall:>8.2f}{cpu / executive_cpu:>7.2f}"
            + flag
        )
    lines.append(f"  (top category: {extra['category']}; 12 months: up to the last purchase)")
    lines.append("view query CPU, median ms (this process: DuckDB's threads and Python):")
    lines.append(f"  {'view':<12}" + "".join(f"{name:>{width}}" for name in filter_names))
    for view, times in table.items():
        lines.append(
            f"  {view:<12}" + "".join(f"{times[name][1]:>{width},.1f}" for name in filter_names)
        )
    lines.append("drill-downs, median ms:")
    for name, ms in extra["drills"].items():
        lines.append(f"  {name:<28}{ms:>10,.1f}  ({extra['drill_rows'][name]:,} rows)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scales", nargs="*", type=float, default=[1.0, 10.0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file")
    args = parser.parse_args()

    import duckdb

    lines = [
        f"# KPI views benchmark, {time.strftime('%Y-%m-%d %H:%M')}, seed {args.seed}, "
        f"median of {args.repeat}, target ≤ {TARGET_MS:g} ms per view at scale 1",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}",
    ]
    print("\n".join(lines), flush=True)
    for scale in args.scales:
        source = dataset(args.cache, scale, args.seed)
        with tempfile.TemporaryDirectory(prefix="kpi-bench-") as folder:
            warehouse = Path(folder) / "warehouse.duckdb"
            build_s = build(source, warehouse)
            with duckdb.connect(str(warehouse), read_only=True) as con:
                orders = int(con.sql("SELECT count(*) FROM fct_orders").fetchall()[0][0])
            layer_ms = kpi_layer_build_ms(warehouse, 3)
            filter_names, table, extra = measure(warehouse, args.repeat)
        block = report_scale(scale, orders, build_s, layer_ms, filter_names, table, extra)
        print("\n".join(block), flush=True)
        lines += block
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
