"""The base of every domain event: immutable, timestamped, tied to one aggregate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    aggregate_id: str
    occurred_at: datetime = field(default_factory=datetime.now)

    @property
    def name(self) -> str:
        return type(self).__name__
