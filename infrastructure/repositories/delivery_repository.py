"""Deliveries from the warehouse: one order's delivery facts in one query."""

from __future__ import annotations

from domain.aggregates.delivery import Delivery
from domain.repositories.delivery_repository import DeliveryRepository
from domain.value_objects.statuses import OrderStatus
from infrastructure.repositories.warehouse_sql import SqlWarehouse, run_query, search_ids


class DuckDbDeliveryRepository(DeliveryRepository):
    def __init__(self, warehouse: SqlWarehouse) -> None:
        self._warehouse = warehouse

    def get(self, order_id: str) -> Delivery | None:
        found = run_query(self._warehouse, "delivery", order_id=order_id)
        if not found:
            return None
        order_id, purchased_at, carrier_at, delivered_at, estimated, status = found[0]
        return Delivery(
            order_id=order_id,
            purchased_at=purchased_at,
            delivered_carrier_at=carrier_at,
            delivered_customer_at=delivered_at,
            estimated_delivery_date=estimated,
            status=OrderStatus(status),
        )

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return search_ids(self._warehouse, "order_ids", prefix, limit)
