"""Port: where products come from; adapters (e.g. the DuckDB warehouse) implement it."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable

from domain.aggregates.product import Product
from domain.repositories.id_completion import IdCompletion


class ProductRepository(IdCompletion):
    """Loads products by id, hydrated with what the domain needs."""

    @abstractmethod
    def get(self, product_id: str) -> Product | None:
        """The product with this id, or None when there is none."""

    def get_many(self, product_ids: Iterable[str]) -> dict[str, Product]:
        """The known products among `product_ids`, by id; adapters load them in one go."""
        found = {product_id: self.get(product_id) for product_id in set(product_ids)}
        return {product_id: product for product_id, product in found.items() if product}
