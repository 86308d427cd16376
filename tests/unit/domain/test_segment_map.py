"""The segment map covers every score combination exactly once and reaches every segment."""

from itertools import product

import pytest

from domain.errors import InvalidValue
from domain.services.segment_map import (
    SEGMENT_RULES,
    ScoreRange,
    Segment,
    segment_for,
)

SCORES = range(1, 6)
ALL_COMBINATIONS = list(product(SCORES, SCORES, SCORES))
OBSERVED_COMBINATIONS = list(product(SCORES, (1, 3, 5), SCORES))


def test_every_one_of_the_125_combinations_maps_to_one_segment():
    assert len(ALL_COMBINATIONS) == 125
    for r, f, m in ALL_COMBINATIONS:
        assert isinstance(segment_for(r, f, m), Segment)


def test_the_last_rule_catches_everything_and_only_it_does():
    assert SEGMENT_RULES[-1].is_catch_all
    assert not any(rule.is_catch_all for rule in SEGMENT_RULES[:-1])


def test_every_segment_is_reachable_with_observed_frequency_scores():
    reached = {segment_for(r, f, m) for r, f, m in OBSERVED_COMBINATIONS}
    assert reached == set(Segment)


def test_each_segment_has_exactly_one_rule_with_a_definition():
    assert [rule.segment for rule in SEGMENT_RULES] == list(Segment)
    assert all(rule.definition.endswith(".") for rule in SEGMENT_RULES)


@pytest.mark.parametrize(
    ("scores", "segment"),
    [
        ((5, 5, 5), Segment.CHAMPIONS),
        ((5, 3, 1), Segment.LOYAL),
        ((1, 5, 5), Segment.CANT_LOSE_THEM),
        ((2, 3, 2), Segment.AT_RISK),
        ((5, 1, 1), Segment.NEW),
        ((5, 1, 5), Segment.POTENTIAL_LOYALIST),
        ((4, 1, 2), Segment.PROMISING),
        ((3, 1, 4), Segment.NEED_ATTENTION),
        ((3, 1, 1), Segment.ABOUT_TO_SLEEP),
        ((2, 1, 5), Segment.HIBERNATING),
        ((1, 1, 5), Segment.LOST),
    ],
)
def test_typical_customers(scores, segment):
    assert segment_for(*scores) is segment


def test_one_time_buyers_are_never_loyal_or_champions():
    one_timers = {segment_for(r, 1, m) for r in SCORES for m in SCORES}
    assert one_timers.isdisjoint({Segment.CHAMPIONS, Segment.LOYAL, Segment.AT_RISK})


def test_scores_outside_one_to_five_are_refused():
    with pytest.raises(InvalidValue, match="1 to 5"):
        segment_for(0, 1, 1)


def test_rules_without_a_catch_all_cannot_classify_everyone():
    rules = SEGMENT_RULES[:-1]
    with pytest.raises(InvalidValue, match="catch"):
        segment_for(1, 1, 1, rules)


def test_score_ranges_stay_within_one_to_five():
    with pytest.raises(InvalidValue):
        ScoreRange(0, 3)
    with pytest.raises(InvalidValue):
        ScoreRange(4, 3)
