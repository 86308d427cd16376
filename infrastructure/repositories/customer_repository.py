"""People from the warehouse: address and every order, in five queries whatever their number."""

from __future__ import annotations

from domain.aggregates.customer import Customer
from domain.repositories.customer_repository import CustomerRepository
from domain.value_objects.address import Address
from infrastructure.repositories.order_hydration import load_orders
from infrastructure.repositories.warehouse_sql import FactKey, SqlWarehouse, run_query, search_ids


class DuckDbCustomerRepository(CustomerRepository):
    def __init__(self, warehouse: SqlWarehouse) -> None:
        self._warehouse = warehouse

    def get(self, customer_unique_id: str) -> Customer | None:
        found = run_query(self._warehouse, "customer", customer_unique_id=customer_unique_id)
        if not found:
            return None
        person, zip_code_prefix, city, state, customer_key = found[0]
        orders = (
            []
            if customer_key is None
            else load_orders(self._warehouse, FactKey.PERSON, customer_key)
        )
        return Customer(
            customer_unique_id=person,
            address=Address(zip_code_prefix, city, state),
            orders=tuple(orders),
        )

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return search_ids(self._warehouse, "customer_ids", prefix, limit)
