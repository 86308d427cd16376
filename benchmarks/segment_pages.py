"""The worker's part of `enter` on the largest segment, whole against paged, alternating.

Usage: python benchmarks/segment_pages.py DATA_DIR [ROUNDS]

"whole" is what the screen did before: every customer fetched and every cell formatted
(fit_table). "paged" is what it does now: one aggregate for the count and the widest values,
the fit on them, the first block of rows read and formatted. Both run in one process on the
same warehouse (e.g. a benchmarks/screens.py cache dir), one after the other in each round;
wall and process CPU (DuckDB's threads included) per round, medians and their ratio.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from workbench.application.config import load_settings
from workbench.application.table_rows import QueryRows
from workbench.container import build_container
from workbench.presentation.table_fit import fit_extremes, fit_table

ROOM = 117  # a 120-column terminal's table less its scrollbar


def main() -> None:
    data_dir, rounds = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5
    container = build_container(load_settings({"data_dir": data_dir}, env={}))
    segments = container.segments()
    summary = segments.summary().sort("customers", descending=True)
    largest = str(summary["segment"][0])
    print(f"# largest segment {largest}: {summary['customers'][0]:,} customers; room {ROOM}")

    def whole() -> None:
        fit_table(segments.customers(largest), ROOM, paged=True)

    def paged() -> None:
        rows = QueryRows(container.warehouse(), "segment_customers", {"segment": largest})
        extremes = rows.extremes()
        fitted = fit_extremes(extremes.frame, extremes.key_typical, ROOM)
        fitted.cells(rows.slice(0, 500)).rows()

    runs: dict[str, list[tuple[float, float]]] = {"whole": [], "paged": []}
    cases: dict[str, Callable[[], None]] = {"whole": whole, "paged": paged}
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
        print(f"{name:6s} wall med {1000 * wall:7.0f} ms  cpu med {1000 * cpu:7.0f} ms  ({each})")
    ratio_wall = medians["whole"][0] / medians["paged"][0]
    ratio_cpu = medians["whole"][1] / medians["paged"][1]
    print(f"whole / paged: wall {ratio_wall:.1f}x, cpu {ratio_cpu:.1f}x")
    container.shutdown_resources()


if __name__ == "__main__":
    main()
