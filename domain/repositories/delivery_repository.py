"""Port: where deliveries come from; adapters (e.g. the DuckDB warehouse) implement it."""

from __future__ import annotations

from abc import abstractmethod

from domain.aggregates.delivery import Delivery
from domain.repositories.id_completion import IdCompletion


class DeliveryRepository(IdCompletion):
    """Loads deliveries by order id, hydrated with what the domain needs."""

    @abstractmethod
    def get(self, order_id: str) -> Delivery | None:
        """The delivery of this order, or None when there is none."""
