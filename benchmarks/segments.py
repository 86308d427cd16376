"""Benchmark customer segmentation: the RFM mart build, segment snapshots, the screen's queries.

Usage: python benchmarks/segments.py [SCALE ...] [--seed N] [--cache DIR] [--repeat N]
(default scales 1 and 10). Each dataset is generated once into the cache dir and ingested into a
fresh data dir. Measured per scale:
- mart build: int_customer_rfm_measures + mart_customer_rfm re-created in the published file
  (one transaction, committed), median of --repeat runs; target ≤ 100 ms at scale 1;
- agreement: every customer's scores and segment from SQL and from the Python domain service
  (scales ≤ 1 only: the Python side hydrates every order as a domain aggregate);
- snapshots: bytes stored per run (assignment payload) and time to record one, on SQLite and on
  PostgreSQL (WORKBENCH_TEST_PG_DSN, skipped if unreachable); migration matrix time;
- screen queries through SegmentService: median of --repeat runs, target ≤ 150 ms at scale 1.
Prints a table and writes benchmarks/results/segments.txt.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
from bench_common import DEFAULT_CACHE, dataset, median_ms

RESULTS = Path(__file__).parent / "results" / "segments.txt"
PG_ADMIN_DSN = os.environ.get(
    "WORKBENCH_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def mart_build_ms(warehouse: Path, repeat: int) -> float:
    """Re-create the two RFM models in the published file, as the build's marts step does."""
    from infrastructure.warehouse import connect
    from infrastructure.warehouse.catalog import MART_MODELS
    from infrastructure.warehouse.segmentation_sql import create_segmentation_macros

    models = [
        m for m in MART_MODELS if m.name in ("int_customer_rfm_measures", "mart_customer_rfm")
    ]
    con = connect(warehouse)
    create_segmentation_macros(con)

    def rebuild() -> None:
        con.execute("DROP TABLE IF EXISTS mart_customer_rfm")
        con.execute("DROP VIEW IF EXISTS int_customer_rfm_measures")
        con.begin()
        for model in models:
            con.execute(model.create_statement())
        con.commit()

    try:
        return median_ms(rebuild, repeat)
    finally:
        con.close()


def agreement(warehouse: Path) -> tuple[int, int, float]:
    """(customers compared, disagreements, seconds the Python service took)."""
    from domain.aggregates.customer import Customer
    from domain.aggregates.order import Order
    from domain.entities.order_item import OrderItem
    from domain.services.segmentation import SegmentationService
    from domain.value_objects.address import Address
    from domain.value_objects.money import Money
    from domain.value_objects.statuses import OrderStatus

    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.sql(
            "SELECT order_id, customer_id, customer_unique_id, order_status, purchased_at, "
            "items_value, freight_value FROM fct_orders WHERE customer_unique_id IS NOT NULL"
        ).fetchall()
        sql = {
            row[0]: row[1:]
            for row in con.sql(
                "SELECT customer_unique_id, r_score, f_score, m_score, segment "
                "FROM mart_customer_rfm"
            ).fetchall()
        }
    orders: dict[str, list[Order]] = {}
    for order_id, customer_id, who, status, at, items, freight in rows:
        lines = (OrderItem(1, "p", "s", Money(items), Money(freight)),) if items > 0 else ()
        orders.setdefault(who, []).append(
            Order(
                order_id=order_id,
                customer_id=customer_id,
                customer_unique_id=who,
                status=OrderStatus(status),
                purchased_at=at,
                items=lines,
            )
        )
    somewhere = Address("01409", "sao paulo", "SP")
    people = [Customer(who, somewhere, tuple(placed)) for who, placed in orders.items()]
    started = time.perf_counter()
    scored = SegmentationService().score(people)
    seconds = time.perf_counter() - started
    python = {
        p.customer_unique_id: (p.r_score, p.f_score, p.m_score, str(p.segment)) for p in scored
    }
    differing = sum(1 for who in sql.keys() | python.keys() if sql.get(who) != python.get(who))
    return len(sql), differing, seconds


