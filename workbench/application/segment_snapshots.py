"""Segment snapshots: each published run's segment sizes and customer → segment assignment.

Stored in the metadata store when a snapshot is published (SnapshotPublished), so that the
Segmentation screen can show how customers moved between any two runs; the move counts from the
run stored before are counted then too (segment_migration). An assignment costs
about 16.4 bytes per customer (see the store's codec); only the newest KEEP_ASSIGNMENTS runs of each
warehouse keep theirs (another data dir on the same store never prunes this one's), while the
segment sizes of every run stay for trends.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import SnapshotPublished
from domain.repositories.metadata_store import MetadataStore, SegmentSize
from domain.services.segment_map import SEGMENT_RULES
from workbench.application.ports import NamedRows, SnapshotOpener
from workbench.application.segment_migration import compare_stored_runs

KEEP_ASSIGNMENTS = 12
SNAPSHOT_RUNS = 100  # the runs the Segmentation screen offers to compare


def segment_sizes(summary: Sequence[tuple[Any, ...]]) -> list[SegmentSize]:
    """The sizes to store, from the rows of the segment_summary query (segment, customers,
    customer_share, revenue, ...): each segment of the map with customers, in the map's order,
    as segment_figures.segment_summary lists them."""
    found = {row[0]: row for row in summary}
    return [
        SegmentSize(segment, customers, f"{revenue:.2f}")
        for segment, customers, _, revenue, *_ in (
            found[str(rule.segment)] for rule in SEGMENT_RULES if str(rule.segment) in found
        )
        if customers > 0
    ]


def assignments(queries: NamedRows) -> list[tuple[str, str]]:
    """(customer_unique_id, segment) of every scored customer, as DuckDB fetched them."""
    return cast(list[tuple[str, str]], queries.rows("segment_assignments"))


class SegmentSnapshotRecorder:
    """Listens for published snapshots and stores their segments; prunes old assignments."""

    def __init__(
        self,
        store: MetadataStore,
        events: EventDispatcher,
        open_snapshot: SnapshotOpener,
        keep: int = KEEP_ASSIGNMENTS,
        warehouse_id: str = "",
    ) -> None:
        self._warehouse_id = warehouse_id
        self._store = store
        self._open_snapshot = open_snapshot
        self._keep = keep
        events.subscribe(SnapshotPublished, self._on_published)

    def _on_published(self, event: SnapshotPublished) -> None:
        self.record(int(event.aggregate_id), Path(event.path))

    def record(self, run_id: int, warehouse: Path) -> None:
        """Store the segments of the warehouse file `warehouse`, built by run `run_id`. Read as
        plain rows: an ingest loads neither Polars nor Arrow (~0.4 s of its CPU at any scale);
        comparing with an earlier run loads numpy (~0.17 s)."""
        with self._open_snapshot(warehouse) as queries:
            sizes = segment_sizes(queries.rows("segment_summary"))
            assigned = assignments(queries)
        self._store.save_segment_snapshot(run_id, sizes, assigned)
        try:  # counted before pruning can drop the run before (a failed count is done on open)
            self._count_migration_to(run_id)
        finally:
            self._store.prune_segment_assignments(self._keep, self._warehouse_id)

    def _count_migration_to(self, run_id: int) -> None:
        """Count and keep the migration from the run stored before `run_id` (the one the
        Segmentation screen compares it with), so that no open compares the two runs again."""
        runs = self._store.segment_snapshot_runs(SNAPSHOT_RUNS, self._warehouse_id)
        previous = next((run for run in runs if run < run_id), None)
        if previous is not None:
            counts = compare_stored_runs(self._store, previous, run_id)
            self._store.save_segment_migration(previous, run_id, counts)
