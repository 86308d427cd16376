"""The worker's part of `enter` on the largest segment, whole against paged, alternating.

Usage: python benchmarks/segment_pages.py DATA_DIR [ROUNDS]

"whole" is what the screen did before: every customer fetched and every cell formatted
(fit_table). "generic" the first paged version: one aggregate over the whole statement for the
count and the widest values, the fit on them, the first two blocks of rows read by LIMIT/OFFSET
of the whole statement and the first formatted. "paged" what the screen does now: the same,
with the count and extremes read from mart_segment_extremes (segment_customers_extremes.sql).
"read whole" is the background read of every row that follows the first page; "sort" `s` once
those rows are in memory: the query sorted, its first page (a worker's).
All run in one process on the same warehouse (e.g. a benchmarks/screens.py cache dir), one
after the other in each round; wall and process CPU (DuckDB's threads included) per round,
medians and the ratios.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from workbench.application.config import load_settings
from workbench.application.table_rows import QueryRows, TableRows
from workbench.container import build_container
from workbench.presentation.table_fit import fit_extremes, fit_table

ROOM = 117  # a 120-column terminal's table less its scrollbar
BLOCK = 500  # rows formatted at once (screens/widgets/frame_table.BLOCK: that name is taken here)


def main() -> None:
    data_dir, rounds = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5
    container = build_container(load_settings({"data_dir": data_dir}, env={}))
    segments = container.segments()
    summary = segments.summary().sort("customers", descending=True)
    largest = str(summary["segment"][0])
    print(f"# largest segment {largest}: {summary['customers'][0]:,} customers; room {ROOM}")

    def whole() -> None:
        fit_table(segments.customers(largest), ROOM, paged=True)

    def first_page(rows: TableRows) -> None:
        extremes = rows.extremes()
        fitted = fit_extremes(extremes.frame, extremes.key_typical, ROOM)
        page = rows.slice(0, 2 * BLOCK)  # the first block and the next, read ahead
        fitted.cells(page.slice(0, BLOCK)).rows()

    def generic() -> None:  # the aggregate and LIMIT/OFFSET over the whole statement
        first_page(QueryRows(container.warehouse(), "segment_customers", {"segment": largest}))

    def paged() -> None:  # the Segments screen's: page and extremes from the scores first
        first_page(segments.customer_rows(largest))

    def read_whole() -> None:  # the background read of every row once the first page shows
        segments.customer_rows(largest).whole()

    def sort_whole() -> None:  # `s` once the rows are in memory: the query sorted, its page
        first_page(rows.sorted("customer_unique_id", descending=False))

    rows = segments.customer_rows(largest).whole()
    runs: dict[str, list[tuple[float, float]]] = {
        name: [] for name in ("whole", "generic", "paged", "read whole", "sort")
    }
    cases: dict[str, Callable[[], None]] = {
        "whole": whole,
        "generic": generic,
        "paged": paged,
        "read whole": read_whole,
        "sort": sort_whole,
    }
    for _ in range(rounds):
        for name, case in cases.items():
            wall, cpu = time.perf_counter(), time.process_time()
            case()
            runs[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    medians = {
        name: (statistics.median(w for w, _ in xs), statistics.median(c for _, c in xs))
        for name, xs in runs.items()
    }
    for name, xs in runs.items():
        each = ", ".join(f"{1000 * w:.0f}" for w, _ in xs)
        wall, cpu = medians[name]
        print(f"{name:10s} wall med {1000 * wall:7.0f} ms  cpu med {1000 * cpu:7.0f} ms  ({each})")
    for base in ("whole", "generic"):
        ratio_wall = medians[base][0] / medians["paged"][0]
        ratio_cpu = medians[base][1] / medians["paged"][1]
        print(f"{base} / paged: wall {ratio_wall:.1f}x, cpu {ratio_cpu:.1f}x")
    container.shutdown_resources()


if __name__ == "__main__":
    main()
