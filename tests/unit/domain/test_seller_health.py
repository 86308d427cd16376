"""SellerHealth: a weighted mean of on-time rate, review and kept orders, over the known parts."""

from __future__ import annotations

import pytest

from domain.errors import InvalidValue
from domain.services.seller_health import SellerHealth


def test_perfect_and_worst_sellers_score_100_and_0() -> None:
    health = SellerHealth()
    assert health.score(1.0, 5.0, 0.0) == pytest.approx(100)
    assert health.score(0.0, 1.0, 1.0) == pytest.approx(0)


def test_weighted_mean_of_the_three_parts() -> None:
    health = SellerHealth(on_time_weight=0.5, review_weight=0.3, cancellation_weight=0.2)
    assert health.score(0.8, 4.0, 0.1) == pytest.approx(100 * (0.5 * 0.8 + 0.3 * 0.75 + 0.2 * 0.9))


def test_unknown_parts_are_left_out_of_the_mean() -> None:
    health = SellerHealth()
    assert health.score(None, None, 0.25) == pytest.approx(75)
    assert health.score(None, 3.0, 0.0) == pytest.approx(100 * (0.4 * 0.5 + 0.2) / 0.6)


def test_weights_and_formula_are_shown_as_used() -> None:
    health = SellerHealth(0.5, 0.3, 0.2)
    assert health.weights() == {
        "on_time_weight": 0.5,
        "review_weight": 0.3,
        "cancellation_weight": 0.2,
    }
    assert (
        "0.5·on-time rate" in health.formula()
        and "0.2·(1 − not-fulfilled rate)" in health.formula()
    )


def test_weights_must_make_sense() -> None:
    with pytest.raises(InvalidValue):
        SellerHealth(on_time_weight=-1)
    with pytest.raises(InvalidValue):
        SellerHealth(cancellation_weight=0)
