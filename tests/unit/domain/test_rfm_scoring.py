"""Quintile scores by minimum rank (ties share a score) and the frequency rule."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValue
from domain.services.rfm_scoring import (
    FREQUENCY_SCORES,
    QUINTILE_RULE,
    FrequencyThreshold,
    QuintileRule,
    frequency_score,
    quintile_score,
    quintile_scores,
)


def test_ten_distinct_values_fall_two_per_quintile():
    assert quintile_scores(list(range(10)), higher_is_better=True) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_descending_ranking_gives_five_to_the_smallest_value():
    recency_days = [0, 10, 20, 30, 40]
    assert quintile_scores(recency_days, higher_is_better=False) == [5, 4, 3, 2, 1]


def test_ties_share_the_score_of_their_lowest_rank():
    values = [Decimal("10"), Decimal("10"), Decimal("10"), Decimal("20"), Decimal("30")]
    assert quintile_scores(values, higher_is_better=True) == [1, 1, 1, 4, 5]
    assert quintile_scores(values, higher_is_better=False) == [3, 3, 3, 2, 1]


def test_one_customer_scores_one_and_nobody_scores_nothing():
    assert quintile_scores([7], higher_is_better=True) == [1]
    assert quintile_scores([], higher_is_better=True) == []


def test_the_formula():
    assert [quintile_score(rank, 7) for rank in range(1, 8)] == [1, 1, 2, 3, 3, 4, 5]
    with pytest.raises(InvalidValue):
        quintile_score(8, 7)


@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=300))
def test_scores_are_in_range_monotone_and_equal_for_ties(values):
    scores = quintile_scores(values, higher_is_better=True)
    assert all(1 <= score <= 5 for score in scores)
    by_value = dict(zip(values, scores, strict=True))
    assert all(by_value[value] == score for value, score in zip(values, scores, strict=True))
    ordered = [by_value[value] for value in sorted(by_value)]
    assert ordered == sorted(ordered)


@given(st.lists(st.integers(), min_size=1, max_size=200, unique=True))
def test_distinct_values_fill_quintiles_evenly(values):
    scores = quintile_scores(values, higher_is_better=True)
    sizes = [scores.count(score) for score in range(1, 6)]
    assert max(sizes) - min(size for size in sizes) <= (1 if len(values) >= 5 else len(values))


def test_frequency_rule():
    assert [frequency_score(orders) for orders in (1, 2, 3, 4, 17)] == [1, 3, 5, 5, 5]
    assert FREQUENCY_SCORES == ((3, 5), (2, 3), (1, 1))
    with pytest.raises(InvalidValue):
        frequency_score(0)


def test_the_rules_are_data():
    assert QUINTILE_RULE.quintiles == 5
    assert not QUINTILE_RULE.recency_higher_is_better
    assert QUINTILE_RULE.monetary_higher_is_better
    assert FREQUENCY_SCORES[0] == FrequencyThreshold(min_orders=3, score=5)


def test_other_rules_are_applied_as_given():
    deciles = QuintileRule(quintiles=10)
    assert [quintile_score(rank, 10, deciles) for rank in range(1, 11)] == list(range(1, 11))
    two_steps = (FrequencyThreshold(2, 5), FrequencyThreshold(1, 1))
    assert [frequency_score(orders, two_steps) for orders in (1, 2, 3)] == [1, 5, 5]
