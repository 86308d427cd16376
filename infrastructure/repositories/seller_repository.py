"""Sellers from the warehouse: address and its share of every order, in two queries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from domain.aggregates.seller import Seller
from domain.aggregates.seller_order import SellerOrder
from domain.repositories.seller_repository import SellerRepository
from domain.value_objects.address import Address
from domain.value_objects.money import Money
from infrastructure.repositories.order_hydration import order_status
from infrastructure.repositories.warehouse_sql import SqlWarehouse, run_query, search_ids


class DuckDbSellerRepository(SellerRepository):
    def __init__(self, warehouse: SqlWarehouse) -> None:
        self._warehouse = warehouse

    def get(self, seller_id: str) -> Seller | None:
        found = run_query(self._warehouse, "seller", seller_id=seller_id)
        if not found:
            return None
        seller_id, zip_code_prefix, city, state, seller_key = found[0]
        rows = run_query(self._warehouse, "seller_orders", seller_key=seller_key)
        return Seller(
            seller_id=seller_id,
            address=Address(zip_code_prefix, city, state),
            orders=tuple(_seller_order(*row) for row in rows),
        )

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return search_ids(self._warehouse, "seller_ids", prefix, limit)


def _seller_order(
    order_id: str,
    status: str,
    purchased_at: datetime,
    item_count: int,
    items_price_centavos: int,
    delivered_customer_at: datetime | None,
    estimated_delivery_date: date | None,
    review_score: float | None,
) -> SellerOrder:
    return SellerOrder(
        order_id=order_id,
        status=order_status(status),
        purchased_at=purchased_at,
        item_count=item_count,
        items_price=Money(Decimal(items_price_centavos).scaleb(-2)),
        delivered_customer_at=delivered_customer_at,
        estimated_delivery_date=estimated_delivery_date,
        review_score=review_score,
    )
