"""Review: what a customer said about an order, and when the shop answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.value_objects.review_score import ReviewScore


@dataclass(frozen=True)
class Review:
    """A satisfaction survey answer; comments are optional, as in most real reviews."""

    review_id: str
    score: ReviewScore
    created_at: datetime
    answered_at: datetime | None = None
    title: str | None = None
    message: str | None = None

    @property
    def answered_before_created(self) -> bool:
        return self.answered_at is not None and self.answered_at < self.created_at
