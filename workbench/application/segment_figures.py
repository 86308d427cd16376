"""Segment figures read from mart_customer_rfm: summary per segment, score grids, customer lists.

Functions of any `NamedQueries`, so the Segmentation screen (published warehouse), the snapshot
recorder (the file a run just published) and batch exports share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.services.rfm_scoring import FREQUENCY_SCORES, QUINTILES, TOP_ORDER_COUNT
from domain.services.segment_map import SEGMENT_RULES, SegmentRule
from workbench.application.ports import NamedQueries

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


def summary_schema() -> dict[str, pl.DataType]:
    """The summary's columns and types (a function: polars loads when first used)."""
    import polars as pl

    return {
        "segment": pl.String(),
        "customers": pl.Int64(),
        "customer_share": pl.Float64(),
        "revenue": pl.Decimal(18, 2),
        "revenue_share": pl.Float64(),
        "mean_recency_days": pl.Float64(),
        "mean_frequency": pl.Float64(),
        "mean_monetary": pl.Decimal(18, 2),
    }


R_LABELS = {5: "R 5 newest", 1: "R 1 oldest"}


@dataclass(frozen=True)
class Unscored:
    """People left out of RFM because none of their orders counts (all canceled/unavailable)."""

    people: int
    unscored: int


def segment_summary(
    queries: NamedQueries, rules: tuple[SegmentRule, ...] = SEGMENT_RULES
) -> pl.DataFrame:
    """Every segment of the map, in evaluation order, empty ones with zero customers."""
    import polars as pl

    found = queries.query("segment_summary")
    order = pl.DataFrame({"segment": [str(rule.segment) for rule in rules]})
    filled = order.join(found, on="segment", how="left", maintain_order="left")
    return (
        filled.with_columns(
            pl.col("customers", "customer_share", "revenue", "revenue_share").fill_null(0)
        )
        .select(list(summary_schema()))
        .cast(summary_schema())  # type: ignore[arg-type]
    )


def segment_customers(queries: NamedQueries, segment: str | None = None) -> pl.DataFrame:
    """The customers of `segment` (all scored customers when None), biggest spenders first."""
    return queries.query("segment_customers", {"segment": segment})


def unscored_people(queries: NamedQueries) -> Unscored:
    row = queries.query("segment_unscored").row(0, named=True)
    return Unscored(int(row["people"]), int(row["unscored"]))


def score_grid(queries: NamedQueries, columns: str) -> pl.DataFrame:
    """Customers per R score (rows 5 → 1) and F or M score (`columns` "f" or "m").

    F columns are named by the order counts they stand for ("1 order", "2 orders", "3+ orders").
    """
    import polars as pl

    if columns not in ("f", "m"):
        raise ValueError(f"a score grid crosses R with f or m, not {columns!r}")
    counts = queries.query("segment_score_counts")
    cells = counts.group_by("r_score", f"{columns}_score").agg(pl.col("customers").sum())
    found = {(r, c): int(n) for r, c, n in cells.iter_rows()}
    if columns == "f":
        headers = {score: _orders_label(n) for n, score in sorted(FREQUENCY_SCORES)}
    else:
        headers = {score: f"M {score}" for score in range(1, QUINTILES + 1)}
    r_scores = range(QUINTILES, 0, -1)
    return pl.DataFrame(
        {"R \\ " + columns.upper(): [R_LABELS.get(r, f"R {r}") for r in r_scores]}
        | {label: [found.get((r, score), 0) for r in r_scores] for score, label in headers.items()}
    )


def _orders_label(order_count: int) -> str:
    plural = "s" if order_count > 1 else ""
    return f"{order_count}{'+' if order_count == TOP_ORDER_COUNT else ''} order{plural}"
