"""Port: where orders come from; adapters (e.g. the DuckDB warehouse) implement it."""

from __future__ import annotations

from abc import abstractmethod

from domain.aggregates.order import Order
from domain.repositories.id_completion import IdCompletion


class OrderRepository(IdCompletion):
    """Loads orders by id, hydrated with what the domain needs."""

    @abstractmethod
    def get(self, order_id: str) -> Order | None:
        """The order with this id, or None when there is none."""
