"""Customer analytics from the people's sums (kpi_customer_groups.sql: in all, per acquisition
month, per RFM segment, per days to the second order): the second-order rate (a second sale
order at any later time: named apart from the cohorts' repeat_rate, which counts an order in a
later month only), days to the second order, lifetime value by acquisition cohort and by RFM
segment.

The people are those acquired under the filters (their first order ever passes them, as in the
cohorts); what they bought afterwards counts at any date, under the state and category filters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

# Whole days from the first order to the first later sale: (label, first day, last day or None).
SECOND_ORDER_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-7 days", 0, 7),
    ("8-30 days", 8, 30),
    ("31-60 days", 31, 60),
    ("61-90 days", 61, 90),
    ("91-180 days", 91, 180),
    ("181-365 days", 181, 365),
    ("over a year", 366, None),
)


def _grouped_by(groups: pl.DataFrame, key: str) -> pl.DataFrame:
    import polars as pl

    return groups.filter(pl.col("grouped_by") == key)


def repeat_summary(groups: pl.DataFrame) -> pl.DataFrame:
    """One row: people acquired, those with a later sale order, the second-order rate, the
    median days to that second order, and the mean lifetime GMV."""
    import polars as pl

    total = _grouped_by(groups, "all")
    row = total.row(0, named=True) if total.height else {}
    people, repeat = row.get("customers") or 0, row.get("repeat_customers") or 0
    return pl.DataFrame(
        {
            "customers": [people],
            "second_order_customers": [repeat],
            "second_order_rate": [repeat / people if people else None],
            "median_days_to_second": [row.get("median_days_to_second") if repeat else None],
            "lifetime_gmv": [row.get("lifetime_gmv") or 0],
            "mean_lifetime_gmv": [row.get("mean_lifetime_gmv") if people else None],
        },
        schema={
            "customers": pl.Int64,
            "second_order_customers": pl.Int64,
            "second_order_rate": pl.Float64,
            "median_days_to_second": pl.Float64,
            "lifetime_gmv": pl.Decimal(18, 2),
            "mean_lifetime_gmv": pl.Float64,
        },
    )


def days_to_second(groups: pl.DataFrame) -> pl.DataFrame:
    """People with a second order per band of days to it (every band listed) and their share
    of those with a second order."""
    import polars as pl

    days = _grouped_by(groups, "days_to_second").filter(pl.col("days_to_second").is_not_null())
    total = int(days["customers"].sum())
    after = pl.col("days_to_second")
    counts = [
        int(
            days.filter((after >= low) & (after <= high if high is not None else True))[
                "customers"
            ].sum()
        )
        for _, low, high in SECOND_ORDER_BANDS
    ]
    return pl.DataFrame(
        {
            "days_to_second": [label for label, _, _ in SECOND_ORDER_BANDS],
            "from_day": [low for _, low, _ in SECOND_ORDER_BANDS],
            "customers": counts,
            "customer_share": [count / total if total else None for count in counts],
        },
        schema={
            "days_to_second": pl.String,
            "from_day": pl.Int64,
            "customers": pl.Int64,
            "customer_share": pl.Float64,
        },
    )


def lifetime_value_by(groups: pl.DataFrame, key: str) -> pl.DataFrame:
    """Per `key` (cohort_month or segment): people, repeat rate, sale orders, lifetime GMV and
    its mean per person (LTV). Cohorts in time order; segments by LTV, highest first."""
    import polars as pl

    frame = (
        _grouped_by(groups, key)
        .rename({"repeat_customers": "second_order_customers"})
        .with_columns(
            (pl.col("second_order_customers") / pl.col("customers")).alias("second_order_rate")
        )
        .select(
            key,
            "customers",
            "second_order_customers",
            "second_order_rate",
            "sale_orders",
            "lifetime_gmv",
            "mean_lifetime_gmv",
        )
    )
    if key == "segment":
        return frame.sort(["mean_lifetime_gmv", key], descending=[True, False])
    return frame.sort(key)


def repeat_notes(summary: pl.DataFrame) -> tuple[str, ...]:
    """The summary in one line."""
    row = summary.row(0, named=True)
    if not row["customers"]:
        return ("no customers acquired under these filters",)
    median = row["median_days_to_second"]
    return (
        f"{row['customers']:,} customers acquired · {row['second_order_customers']:,} placed a "
        f"second order = {row['second_order_rate'] * 100:.1f} % second-order rate"  # as tables do
        + (f" · median {median:.0f} days to the second order" if median is not None else "")
        + f" · mean lifetime GMV R$ {row['mean_lifetime_gmv']:,.2f}",
    )
