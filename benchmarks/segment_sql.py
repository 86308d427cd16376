"""The warehouse's part of `enter` on the largest segment, statement by statement, read-only.

Usage: python benchmarks/segment_sql.py WAREHOUSE.duckdb [ROUNDS]

Opens the DuckDB file read-only (nothing else: no metadata, no container) and times, alternating
in each round, the statements the Segments screen runs for its largest segment: the generic
aggregate over the whole statement (count and extremes) and the LIMIT of the whole statement
(the first two blocks, as the screen reads them), against segment_customers_extremes.sql (the
count and widths kept at build); then the background read of every row (as a Polars frame). Medians.
"""

from __future__ import annotations

import statistics
import sys
import time

import duckdb

from infrastructure.analytics.warehouse_reader import _inner, _unordered, query_text
from infrastructure.sql_files import quote_identifier as _quoted

ROWS = 1000  # the first block and the next


def main() -> None:
    path, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    con = duckdb.connect(path, read_only=True)
    segment, size = con.execute(
        "select segment, count(*) from mart_customer_rfm group by 1 order by 2 desc limit 1"
    ).fetchall()[0]
    print(f"# largest segment {segment}: {size:,} customers")
    params = {"segment": segment}
    whole = _inner("segment_customers")
    schema = con.sql(f"select * from ({whole}) limit 0", params=params).pl().schema
    terms = ["count(*)"]
    for column, dtype in schema.items():
        quoted = _quoted(column)
        if dtype.is_numeric() or dtype.is_temporal():
            terms += [f"min({quoted})", f"max({quoted})"]
        else:
            terms += [f"arg_max({quoted}, length({quoted}))"] * 2
        terms.append(f"count(*) > count({quoted})")
    terms.append(f"quantile_disc(length({_quoted(next(iter(schema)))}), 0.9)")
    cases = {
        "generic extremes": (f"select {', '.join(terms)} from ({_unordered(whole)})", params),
        "new extremes": (query_text("segment_customers_extremes"), params),
        "generic page": (f"select * from ({whole}) limit {ROWS} offset 0", params),
        "read whole": (query_text("segment_customers"), params),
    }
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, (sql, bound) in cases.items():
            started = time.perf_counter()
            con.sql(sql, params=bound).pl()
            runs[name].append(time.perf_counter() - started)
    for name, times in runs.items():
        each = ", ".join(f"{1000 * t:.0f}" for t in times)
        print(f"{name:18s} median {1000 * statistics.median(times):7.0f} ms  ({each})")


if __name__ == "__main__":
    main()
