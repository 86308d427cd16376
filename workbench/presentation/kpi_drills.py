"""Which orders stand behind a tile, a chart bar or a table row of the KPI views."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from workbench.application.kpi_filters import Drill, month_range, period_range
from workbench.application.kpi_tiles import RATE_BASES, Tile
from workbench.presentation.formats import format_value
from workbench.presentation.kpi_charts import ChartSpec
from workbench.presentation.kpi_tiles import split_text

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

# The orders a tile counts: money over sales, rates by their numerator.
TILE_SUBSETS: dict[str, str | None] = {
    "gmv": "sales",
    "orders": None,
    "aov": "sales",
    "customers": None,
    "new_customers": "new",
    "avg_review_score": "reviewed",
    "late_rate": "late",
    "not_fulfilled_rate": "not_fulfilled",
}


TILE_ORDERS = {
    "gmv": "orders counted as sales (not canceled/unavailable)",
    "orders": "orders",
    "aov": "orders counted as sales (not canceled/unavailable)",
    "customers": "orders of these customers",
    "new_customers": "first orders ever of their customers",
    "avg_review_score": "reviewed orders",
    "late_rate": "late deliveries",
    "not_fulfilled_rate": "not fulfilled orders",
}


def tile_drill(tile: Tile) -> Drill:
    orders = TILE_ORDERS[tile.key]
    title = tile.label if orders == tile.label.lower() else f"{tile.label}: {orders}"
    return Drill(title, subset=TILE_SUBSETS[tile.key], tile=tile)


def counted(count: int, phrase: str) -> str:
    """`1 late delivery`, `2 late deliveries`: the phrase's plural noun made singular for 1."""
    if count == 1:
        words = phrase.split(" ")
        for index, word in enumerate(words):
            if word in ("orders", "deliveries"):
                words[index] = "order" if word == "orders" else "delivery"
                break
        phrase = " ".join(words)
    return f"{format_value('count', count)} {phrase}"


def tile_figure(tile: Tile, orders: pl.DataFrame) -> Any:
    """The tile's figure computed from the orders of its drill-down (equals the tile's value)."""
    if tile.key in ("gmv", "aov"):
        gmv = orders["order_value"].sum() if orders.height else 0
        return gmv if tile.key == "gmv" else (gmv / orders.height if orders.height else None)
    if tile.key == "customers":
        return orders["customer_unique_id"].n_unique()
    if tile.key == "avg_review_score":
        return orders["review_score"].mean()
    if tile.key in RATE_BASES:
        return orders.height / tile.base if tile.base else None
    return orders.height


def drill_summary(drill: Drill, orders: pl.DataFrame) -> str:
    """What the drilled orders add up to: the tile's figure, or their count and value."""
    count = counted(orders.height, TILE_ORDERS[drill.tile.key] if drill.tile else "orders")
    if drill.tile is None:
        return f"{count}, {_value(orders)}"
    tile = drill.tile
    figure = format_value(tile.kind.name, tile_figure(tile, orders))
    if tile.base is not None:
        denominator = RATE_BASES[tile.key].replace("_", " ")
        split = f" ({split_text(tile, orders)})" if tile.parts else ""
        base = format_value("count", tile.base)
        return f"{tile.label} {figure} = {count}{split} of {base} {denominator}"
    return f"{tile.label} {figure} · {count}"


def _value(orders: pl.DataFrame) -> str:
    """What orders drilled from a bar or row are worth, as the bar's or row's GMV counts them:
    the orders counted as sales (a month's or a state's list also holds its canceled and
    unavailable orders, whose value the GMV leaves out)."""
    if not orders.height:
        return f"GMV {format_value('money', 0)}"
    sales = orders.filter(orders["counts_as_sale"])
    gmv = f"GMV {format_value('money', sales['order_value'].sum() if sales.height else 0)}"
    left_out = orders.height - sales.height
    if not left_out:
        return gmv
    value = format_value("money", orders["order_value"].sum())
    counted_as_sales = format_value("count", sales.height)
    return (
        f"{gmv} of the {counted_as_sales} counted as sales "
        f"(value with the {format_value('count', left_out)} canceled or unavailable: {value})"
    )


def bar_drill(spec: ChartSpec, index: int, max_days: int) -> Drill | None:
    """The drill-down of position `index` of a chart; None where a bar stands for no orders."""
    return _drill(spec.drill, spec.keys[index], max_days)


def row_drill(table: str, row: dict[str, Any], max_days: int) -> Drill | None:
    """The drill-down of a row of the exported table `table` (kpi_categories, ...)."""
    if table == "kpi_delivery_routes":
        route = f"{row['seller_state']} → {row['customer_state']}"
        return Drill(
            f"route {route}: delivered orders",
            state=row["customer_state"],
            seller_state=row["seller_state"],
            subset="delivered",
        )
    if table == "kpi_geo_states":  # the customers' state; the sellers' layer by seller state
        if row["layer"] == "sellers":
            return Drill(f"sellers in {row['state']}: orders", seller_state=row["state"])
        return _drill("state", row["state"], max_days)
    if table == "kpi_delivery_reviews":
        subset = "late" if row["delivery"] == "late" else "on_time"
        return Drill(f"{row['delivery']} deliveries", subset=subset)
    kinds = {
        "kpi_monthly": ("month", "month"),
        "kpi_weekly": ("week", "week"),
        "kpi_daily": ("day", "day"),
        "kpi_categories": ("category", "category"),
        "kpi_sellers": ("seller", "seller_id"),
        "kpi_delivery_days": ("days", "days"),
        "kpi_delivery_states": ("delivered_state", "customer_state"),
        "kpi_delivery_estimates": ("delivered_month", "month"),
        "kpi_states": ("state", "customer_state"),
        "kpi_cohort_grid": ("cohort", "cohort_month"),
        "kpi_cohorts": ("cohort", "cohort_month"),
        "kpi_category_abc": ("category", "category"),
        "kpi_ltv_cohorts": ("cohort", "cohort_month"),
    }
    if table not in kinds:
        return None
    kind, column = kinds[table]
    return _drill(kind, row[column], max_days)


def _drill(kind: str, key: Any, max_days: int) -> Drill | None:
    if kind in ("month", "delivered_month"):
        month: date = key
        delivered = kind == "delivered_month"
        return Drill(
            f"{month:%Y-%m}: {'delivered ' if delivered else ''}orders",
            period=month_range(month),
            subset="delivered" if delivered else None,
        )
    if kind in ("day", "week"):
        period = period_range(key, kind)
        title = f"{key}" if kind == "day" else f"week {period.start} → {period.end}"
        return Drill(f"{title}: orders", period=period)
    if kind == "category":
        return Drill(f"category {key}: orders", category=key)
    if kind == "seller":
        return Drill(f"seller {key}: orders", seller_id=key)
    if kind == "state":
        return Drill(f"state {key}: orders", state=key)
    if kind == "delivered_state":
        return Drill(f"state {key}: delivered orders", state=key, subset="delivered")
    if kind == "days":
        days = int(key)
        upper = None if days >= max_days else days + 1
        label = f"{days}+" if upper is None else f"{days}-{upper}"
        return Drill(f"delivered in {label} days", days=(days, upper), subset="delivered")
    if kind == "cohort":
        return Drill(f"cohort {key:%Y-%m}: its customers' orders", cohort_month=key, any_date=True)
    return None
