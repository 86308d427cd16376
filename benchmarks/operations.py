"""Benchmark the operations side (issue 20) against an ingestion of the same data, in one run.

Usage: python benchmarks/operations.py [SCALE] [--seed N] [--cache DIR]   (default scale 1)
Measures, on a fresh data dir: the ingestion (baseline); the checksum taken at publish (the one
cost operations add to a publish) as a share of it; `snapshots verify`; a restore (copy, restamp,
publish) against the ingestion; `status` health; the alert listener's cost on the publish path
(queueing one event with a notifier that never answers); metadata backup and restore. Printed and
written to benchmarks/results/operations.txt.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench_common import DEFAULT_CACHE, dataset, median_ms

RESULTS = Path(__file__).parent / "results" / "operations.txt"


class _Never:
    name = "never"

    def __init__(self) -> None:
        self.release = threading.Event()

    def send(self, body: bytes, timeout: float) -> str:
        self.release.wait(60)
        return "late"


class _NoLog:
    def record_delivery(self, attempt: object) -> None:
        pass

    def deliveries(self, limit: int = 50, warehouse_id: str = "") -> list[object]:
        return []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scale", nargs="?", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()

    from domain.entities.ingestion_run import RunStatus
    from domain.entities.quality import Severity
    from domain.events.dispatcher import EventDispatcher
    from domain.events.pipeline import RunFailed
    from infrastructure.metadata.backup import backup, restore
    from infrastructure.metadata.sqlite_store import SqliteMetadataStore
    from infrastructure.publish.snapshot_files import file_checksum
    from workbench.application.alerts import AlertService, AlertSettings
    from workbench.application.config import load_settings
    from workbench.container import build_container

    source = dataset(args.cache, args.scale, args.seed)
    lines = [
        f"# operations benchmark, {time.strftime('%Y-%m-%d %H:%M')}, scale {args.scale:g}",
        f"# {platform.platform()}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the start",
    ]
    with tempfile.TemporaryDirectory(prefix="ops-bench-") as data_dir:
        container = build_container(load_settings({"data_dir": Path(data_dir)}, env={}))
        try:
            ingests = []
            for _ in range(2):
                began = time.perf_counter()
                outcome = container.ingestion().ingest(source)
                ingests.append((time.perf_counter() - began) * 1000)
                assert outcome.published, outcome.message
            ingest_ms = statistics.median(ingests)
            warehouse = container.settings().warehouse_path
            size_mb = warehouse.stat().st_size / 1e6
            checksum_ms = median_ms(lambda: file_checksum(warehouse), 3)
            service = container.snapshot_service()
            verify_ms = median_ms(service.verify, 3)
            kept = len(service.kept())
            began = time.perf_counter()
            restored = service.restore(1)
            restore_ms = (time.perf_counter() - began) * 1000
            status = container.status()
            health_ms = median_ms(lambda: status.health(3600), 5)

            never = _Never()
            alerts = AlertService(
                AlertSettings(command=("x",), min_severity=Severity.INFO, deadline=0.1),
                [never],
                _NoLog(),
                container.metadata_store(),
            )
            events = EventDispatcher()
            alerts.subscribe(events)
            event = RunFailed(aggregate_id="1", status=RunStatus.FAILED, message="x")
            publish_us = median_ms(lambda: events.publish(event), 200) * 1000
            never.release.set()

            store = container.metadata_store()
            meta = Path(data_dir) / "meta.json"
            backup_ms = median_ms(lambda: backup(store, meta), 3)
            meta_mb = meta.stat().st_size / 1e6
            fresh = SqliteMetadataStore(Path(data_dir) / "fresh.sqlite")
            began = time.perf_counter()
            summary = restore(fresh, meta)
            meta_restore_ms = (time.perf_counter() - began) * 1000
            fresh.close()
        finally:
            container.shutdown_resources()
    rows = sum(summary.rows.values())
    lines += [
        f"ingest (baseline, median of 2)      {ingest_ms:10,.0f} ms   warehouse {size_mb:,.1f} MB",
        f"checksum at publish (sha256)        {checksum_ms:10,.0f} ms   "
        f"{checksum_ms / ingest_ms:6.1%} of the ingest",
        f"snapshots verify ({kept} kept)         {verify_ms:10,.0f} ms",
        f"snapshots restore (run #{restored.run_id})        {restore_ms:10,.0f} ms   "
        f"{restore_ms / ingest_ms:6.1%} of the ingest",
        f"status health                       {health_ms:10,.1f} ms",
        f"alert listener on the publish path  {publish_us:10,.1f} µs   (notifier never answers)",
        f"metadata backup ({rows:,} rows)      {backup_ms:10,.0f} ms   {meta_mb:.1f} MB",
        f"metadata restore into empty SQLite  {meta_restore_ms:10,.0f} ms",
        f"# load average {os.getloadavg()[0]:.1f} at the end",
    ]
    text = "\n".join(line for line in lines if line) + "\n"
    print(text, end="")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
