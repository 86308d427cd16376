"""Segment snapshots: each published run's segment sizes and customer → segment assignment.

Stored in the metadata store when a snapshot is published (SnapshotPublished), so that the
Segmentation screen can show how customers moved between any two runs. An assignment costs
about 16.4 bytes per customer (see the store's codec); only the newest KEEP_ASSIGNMENTS runs of each
warehouse keep theirs (another data dir on the same store never prunes this one's), while the
segment sizes of every run stay for trends.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import SnapshotPublished
from domain.repositories.metadata_store import MetadataStore, PackedAssignments, SegmentSize
from domain.services.segment_map import SEGMENT_RULES
from workbench.application.ports import NamedRows, SnapshotOpener

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

KEEP_ASSIGNMENTS = 12
NEW, GONE = "(new)", "(gone)"


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
        plain rows: an ingest loads neither Polars nor Arrow (~0.4 s of its CPU at any scale)."""
        with self._open_snapshot(warehouse) as queries:
            sizes = segment_sizes(queries.rows("segment_summary"))
            assigned = assignments(queries)
        self._store.save_segment_snapshot(run_id, sizes, assigned)
        self._store.prune_segment_assignments(self._keep, self._warehouse_id)


@dataclass(frozen=True)
class SegmentMigration:
    """How customers moved from the segments of `previous_run` to those of `current_run`."""

    previous_run: int
    current_run: int
    matrix: pl.DataFrame  # one row per previous segment (and NEW); one column per current (+ GONE)
    stayed: int
    moved: int
    new: int
    gone: int


def migration_matrix(
    previous: dict[str, str], current: dict[str, str], segments: list[str]
) -> pl.DataFrame:
    """Customers counted by (segment before, segment now); NEW/GONE for one-sided customers.

    Counted in one pass over the current assignment, a dict look-up per customer (in C: map,
    zip and Counter): two frames of ~1M string ids built from the dicts and joined cost ~3 s at
    scale 10, in a worker holding the GIL the screen's loop paints with."""
    counts = Counter(zip(map(previous.get, current, repeat(NEW)), current.values(), strict=True))
    gone = Counter(previous[customer] for customer in previous.keys() - current.keys())
    counts.update({(segment, GONE): n for segment, n in gone.items()})
    return _matrix(counts, segments)


def packed_migration_matrix(
    previous: PackedAssignments, current: PackedAssignments, segments: list[str]
) -> pl.DataFrame:
    """migration_matrix of two packed assignments of 16-byte ids: each id read as two 64-bit
    integers, the runs joined and counted by polars on those and the 1-byte codes, so no
    Python object is made per customer (decoding them into dicts of hex strings took ~1 s of
    CPU a run at scale 10, the dict-based matrix as much again)."""
    import numpy as np  # (here: an ingest, which imports this module, loads no numpy)
    import polars as pl

    def frame(packed: PackedAssignments, code: str) -> pl.DataFrame:
        ids = np.frombuffer(packed.ids, dtype=">u8").reshape(-1, 2)
        codes = np.frombuffer(packed.codes, dtype=np.uint8)
        return pl.DataFrame({"high": ids[:, 0], "low": ids[:, 1], code: codes})

    pairs = (
        frame(previous, "before")
        .join(frame(current, "after"), on=["high", "low"], how="full", coalesce=True)
        .group_by("before", "after")
        .len()
    )
    counts: Counter[tuple[str, str]] = Counter()
    for before, after, n in pairs.iter_rows():
        was = NEW if before is None else previous.names[before]
        now = GONE if after is None else current.names[after]
        counts[(was, now)] += n
    return _matrix(counts, segments)


def _matrix(counts: Mapping[tuple[str, str], int], segments: list[str]) -> pl.DataFrame:
    """Rows: segments then NEW; columns: segments then GONE; a pair not counted is 0 (a
    segment no longer in the map is in no row or column)."""
    import polars as pl

    rows, columns = [*segments, NEW], [*segments, GONE]
    return pl.DataFrame(
        {"from \\ to": rows}
        | {column: [counts.get((row, column), 0) for row in rows] for column in columns},
        schema={"from \\ to": pl.String} | {column: pl.Int64 for column in columns},
    )
