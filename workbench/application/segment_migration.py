"""How customers moved between the segments of two runs, counted once and kept.

Two runs' stored assignments never change once stored, so their migration is counted once: by
the snapshot recorder when a run's assignment is saved (against the run stored before it), or
the first time a screen asks for a pair not counted yet (runs stored before counts were kept,
another run chosen), and kept in the metadata store: ~150 numbers, read in milliseconds where
every open compared the two runs (scale 100, ~9.5M customers each: 86 s as dicts, ~12 s of wall
packed, on the 2-core machine).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

from domain.repositories.metadata_store import MetadataStore, PackedAssignments

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

NEW, GONE = "(new)", "(gone)"
Counts = Counter[tuple[str, str]]


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


def stored_migration_counts(store: MetadataStore, previous_run: int, current_run: int) -> Counts:
    """Customers per (segment before, segment now) from `previous_run` to `current_run`: as
    stored, else counted from the two runs' assignments and stored for the next time."""
    kept = store.segment_migration(previous_run, current_run)
    if kept is not None:
        return Counter(kept)
    counts = compare_stored_runs(store, previous_run, current_run)
    store.save_segment_migration(previous_run, current_run, counts)
    return counts


def compare_stored_runs(store: MetadataStore, previous_run: int, current_run: int) -> Counts:
    """Count the migration from the two runs' stored assignments, packed when both are."""
    before, now = (store.packed_segment_assignments(run) for run in (previous_run, current_run))
    if before is not None and now is not None and before.id_bytes == now.id_bytes:
        return packed_migration_counts(before, now)
    return migration_counts(  # stored another way (text ids, an older encoding)
        store.segment_assignments(previous_run), store.segment_assignments(current_run)
    )


def migration_counts(previous: dict[str, str], current: dict[str, str]) -> Counts:
    """Customers counted by (segment before, segment now); NEW/GONE for one-sided customers.
    One pass over the current assignment, a dict look-up per customer (in C: map, zip, Counter)."""
    counts = Counter(zip(map(previous.get, current, repeat(NEW)), current.values(), strict=True))
    gone = Counter(previous[customer] for customer in previous.keys() - current.keys())
    counts.update({(segment, GONE): n for segment, n in gone.items()})
    return counts


def packed_migration_counts(previous: PackedAssignments, current: PackedAssignments) -> Counts:
    """migration_counts of two packed assignments, with no Python object per customer: the ids
    of both runs, as fixed-width byte strings (which numpy orders and compares as their bytes),
    sorted together by a stable sort (two runs stored in id order: a merge of two sorted
    halves), so that a customer of both runs is an adjacent pair, the previous run's first."""
    import numpy as np  # (here: an ingest with no earlier run to compare loads no numpy)

    width = f"S{previous.id_bytes}"
    ids = np.concatenate([np.frombuffer(previous.ids, width), np.frombuffer(current.ids, width)])
    codes = np.concatenate(
        [np.frombuffer(previous.codes, np.uint8), np.frombuffer(current.codes, np.uint8)]
    ).astype(np.intp)
    in_previous = len(previous.codes)
    order = np.argsort(ids, kind="stable")
    ordered = ids[order]
    same = ordered[1:] == ordered[:-1]
    first, second = order[:-1][same], order[1:][same]
    if not ((first < in_previous).all() and (second >= in_previous).all()):
        raise ValueError("a stored assignment lists a customer twice")
    paired = np.zeros(len(order), dtype=bool)
    paired[:-1] |= same
    paired[1:] |= same
    alone = order[~paired]
    gone, new = alone[alone < in_previous], alone[alone >= in_previous]
    now_names = max(len(current.names), 1)
    moves = np.bincount(codes[first] * now_names + codes[second])
    counts: Counts = Counter()
    for cell in np.flatnonzero(moves):
        was, now = divmod(int(cell), now_names)
        counts[(previous.names[was], current.names[now])] += int(moves[cell])
    for code, n in enumerate(np.bincount(codes[gone])):
        if n:
            counts[(previous.names[code], GONE)] += int(n)
    for code, n in enumerate(np.bincount(codes[new])):
        if n:
            counts[(NEW, current.names[code])] += int(n)
    return counts


def migration_matrix(counts: Mapping[tuple[str, str], int], segments: list[str]) -> pl.DataFrame:
    """Rows: segments then NEW; columns: segments then GONE; a pair not counted is 0 (a
    segment no longer in the map is in no row or column)."""
    import polars as pl

    rows, columns = [*segments, NEW], [*segments, GONE]
    return pl.DataFrame(
        {"from \\ to": rows}
        | {column: [counts.get((row, column), 0) for row in rows] for column in columns},
        schema={"from \\ to": pl.String} | {column: pl.Int64 for column in columns},
    )


def segment_migration(
    previous_run: int,
    current_run: int,
    counts: Mapping[tuple[str, str], int],
    segments: list[str],
) -> SegmentMigration:
    """The matrix of `counts` and its totals."""
    matrix = migration_matrix(counts, segments)
    known = matrix.head(len(segments))
    stayed = sum(int(known[segment][i]) for i, segment in enumerate(segments))
    in_both = int(known.select(segments).sum_horizontal().sum())
    return SegmentMigration(
        previous_run=previous_run,
        current_run=current_run,
        matrix=matrix,
        stayed=stayed,
        moved=in_both - stayed,
        new=int(matrix.tail(1).select(segments).sum_horizontal().sum()),
        gone=int(matrix[GONE].sum()),
    )
