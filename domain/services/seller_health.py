"""SellerHealth: one 0-100 score of how well a seller delivers, pleases and keeps its orders."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidValue


@dataclass(frozen=True)
class SellerHealth:
    """100 × the weighted mean of on-time rate, (review − 1) / 4 and 1 − not-fulfilled rate.

    Not fulfilled = canceled + unavailable orders over all the seller's orders (cancellation_rate
    below, and the cancellation weight, mean that share).

    A part the seller has no data for (no delivered or no reviewed order) is left out of the mean,
    so a score always lies between 0 and 100. The seller scorecard's SQL takes these weights.
    """

    on_time_weight: float = 0.4
    review_weight: float = 0.4
    cancellation_weight: float = 0.2

    def __post_init__(self) -> None:
        weights = (self.on_time_weight, self.review_weight, self.cancellation_weight)
        if min(weights) < 0 or self.cancellation_weight == 0:
            raise InvalidValue(
                f"health weights must not be negative and cancellations must count: {weights}"
            )

    def score(
        self, on_time_rate: float | None, mean_review_score: float | None, cancellation_rate: float
    ) -> float:
        """The health score of a seller from its three rates (None: no data for that part)."""
        parts = [(self.cancellation_weight, 1 - cancellation_rate)]
        if on_time_rate is not None:
            parts.append((self.on_time_weight, on_time_rate))
        if mean_review_score is not None:
            parts.append((self.review_weight, (mean_review_score - 1) / 4))
        return 100 * sum(weight * value for weight, value in parts) / sum(w for w, _ in parts)

    def weights(self) -> dict[str, float]:
        """The weights by the names the scorecard query binds them under."""
        return {
            "on_time_weight": self.on_time_weight,
            "review_weight": self.review_weight,
            "cancellation_weight": self.cancellation_weight,
        }

    def formula(self) -> str:
        """The formula as shown to users."""
        return (
            f"health = 100 × ({self.on_time_weight:g}·on-time rate"
            f" + {self.review_weight:g}·(mean review − 1)/4"
            f" + {self.cancellation_weight:g}·(1 − not-fulfilled rate))"
            " ÷ the sum of the weights of the parts known"
        )