@contextmanager
def postgres_dsn() -> Iterator[str | None]:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        admin = psycopg.connect(PG_ADMIN_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        yield None
        return
    name = f"bench_segments_{uuid.uuid4().hex[:8]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            info = conninfo_to_dict(PG_ADMIN_DSN)
            info["dbname"] = name
            yield make_conninfo(**info)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def snapshot_figures(store: Any, warehouse: Path, repeat: int) -> dict[str, float]:
    """Record the warehouse's segments as new runs; time recording, loading and migration."""
    from domain.events.dispatcher import EventDispatcher
    from infrastructure.analytics.snapshot_reader import open_snapshot
    from infrastructure.metadata import segment_codec
    from workbench.application.segment_migration import migration_counts
    from workbench.application.segment_snapshots import SegmentSnapshotRecorder

    recorder = SegmentSnapshotRecorder(store, EventDispatcher(), open_snapshot)
    # Two runs at least: the migration matrix compares the last two.
    runs = [store.start_run("bench", "", "h", 1) for _ in range(max(repeat, 2))]
    started = time.perf_counter()
    for run_id in runs:
        recorder.record(run_id, warehouse)
    record_ms = (time.perf_counter() - started) * 1000 / len(runs)
    assigned = store.segment_assignments(runs[-1])
    _, payload = segment_codec.encode(sorted(assigned.items()))
    load_ms = median_ms(lambda: store.segment_assignments(runs[-1]), repeat)
    matrix_ms = median_ms(
        lambda: migration_counts(
            store.segment_assignments(runs[-2]), store.segment_assignments(runs[-1])
        ),
        repeat,
    )
    return {
        "customers": len(assigned),
        "payload_bytes": len(payload),
        "bytes_per_customer": len(payload) / max(1, len(assigned)),
        "record_ms": record_ms,
        "load_ms": load_ms,
        "migration_ms": matrix_ms,
    }


def screen_queries(container: Any, repeat: int) -> dict[str, float]:
    from workbench.application.segment_offers import parse_offer

    segments = container.segments()
    summary = segments.summary()
    largest = summary.sort("customers", descending=True)["segment"][0]
    runs = segments.snapshot_runs()
    work: dict[str, Callable[[], object]] = {
        "summary": segments.summary,
        "unscored": segments.unscored,
        "grid R×F": lambda: segments.grid("f"),
        "grid R×M": lambda: segments.grid("m"),
        f"customers of {largest}": lambda: segments.customers(largest),
        "all customers": segments.customers,
        f"what-if 10% to {largest}": lambda: segments.what_if(largest, parse_offer("10%")),
        f"what-if R$ 20 to {largest}": lambda: segments.what_if(largest, parse_offer("R$ 20")),
        "migration (2 runs)": lambda: segments.migration(runs[1], runs[0]),
    }
    return {name: median_ms(job, repeat) for name, job in work.items()}


def bench_scale(scale: float, args: argparse.Namespace) -> list[str]:
    from domain.events.pipeline import StepCompleted
    from infrastructure.metadata.postgres_store import PostgresMetadataStore
    from workbench.application.config import load_settings
    from workbench.container import build_container

    source = dataset(args.cache, scale, args.seed)
    lines = [f"## scale {scale:g} (load average {os.getloadavg()[0]:.1f} at start)"]
    with tempfile.TemporaryDirectory(prefix="segments-bench-") as data_dir:
        container = build_container(load_settings({"data_dir": Path(data_dir)}, env={}))
        steps: dict[str, float] = {}
        container.events().subscribe(
            StepCompleted, lambda e: steps.__setitem__(e.step, e.duration_ms)
        )
        started = time.perf_counter()
        outcome = container.ingestion().ingest(source)
        ingest_s = time.perf_counter() - started
        assert outcome.published, outcome.message
        warehouse = container.settings().warehouse_path
        store = container.metadata_store()
        publish_snapshot = store.segment_assignments(outcome.run_id)
        lines.append(
            f"ingest {ingest_s:.1f} s (marts step {steps['marts']:,.0f} ms), "
            f"{outcome.row_counts['fct_orders']:,} orders, "
            f"{len(publish_snapshot):,} customers scored and snapshotted on publish"
        )
        container.warehouse().reload()
        container.warehouse().close()
        mart_ms = mart_build_ms(warehouse, args.repeat)
        lines.append(f"mart_customer_rfm build (measures + scores + segment): {mart_ms:,.1f} ms")
        if scale <= 1:
            compared, differing, python_s = agreement(warehouse)
            lines.append(
                f"agreement SQL vs domain: {compared:,} customers, {differing} differ "
                f"(Python service scored them in {python_s:.2f} s)"
            )
        sqlite = snapshot_figures(store, warehouse, args.repeat)
        lines.append(_snapshot_line("SQLite", sqlite))
        with postgres_dsn() as dsn:
            if dsn is None:
                lines.append("PostgreSQL: not reachable, skipped")
            else:
                pg = PostgresMetadataStore(dsn)
                try:
                    lines.append(
                        _snapshot_line("PostgreSQL", snapshot_figures(pg, warehouse, args.repeat))
                    )
                finally:
                    pg.close()
        lines.append("screen queries (median ms):")
        for name, ms in screen_queries(container, args.repeat).items():
            lines.append(f"  {name:<36} {ms:>9,.1f}")
        container.shutdown_resources()
    return lines


def _snapshot_line(backend: str, figures: dict[str, float]) -> str:
    return (
        f"{backend} snapshot: {figures['payload_bytes'] / 1e6:,.2f} MB per run "
        f"({figures['bytes_per_customer']:.1f} B/customer, {figures['customers']:,.0f} customers); "
        f"record {figures['record_ms']:,.0f} ms, load {figures['load_ms']:,.0f} ms, "
        f"migration matrix {figures['migration_ms']:,.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scales", nargs="*", type=float, default=[1.0, 10.0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    header = [
        f"# segments benchmark, {datetime.now():%Y-%m-%d %H:%M}, seed {args.seed}, "
        f"median of {args.repeat}",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}",
    ]
    lines = list(header)
    for scale in args.scales:
        result = bench_scale(scale, args)
        print("\n".join(result), flush=True)
        lines += result
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
