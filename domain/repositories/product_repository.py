"""Port: where products come from; adapters (e.g. the DuckDB warehouse) implement it."""

from __future__ import annotations

from abc import abstractmethod

from domain.aggregates.product import Product
from domain.repositories.id_completion import IdCompletion


class ProductRepository(IdCompletion):
    """Loads products by id, hydrated with what the domain needs."""

    @abstractmethod
    def get(self, product_id: str) -> Product | None:
        """The product with this id, or None when there is none."""
