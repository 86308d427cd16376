"""What the Explorer opened: an order, a person or a seller as domain aggregates, with the
figures that need the snapshot (as-of date, RFM scores as ranked by the warehouse)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.aggregates.customer import Customer
from domain.aggregates.delivery import Delivery
from domain.aggregates.order import Order
from domain.aggregates.product import Product
from domain.aggregates.seller import Seller
from domain.aggregates.seller_order import SellerOrder
from domain.value_objects.invariant_finding import InvariantFinding
from domain.value_objects.money import Money


class EntityKind(StrEnum):
    ORDER = "order"
    CUSTOMER = "customer"
    SELLER = "seller"


@dataclass(frozen=True)
class CustomerScores:
    """A person's RFM scores and segment as ranked by the warehouse among all customers."""

    r_score: int
    f_score: int
    m_score: int
    segment: str


@dataclass(frozen=True)
class OrderView:
    """An order with its products and its delivery (None when the snapshot holds none)."""

    order: Order
    products: Mapping[str, Product]
    delivery: Delivery | None

    @property
    def key(self) -> str:
        return self.order.order_id

    @property
    def findings(self) -> list[InvariantFinding]:
        return self.order.invariant_findings()

    @property
    def seller_ids(self) -> list[str]:
        """The sellers of its items, in item order, each once."""
        return list(dict.fromkeys(item.seller_id for item in self.order.items))


@dataclass(frozen=True)
class CustomerView:
    customer: Customer
    as_of: datetime
    scores: CustomerScores | None

    @property
    def key(self) -> str:
        return self.customer.customer_unique_id

    @property
    def recency_days(self) -> int | None:
        return self.customer.recency_days(self.as_of)

    @property
    def frequency(self) -> int:
        return self.customer.frequency(self.as_of)

    @property
    def monetary(self) -> Money:
        return self.customer.monetary(self.as_of)


@dataclass(frozen=True)
class SellerView:
    seller: Seller
    as_of: datetime
    active_window: timedelta
    recent_limit: int

    @property
    def key(self) -> str:
        return self.seller.seller_id

    @property
    def is_active(self) -> bool:
        return self.seller.is_active(self.as_of, self.active_window)

    @property
    def recent_orders(self) -> list[SellerOrder]:
        return self.seller.recent_orders(self.recent_limit)


ExploredView = OrderView | CustomerView | SellerView
