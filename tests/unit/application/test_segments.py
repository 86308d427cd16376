"""SegmentService on fakes: segments named by the domain's rules, and migration between the
stored snapshots of two runs (by default the loaded run and the one stored before it)."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest
from fakes import FakeMetadataStore, FakeWarehouse
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValue
from domain.repositories.metadata_store import PackedAssignments
from domain.services.pricing import PricingService
from domain.services.segmentation import SegmentationService
from workbench.application.segment_migration import (
    GONE,
    NEW,
    migration_counts,
    migration_matrix,
    packed_migration_counts,
)
from workbench.application.segment_offers import Offer
from workbench.application.segments import SegmentService

CUSTOMERS = pl.DataFrame({"customer_unique_id": ["u1"]})


def service(store: FakeMetadataStore, loaded_run: int | None = None) -> SegmentService:
    fake = FakeWarehouse(
        {
            "snapshot_stamp": pl.DataFrame({"run_id": [loaded_run]}, schema={"run_id": pl.Int64}),
            "segment_customers": CUSTOMERS,
        }
    )
    return SegmentService(fake, store, SegmentationService(), PricingService())


def stored(*runs: tuple[int, dict[str, str]]) -> FakeMetadataStore:
    store = FakeMetadataStore()
    for run_id, assignments in runs:
        store.save_segment_snapshot(run_id, [], list(assignments.items()))
    return store


def test_an_unknown_segment_is_refused_with_the_known_ones() -> None:
    segments = service(stored())
    assert segments.segments[0] == "Champions"
    assert segments.customers("Champions").equals(CUSTOMERS)
    with pytest.raises(InvalidValue, match="'Whales' is not a segment: choose one of"):
        segments.customers("Whales")
    with pytest.raises(InvalidValue, match="'Whales' is not a segment"):
        segments.what_if("Whales", Offer(percent=Decimal(10)))


def test_migration_needs_two_stored_runs() -> None:
    assert service(stored()).migration() is None
    assert service(stored((4, {"u1": "Champions"})), loaded_run=4).migration() is None


def test_by_default_the_loaded_run_is_compared_with_the_one_stored_before_it() -> None:
    store = stored(
        (2, {"u1": "Champions", "u2": "Lost"}),
        (5, {"u1": "Champions", "u2": "At Risk", "u3": "Lost"}),
        (7, {"u1": "Lost"}),
    )
    migration = service(store, loaded_run=5).migration()
    assert migration is not None
    assert (migration.previous_run, migration.current_run) == (2, 5)
    assert (migration.stayed, migration.moved, migration.new, migration.gone) == (1, 1, 1, 0)
    newest = service(store, loaded_run=None).migration()  # no stamp: the newest stored run
    assert newest is not None and (newest.previous_run, newest.current_run) == (5, 7)


def test_a_pair_of_runs_is_compared_once_then_its_kept_counts_are_read() -> None:
    store = stored((2, {"u1": "Champions", "u2": "Lost"}), (5, {"u1": "Lost", "u3": "Lost"}))
    first = service(store, loaded_run=5).migration()
    assert store.migrations[(2, 5)] == {
        ("Champions", "Lost"): 1,
        ("Lost", GONE): 1,
        (NEW, "Lost"): 1,
    }

    def compared_again(run_id: int) -> None:
        raise AssertionError(f"run #{run_id}'s assignment was read again")

    store.packed_segment_assignments = compared_again  # type: ignore[method-assign,assignment]
    store.segment_assignments = compared_again  # type: ignore[method-assign,assignment]
    again = service(store, loaded_run=5).migration()
    assert first is not None and again is not None
    assert again.matrix.equals(first.matrix)
    assert (again.stayed, again.moved, again.new, again.gone) == (0, 1, 1, 1)


def test_storing_a_runs_assignment_again_forgets_the_counts_kept_for_it() -> None:
    store = stored((2, {"u1": "Champions"}), (5, {"u1": "Champions"}))
    assert service(store, loaded_run=5).migration().stayed == 1  # type: ignore[union-attr]
    store.save_segment_snapshot(5, [], [("u1", "Lost")])
    assert service(store, loaded_run=5).migration().moved == 1  # type: ignore[union-attr]


def test_a_run_without_a_stored_snapshot_cannot_be_compared() -> None:
    store = stored((2, {"u1": "Champions"}), (5, {"u1": "Lost"}))
    with pytest.raises(InvalidValue, match="run #3 has no stored segment snapshot"):
        service(store).migration(previous_run=3, current_run=5)


@given(
    st.dictionaries(st.sampled_from([f"c{i}" for i in range(30)]), st.sampled_from("ABCX")),
    st.dictionaries(st.sampled_from([f"c{i}" for i in range(30)]), st.sampled_from("ABC")),
)
def test_migration_matrix_counts_every_customer_once(
    previous: dict[str, str], current: dict[str, str]
) -> None:
    """Each customer in a cell: (before, now), (new) before if not scored then, (gone) now if
    not scored now; a segment no longer in the map ("X") is in no row."""
    matrix = migration_matrix(migration_counts(previous, current), ["A", "B", "C"])
    expected: dict[tuple[str, str], int] = {}
    for customer in previous.keys() | current.keys():
        cell = (previous.get(customer, NEW), current.get(customer, GONE))
        expected[cell] = expected.get(cell, 0) + 1
    assert matrix["from \\ to"].to_list() == ["A", "B", "C", NEW]
    assert matrix.columns[1:] == ["A", "B", "C", GONE]
    for row in matrix.iter_rows(named=True):
        for column in matrix.columns[1:]:
            assert row[column] == expected.get((row["from \\ to"], column), 0)


def _packed(assignment: dict[str, str]) -> PackedAssignments:
    names = sorted(set(assignment.values()))
    return PackedAssignments(
        bytes.fromhex("".join(assignment)),
        16,
        bytes(names.index(segment) for segment in assignment.values()),
        tuple(names),
    )


# Ids that differ only in their last byte or only before trailing zero bytes (numpy compares
# byte strings as if trailing zero bytes were padding: fixed-width ids must still all differ).
PACKED_IDS = [f"{i:032x}" for i in range(20)] + [f"{i:02x}" + "0" * 30 for i in range(20)]


@given(
    st.dictionaries(st.sampled_from(PACKED_IDS), st.sampled_from("ABCX")),
    st.dictionaries(st.sampled_from(PACKED_IDS), st.sampled_from("ABC")),
)
def test_packed_migration_counts_are_the_same_counts(
    previous: dict[str, str], current: dict[str, str]
) -> None:
    """Two runs compared packed (16-byte ids, 1-byte codes) count what the dicts count."""
    expected = migration_counts(previous, current)
    assert packed_migration_counts(_packed(previous), _packed(current)) == expected
