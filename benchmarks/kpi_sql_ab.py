"""The KPI views' own queries, another checkout's SQL against this one's, on one warehouse.

Usage: python benchmarks/kpi_sql_ab.py WAREHOUSE --before CHECKOUT [--views V,...] [--repeat N]
                                       [--out FILE]
WAREHOUSE is one this checkout built (its format). The queries and their parameters are what
this checkout's KpiService runs for each view under no filter, a state, the last 12 months, the
top category and all three (the executive view: its three kpi_series calls, the period and the
two it is compared with, each counted); each query then runs on its own, the other checkout's
text (CHECKOUT/infrastructure/analytics/queries/<name>.sql) and this one's alternating for
--repeat rounds, fetched into polars as the reader does, and its CPU time (process_time:
DuckDB's threads and the fetch) is taken, median per query, summed per view. The other
checkout's kpi_sellers and kpi_periods macros are created as temp macros (kpi_sellers_before,
kpi_periods_before; ref() read as the model's name) and its queries call them, so a scorecard or
an executive series built on an old macro runs on the same warehouse. Both texts must read
tables the warehouse holds. A same-run A/B of the SQL alone: no build, no app.
Prints a table and writes it to --out (default benchmarks/results/kpi_sql_ab.txt).
"""

from __future__ import annotations

import argparse
import collections
import re
import statistics
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

FILTER_SETS = ("none", "state SP", "12 months", "top category", "all three")
BEFORE_MACROS = ("kpi_sellers", "kpi_periods")  # the other checkout's, as <name>_before


def captured_queries(warehouse: Path, views: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """(view, filter set) -> {query name: parameters}, as KpiService runs them."""
    from domain.value_objects.date_range import DateRange
    from infrastructure.analytics.warehouse_reader import WarehouseReader
    from workbench.application.kpi_filters import Filters
    from workbench.application.kpis import KpiService, TableQuery

    reader = WarehouseReader(warehouse)
    kpis = KpiService(reader)
    seen: dict[str, dict[str, Any]] = {}
    query, run = reader.query, kpis._run

    def record(name: str, params: dict[str, Any]) -> None:
        # a query a view runs more than once with other parameters (the executive's kpi_series
        # for the period and the two it is compared with) is kept each time; the same call seen
        # twice (_run reads through query) once
        same_name = [k for k in seen if k.split("#")[0] == name]
        if any(seen[k] == params for k in same_name):
            return
        seen[f"{name}#{len(same_name)}" if same_name else name] = params

    def recording_query(name: str, params: Any = None, **kwargs: Any) -> Any:
        record(name, dict(params or {}))
        return query(name, params, **kwargs)

    def recording_run(table_query: TableQuery) -> Any:
        record(table_query.name, dict(table_query.params))
        return run(table_query)

    reader.query = recording_query  # type: ignore[method-assign]
    kpis._run = recording_run  # type: ignore[method-assign]
    choices = kpis.choices()
    assert choices.span is not None
    last_year = DateRange(choices.span.end - timedelta(days=364), choices.span.end)
    top = choices.categories[0]
    filters = dict(
        zip(
            FILTER_SETS,
            (
                Filters(),
                Filters(states=("SP",)),
                Filters(last_year),
                Filters(categories=(top,)),
                Filters(last_year, ("SP",), (top,)),
            ),
            strict=True,
        )
    )
    plan = {}
    for view in views:
        for name, chosen in filters.items():
            seen.clear()
            kpis.view(view, chosen)
            plan[view, name] = {q: p for q, p in seen.items() if q != "kpi_data_span"}
    reader.close()
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--before", type=Path, required=True, help="the other checkout")
    parser.add_argument("--views", help="comma-separated views (default: all)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent / "results" / "kpi_sql_ab.txt"
    )
    args = parser.parse_args()

    from infrastructure.analytics.warehouse_reader import query_text
    from infrastructure.duckdb_connection import DEFAULT_RESOURCES, connect_duckdb
    from infrastructure.warehouse.catalog import MART_MODELS
    from workbench.application.kpis import VIEWS

    views = args.views.split(",") if args.views else list(VIEWS)
    plan = captured_queries(args.warehouse, views)
    con = connect_duckdb(DEFAULT_RESOURCES, args.warehouse, read_only=True)
    before = args.before / "infrastructure"
    parameters = {model.name: model.parameters for model in MART_MODELS}
    for name in BEFORE_MACROS:
        macro = (before / f"warehouse/models/marts/{name}.sql").read_text(encoding="utf-8")
        macro = re.sub(r"\{\{ ref\('(\w+)'\) \}\}", r"\1", macro)
        con.execute(
            f"CREATE TEMP MACRO {name}_before({', '.join(parameters[name])}) AS TABLE {macro}"
        ).fetchall()

    def before_text(name: str) -> str:
        text = (before / f"analytics/queries/{name}.sql").read_text(encoding="utf-8")
        for macro in BEFORE_MACROS:
            text = text.replace(f"{macro}(", f"{macro}_before(")
        return text

    def cpu_ms(sql: str, params: dict[str, Any]) -> float:
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        started = time.process_time()
        con.sql(sql, params=used).pl()
        return (time.process_time() - started) * 1000

    lines = [
        f"# {args.warehouse}, {args.repeat} alternating rounds, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: view query CPU ms (median per "
        f"query, summed over the view's queries), {args.before}'s SQL -> this checkout's",
        f"{'view':<11}" + "".join(f"{name:>22}" for name in FILTER_SETS),
    ]
    print("\n".join(lines), flush=True)
    unfiltered: dict[str, dict[str, tuple[float, float]]] = collections.defaultdict(dict)
    for view in views:
        cells = []
        for name in FILTER_SETS:
            totals = [0.0, 0.0]
            for key, params in plan[view, name].items():
                query = key.split("#")[0]
                texts = (before_text(query), query_text(query))
                times: tuple[list[float], list[float]] = ([], [])
                for round_ in range(args.repeat):
                    for side in (0, 1) if round_ % 2 == 0 else (1, 0):
                        times[side].append(cpu_ms(texts[side], params))
                medians = (statistics.median(times[0]), statistics.median(times[1]))
                totals = [totals[0] + medians[0], totals[1] + medians[1]]
                if name == "none":
                    unfiltered[view][key] = medians
            cells.append(f"{totals[0]:>6,.0f} -> {totals[1]:>5,.0f} {totals[1] / totals[0]:>5.2f}x")
        lines.append(f"{view:<11}" + "".join(f"{cell:>22}" for cell in cells))
        print(lines[-1], flush=True)
    lines.append("per query, no filter (before -> this checkout, CPU ms):")
    for view in views:
        lines.append(
            f"  {view}: "
            + ", ".join(f"{q} {b:,.0f} -> {a:,.0f}" for q, (b, a) in unfiltered[view].items())
        )
    print("\n".join(lines[-len(views) - 1 :]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
