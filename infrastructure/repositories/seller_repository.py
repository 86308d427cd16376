"""Sellers from the warehouse: address and the orders with their items, in five queries."""

from __future__ import annotations

from domain.aggregates.seller import Seller
from domain.repositories.seller_repository import SellerRepository
from domain.value_objects.address import Address
from infrastructure.repositories.order_hydration import load_orders
from infrastructure.repositories.warehouse_sql import SqlWarehouse, run_query, search_ids


class DuckDbSellerRepository(SellerRepository):
    def __init__(self, warehouse: SqlWarehouse) -> None:
        self._warehouse = warehouse

    def get(self, seller_id: str) -> Seller | None:
        found = run_query(self._warehouse, "seller", seller_id=seller_id)
        if found.is_empty():
            return None
        row = found.row(0, named=True)
        return Seller(
            seller_id=row["seller_id"],
            address=Address(row["zip_code_prefix"], row["city"], row["state"]),
            orders=tuple(load_orders(self._warehouse, row["order_ids"] or [])),
        )

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return search_ids(self._warehouse, "seller_ids", prefix, limit)
