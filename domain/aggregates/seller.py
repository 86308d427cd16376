"""Seller: a shop on the marketplace and how well it sells, delivers and pleases customers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from statistics import fmean

from domain.aggregates.order import Order
from domain.aggregates.seller_order import SellerOrder
from domain.errors import InvalidValue
from domain.value_objects.address import Address
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus


@dataclass(frozen=True)
class Seller:
    """A seller with its share of every order holding at least one of its items, oldest first.

    Revenue and order count consider only orders that count as sales; revenue is the price of
    the seller's own items (freight excluded), as other sellers may share an order.
    """

    seller_id: str
    address: Address
    orders: tuple[SellerOrder, ...] = ()

    def __post_init__(self) -> None:
        counts = Counter(order.order_id for order in self.orders)
        repeated = sorted(order_id for order_id, count in counts.items() if count > 1)
        if repeated:
            raise InvalidValue(f"orders {', '.join(repeated)} appear twice for {self.seller_id}")
        ordered = sorted(self.orders, key=lambda order: (order.purchased_at, order.order_id))
        object.__setattr__(self, "orders", tuple(ordered))

    @classmethod
    def from_orders(cls, seller_id: str, address: Address, orders: Iterable[Order]) -> Seller:
        """The seller of whole orders, each of which must hold at least one of its items."""
        shares = [(order, SellerOrder.of(order, seller_id)) for order in orders]
        unrelated = [order.order_id for order, share in shares if share is None]
        if unrelated:
            raise InvalidValue(f"orders {', '.join(unrelated)} hold no item of seller {seller_id}")
        return cls(seller_id, address, tuple(share for _, share in shares if share is not None))

    @property
    def revenue(self) -> Money:
        return Money.sum(order.items_price for order in self._sale_orders)

    @property
    def order_count(self) -> int:
        return len(self._sale_orders)

    @property
    def on_time_rate(self) -> float | None:
        """Share of delivered orders (with a date and an estimate) on time for the estimate.

        Like the warehouse's late rate, it counts orders in status delivered only: a canceled
        order that carries a delivery date was not a delivery of this seller's.
        """
        outcomes = [o.days_late for o in self.orders if o.status is OrderStatus.DELIVERED]
        known = [late for late in outcomes if late is not None]
        if not known:
            return None
        return known.count(0) / len(known)

    @property
    def mean_review_score(self) -> float | None:
        """Mean of the per-order review scores of its reviewed orders."""
        scores = [o.review_score for o in self.orders if o.review_score is not None]
        return fmean(scores) if scores else None

    def is_active(self, as_of: datetime, window: timedelta) -> bool:
        """True when it made a sale in the `window` ending at `as_of` (both ends included)."""
        return any(as_of - window <= o.purchased_at <= as_of for o in self._sale_orders)

    def recent_orders(self, limit: int) -> list[SellerOrder]:
        """Its `limit` newest orders, newest first (orders placed at one moment by order id)."""
        newest = sorted(self.orders, key=lambda order: order.purchased_at, reverse=True)
        return newest[: max(limit, 0)]

    @cached_property
    def _sale_orders(self) -> tuple[SellerOrder, ...]:
        """Its orders that count as sales, found once: revenue, count and activity read them."""
        return tuple(order for order in self.orders if order.counts_as_sale)
