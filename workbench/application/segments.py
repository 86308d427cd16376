"""Segmentation: the RFM segments of the loaded snapshot, their customers, migration, offers.

Segments come from `mart_customer_rfm`, scored in the warehouse by the domain's
SegmentationService rules; definitions come from the same rules. Migration between runs reads
the move counts kept in the metadata store, counted from the segment snapshots that
SegmentSnapshotRecorder stored (when a run is stored, or when a pair is first compared).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from domain.errors import InvalidValue
from domain.repositories.metadata_store import MetadataStore
from domain.services.pricing import PricingService
from domain.services.segmentation import SegmentationService
from workbench.application.ports import WarehouseQueries
from workbench.application.segment_definitions import definitions_frame
from workbench.application.segment_figures import (
    Unscored,
    score_grid,
    segment_summary,
    unscored_people,
)
from workbench.application.segment_migration import (
    SegmentMigration,
    segment_migration,
    stored_migration_counts,
)
from workbench.application.segment_offers import Offer, OfferOutcome, evaluate_offer
from workbench.application.segment_snapshots import SNAPSHOT_RUNS
from workbench.application.table_queries import TableQuery
from workbench.application.table_rows import QueryRows

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


class SegmentService:
    def __init__(
        self,
        warehouse: WarehouseQueries,
        store: MetadataStore,
        segmentation: SegmentationService,
        pricing: PricingService,
        warehouse_id: str = "",
    ) -> None:
        self._warehouse_id = warehouse_id  # migration compares only this warehouse's runs
        self._warehouse = warehouse
        self._store = store
        self._segmentation = segmentation
        self._pricing = pricing

    @property
    def segments(self) -> list[str]:
        """Segment names in the order their rules are evaluated."""
        return [str(rule.segment) for rule in self._segmentation.rules]

    def definitions(self) -> pl.DataFrame:
        return definitions_frame(self._segmentation.rules)

    def summary(self) -> pl.DataFrame:
        """Customers, shares, revenue and mean R/F/M of every segment (empty ones too)."""
        return segment_summary(self._warehouse, self._segmentation.rules)

    def unscored(self) -> Unscored:
        return unscored_people(self._warehouse)

    def grid(self, columns: str = "f") -> pl.DataFrame:
        """Customers per R score and F score (`columns="f"`) or M score (`"m"`)."""
        return score_grid(self._warehouse, columns)

    def customers(self, segment: str | None = None) -> pl.DataFrame:
        """One segment's customers (or every scored customer), biggest spenders first."""
        if segment is not None:
            self._require_segment(segment)
        query = self.customers_query(segment)
        return self._warehouse.query(query.name, query.params)

    def customer_rows(self, segment: str) -> QueryRows:
        """One segment's customers as customers(segment) orders them, read a page at a time
        (a segment can hold millions)."""
        self._require_segment(segment)
        return QueryRows(
            self._warehouse,
            "segment_customers",
            {"segment": segment},
            extremes_query="segment_customers_extremes",
        )

    def customers_query(self, segment: str | None = None) -> TableQuery:
        """The statement behind customers(segment), for the SQL console."""
        sql = self._warehouse.sql_text("segment_customers")
        return TableQuery("segment_customers", sql, {"segment": segment})

    def what_if(
        self, segment: str, offer: Offer, response_rate: Decimal = Decimal(1)
    ) -> OfferOutcome:
        """Customers reached, revenue at risk and cost of `offer` to `segment`, and what they
        come to if `response_rate` of the customers reached take it."""
        self._require_segment(segment)
        groups = self._warehouse.query("segment_offer_groups", {"segment": segment})
        return evaluate_offer(segment, offer, groups, self._pricing, response_rate)

    # -- migration between runs -----------------------------------------------------------------
    def snapshot_runs(self) -> list[int]:
        """Runs of this warehouse whose customer assignment is stored, newest first."""
        return self._store.segment_snapshot_runs(SNAPSHOT_RUNS, self._warehouse_id)

    def loaded_run(self) -> int | None:
        """The run that built the warehouse snapshot being read."""
        value = self._warehouse.query("snapshot_stamp")["run_id"][0]
        return None if value is None else int(value)

    def migration(
        self,
        previous_run: int | None = None,
        current_run: int | None = None,
        runs: list[int] | None = None,
    ) -> SegmentMigration | None:
        """Moves from `previous_run` to `current_run`; by default the loaded run and the one
        stored before it. None when there are not two runs to compare. `runs` is
        snapshot_runs() when the caller already holds it."""
        if runs is None:
            runs = self.snapshot_runs()
        if current_run is None:
            loaded = self.loaded_run()
            current_run = loaded if loaded in runs else next(iter(runs), None)
        if previous_run is None:
            previous_run = next((run for run in runs if current_run and run < current_run), None)
        if current_run is None or previous_run is None:
            return None
        for run in (previous_run, current_run):
            if run not in runs:
                raise InvalidValue(f"run #{run} has no stored segment snapshot to compare")
        counts = stored_migration_counts(self._store, previous_run, current_run)
        return segment_migration(previous_run, current_run, counts, self.segments)

    def _require_segment(self, segment: str) -> None:
        if segment not in self.segments:
            raise InvalidValue(f"{segment!r} is not a segment: choose one of {self.segments}")
