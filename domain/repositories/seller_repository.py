"""Port: where sellers come from; adapters (e.g. the DuckDB warehouse) implement it."""

from __future__ import annotations

from abc import abstractmethod

from domain.aggregates.seller import Seller
from domain.repositories.id_completion import IdCompletion


class SellerRepository(IdCompletion):
    """Loads sellers by id, hydrated with what the domain needs."""

    @abstractmethod
    def get(self, seller_id: str) -> Seller | None:
        """The seller with this id, or None when there is none."""
