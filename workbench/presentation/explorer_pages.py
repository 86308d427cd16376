"""What the Explorer shows of an order, a person or a seller: the summary, the broken rules and
the tables, built whole off the event loop (a load's worker) so the screen only puts them up.

A seller's figures walk every one of its orders (thousands for the largest at scale 10): built
on the loop, they held the screen's answer for tens of milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.markup import escape

from domain.aggregates.delivery import Delivery
from workbench.application.explored import CustomerView, ExploredView, OrderView, SellerView
from workbench.presentation.explorer_tables import (
    customer_orders,
    order_items,
    order_payments,
    order_reviews,
    order_timeline,
    seller_orders,
)

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


@dataclass(frozen=True)
class TableShown:
    """One table of a page: its frame and the name its export is given."""

    frame: pl.DataFrame
    export_name: str


@dataclass(frozen=True)
class ExplorerPage:
    """An opened entity as shown: `orders_title` heads a person's or seller's orders (empty
    for an order), `findings` lists an order's broken rules, `tables` by the table's id."""

    summary: str
    tables: dict[str, TableShown]
    findings: str = ""
    orders_title: str = ""

    @property
    def is_order(self) -> bool:
        return not self.orders_title


def page_of(view: ExploredView) -> ExplorerPage:
    """Everything the screen shows of `view` (markup in the summary and findings)."""
    key = view.key
    if isinstance(view, OrderView):
        return ExplorerPage(
            order_summary(view),
            {
                "explorer-items": TableShown(order_items(view), f"order_items_{key}"),
                "explorer-payments": TableShown(order_payments(view), f"order_payments_{key}"),
                "explorer-reviews": TableShown(order_reviews(view), f"order_reviews_{key}"),
                "explorer-timeline": TableShown(order_timeline(view), f"order_timeline_{key}"),
            },
            findings=findings_text(view),
        )
    if isinstance(view, CustomerView):
        return ExplorerPage(
            customer_summary(view),
            {"explorer-orders": TableShown(customer_orders(view), f"customer_orders_{key}")},
            orders_title="Orders, newest first (enter opens one)",
        )
    return ExplorerPage(
        seller_summary(view),
        {"explorer-orders": TableShown(seller_orders(view), f"seller_orders_{key}")},
        orders_title=f"Most recent orders, up to {view.recent_limit} (enter opens one)",
    )


def order_summary(view: OrderView) -> str:
    order = view.order
    lines = [
        f"[b]ORDER[/b] {order.order_id}   status [b]{order.status}[/b]   "
        f"purchased {order.purchased_at:%Y-%m-%d %H:%M}",
        f"customer {order.customer_unique_id} (c opens)   customer_id {order.customer_id}",
        f"items {order.items_value} + freight {order.freight_value} = "
        f"[b]{order.total}[/b]   paid [b]{order.paid}[/b] in {len(order.payments)} payment(s)",
    ]
    return "\n".join([*lines, *delivery_lines(view.delivery)])


def delivery_lines(delivery: Delivery | None) -> list[str]:
    """Carrier hand-over, estimate, delivery and lateness, as the delivery repository has them."""
    if delivery is None:
        return ["delivery: none recorded in the loaded snapshot"]
    carrier = delivery.delivered_carrier_at
    handed = f"{carrier:%Y-%m-%d %H:%M}" if carrier is not None else "not recorded"
    estimate = delivery.estimated_delivery_date or "none"
    if delivery.delivered_customer_at is None:
        outcome = f"delivery: estimated {estimate}, not delivered (no delivery date)"
    else:
        late = "on time" if not delivery.is_late else f"[b]{delivery.days_late} day(s) late[/b]"
        delivered = f"{delivery.delivered_customer_at:%Y-%m-%d %H:%M}"
        outcome = (
            f"delivery: estimated {estimate}, delivered {delivered} "
            f"after {delivery.delivery_days:.1f} days, {late}"
        )
    return [outcome, f"carrier hand-over: {handed}"]


def findings_text(view: OrderView) -> str:
    findings = view.findings
    if not findings:
        return "none: the stored order keeps every rule checked"
    return "\n".join(f"• {escape(finding.message)}" for finding in findings)


def customer_summary(view: CustomerView) -> str:
    customer, address = view.customer, view.customer.address
    recency = "no sale" if view.recency_days is None else f"{view.recency_days} days"
    scores = view.scores
    segment = "   not scored (no order counts as a sale)"
    if scores is not None:
        rfm = f"{scores.r_score}-{scores.f_score}-{scores.m_score}"
        segment = f"   RFM scores {rfm}: [b]{escape(scores.segment)}[/b]"
    lines = [
        f"[b]CUSTOMER[/b] {customer.customer_unique_id}   {len(customer.orders)} order(s)",
        f"address {escape(address.city)} / {address.state} ({address.region}), zip prefix "
        f"{address.zip_code_prefix} (of the latest order)",
        f"as of {view.as_of:%Y-%m-%d %H:%M}: recency [b]{recency}[/b]   frequency "
        f"[b]{view.frequency}[/b]   monetary [b]{view.monetary}[/b]{segment}",
    ]
    return "\n".join(lines)


def seller_summary(view: SellerView) -> str:
    seller, address = view.seller, view.seller.address
    # Each figure walks every order of the seller: read once, not once to test and once to show.
    on_time_rate, mean_review = seller.on_time_rate, seller.mean_review_score
    on_time = "-" if on_time_rate is None else f"{on_time_rate:.1%}"
    review = "-" if mean_review is None else f"{mean_review:.2f}"
    active = view.is_active
    activity = "active" if active else "inactive"
    lines = [
        f"[b]SELLER[/b] {seller.seller_id}   {escape(address.city)} / {address.state} "
        f"({address.region}), zip prefix {address.zip_code_prefix}",
        f"revenue [b]{seller.revenue}[/b]   orders [b]{seller.order_count}[/b] "
        f"(of {len(seller.orders)} with its items)   on time [b]{on_time}[/b]   "
        f"mean review [b]{review}[/b]",
        f"[b]{activity}[/b]: {'sold' if active else 'no sale'} in the "
        f"{view.active_window.days} days up to {view.as_of:%Y-%m-%d}",
    ]
    return "\n".join(lines)
