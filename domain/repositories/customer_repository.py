"""Port: where customers come from; adapters (e.g. the DuckDB warehouse) implement it."""

from __future__ import annotations

from abc import abstractmethod

from domain.aggregates.customer import Customer
from domain.repositories.id_completion import IdCompletion


class CustomerRepository(IdCompletion):
    """Loads customers by id, hydrated with what the domain needs."""

    @abstractmethod
    def get(self, customer_unique_id: str) -> Customer | None:
        """The person with this customer_unique_id (not a per-order customer_id), or None."""
