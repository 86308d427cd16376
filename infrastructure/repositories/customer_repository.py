"""People from the warehouse: address and every order, in five queries whatever their number."""

from __future__ import annotations

from domain.aggregates.customer import Customer
from domain.repositories.customer_repository import CustomerRepository
from domain.value_objects.address import Address
from infrastructure.repositories.order_hydration import load_orders
from infrastructure.repositories.warehouse_sql import SqlWarehouse, run_query, search_ids


class DuckDbCustomerRepository(CustomerRepository):
    def __init__(self, warehouse: SqlWarehouse) -> None:
        self._warehouse = warehouse

    def get(self, customer_unique_id: str) -> Customer | None:
        found = run_query(self._warehouse, "customer", customer_unique_id=customer_unique_id)
        if found.is_empty():
            return None
        row = found.row(0, named=True)
        return Customer(
            customer_unique_id=row["customer_unique_id"],
            address=Address(row["zip_code_prefix"], row["city"], row["state"]),
            orders=tuple(load_orders(self._warehouse, row["order_ids"] or [])),
        )

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return search_ids(self._warehouse, "customer_ids", prefix, limit)
