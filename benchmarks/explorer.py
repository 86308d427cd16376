"""Benchmark the Explorer's repositories: hydrate one order and the largest seller at scale 1.

Generates the synthetic dataset into a temp dir, ingests it through the container (as the app
does), then times each aggregate load many times. Target: ≤ 20 ms per aggregate.

Usage: python benchmarks/explorer.py [--scale S] [--seed N] [--repeat R] [--source DIR]
Results are printed and written to benchmarks/results/explorer.txt (explorer-scale10.txt for
--scale 10, and so on).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from infrastructure.analytics.warehouse_reader import WarehouseReader
from infrastructure.repositories import (
    DuckDbCustomerRepository,
    DuckDbOrderRepository,
    DuckDbSellerRepository,
)
from workbench.application.config import load_settings
from workbench.container import Container, build_container

RESULTS = Path(__file__).parent / "results"
TARGET_MS = 20.0


class CountingReader:
    """The real reader, counting statements, so the report shows the queries per load."""

    def __init__(self, reader: WarehouseReader) -> None:
        self.reader = reader
        self.statements = 0

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        self.statements += 1
        return self.reader.rows(sql, params)


def timed(load: Callable[[], object], repeat: int) -> list[float]:
    load()  # warm: the first call opens the connection and reads the file's metadata
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        load()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def pick(reader: WarehouseReader) -> dict[str, str]:
    """A typical order (items, payments and a review), the largest seller, a seller with about
    100 orders (to show how load time grows with orders) and the customer with most orders."""
    order = reader.sql(
        "select order_id from fct_orders where item_count = 2 and payment_count = 1 "
        "and review_count = 1 order by order_id limit 1"
    )
    seller = reader.sql(
        "select seller_id from fct_order_items group by seller_id "
        "order by count(distinct order_id) desc, seller_id limit 1"
    )
    mid_seller = reader.sql(
        "select seller_id from fct_order_items group by seller_id "
        "order by abs(count(distinct order_id) - 100), seller_id limit 1"
    )
    customer = reader.sql(
        "select customer_unique_id from dim_customer order by order_count desc, 1 limit 1"
    )
    return {
        "order": order[0, 0],
        "seller": seller[0, 0],
        "mid_seller": mid_seller[0, 0],
        "customer": customer[0, 0],
    }


def measure(container: Container, repeat: int) -> list[dict[str, Any]]:
    reader = container.warehouse()
    counting = CountingReader(reader)
    keys = pick(reader)
    explorer = container.explorer()
    loads: list[tuple[str, str, Callable[[], Any]]] = [
        (
            "order (repository)",
            keys["order"],
            lambda: DuckDbOrderRepository(counting).get(keys["order"]),
        ),
        (
            "largest seller (repository)",
            keys["seller"],
            lambda: DuckDbSellerRepository(counting).get(keys["seller"]),
        ),
        (
            "seller of ~100 orders (repository)",
            keys["mid_seller"],
            lambda: DuckDbSellerRepository(counting).get(keys["mid_seller"]),
        ),
        (
            "top customer (repository)",
            keys["customer"],
            lambda: DuckDbCustomerRepository(counting).get(keys["customer"]),
        ),
        ("order, Explorer open()", keys["order"], lambda: explorer.open(keys["order"])),
        ("largest seller, Explorer open()", keys["seller"], lambda: explorer.open(keys["seller"])),
        (
            "top customer, Explorer open()",
            keys["customer"],
            lambda: explorer.open(keys["customer"]),
        ),
    ]
    results = []
    for label, key, load in loads:
        loaded = load()
        before = counting.statements
        load()
        queries = counting.statements - before
        samples = timed(load, repeat)
        results.append(
            {
                "label": label,
                "key": key,
                "size": _size(loaded),
                "queries": queries if "repository" in label else None,
                "median": statistics.median(samples),
                "p90": statistics.quantiles(samples, n=10)[-1],
                "min": min(samples),
            }
        )
    return results


def _size(loaded: Any) -> str:
    view = getattr(loaded, "view", loaded)
    aggregate = getattr(view, "seller", None) or getattr(view, "customer", None) or view
    orders = getattr(aggregate, "orders", None)
    if orders is not None:
        return f"{len(orders):,} orders"
    order = getattr(view, "order", aggregate)
    return f"{len(order.items)} items"


def report(results: list[dict[str, Any]], scale: float, orders: int, repeat: int) -> str:
    load = os.getloadavg()[0]
    lines = [
        f"# explorer benchmark, {time.strftime('%Y-%m-%d %H:%M')}, scale {scale:g} "
        f"({orders:,} orders), {repeat} runs each, target ≤ {TARGET_MS:g} ms per aggregate",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, load average {load:.2f}, "
        f"Python {platform.python_version()}, duckdb {duckdb.__version__}, polars {pl.__version__}",
        f"{'load':<34} {'size':>14} {'queries':>8} {'median ms':>10} {'p90 ms':>8} {'min ms':>8}",
    ]
    for r in results:
        queries = "-" if r["queries"] is None else str(r["queries"])
        lines.append(
            f"{r['label']:<34} {r['size']:>14} {queries:>8} {r['median']:>10.1f} "
            f"{r['p90']:>8.1f} {r['min']:>8.1f}"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--source", type=Path, help="an existing dataset folder to ingest")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explorer-bench-") as folder:
        source = args.source
        if source is None:
            from infrastructure.generator import generate

            source = Path(folder) / "source"
            generate(source, args.scale, args.seed)
        settings = load_settings({"data_dir": Path(folder) / "data"}, env={}, config_file=None)
        container = build_container(settings)
        try:
            outcome = container.ingestion().ingest(source)
            if not outcome.published:
                raise SystemExit(f"ingestion {outcome.status}: {outcome.message}")
            results = measure(container, args.repeat)
        finally:
            container.shutdown_resources()
    text = report(results, args.scale, outcome.row_counts.get("fct_orders", 0), args.repeat)
    suffix = "" if args.scale == 1 else f"-scale{args.scale:g}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"explorer{suffix}.txt").write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
