"""ReviewScore: the customer's 1-5 star rating of an order."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidValue

LOWEST, HIGHEST = 1, 5


@dataclass(frozen=True, order=True)
class ReviewScore:
    """A whole number of stars from 1 to 5."""

    value: int

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise InvalidValue(f"a review score is a whole number of stars, not {self.value!r}")
        if not LOWEST <= self.value <= HIGHEST:
            raise InvalidValue(f"a review score runs from {LOWEST} to {HIGHEST}, not {self.value}")

    def __int__(self) -> int:
        return self.value
