"""Orders from the warehouse: the order with its items, payments and reviews in four queries."""

from __future__ import annotations

from domain.aggregates.order import Order
from domain.repositories.order_repository import OrderRepository
from infrastructure.repositories.order_hydration import load_orders
from infrastructure.repositories.warehouse_sql import FactKey, SqlWarehouse, search_ids


class DuckDbOrderRepository(OrderRepository):
    def __init__(self, warehouse: SqlWarehouse) -> None:
        self._warehouse = warehouse

    def get(self, order_id: str) -> Order | None:
        found = load_orders(self._warehouse, FactKey.ORDER, order_id)
        return found[0] if found else None

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return search_ids(self._warehouse, "order_ids", prefix, limit)
