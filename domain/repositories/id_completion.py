"""The id-completion capability every aggregate repository offers to the explorer."""

from __future__ import annotations

from abc import ABC, abstractmethod


class IdCompletion(ABC):
    """Completes a typed id prefix, so analysts can open an aggregate without pasting 32 chars."""

    @abstractmethod
    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        """Up to `limit` ids starting with `prefix`, in ascending order."""
