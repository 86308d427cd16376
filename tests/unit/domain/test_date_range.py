from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValue
from domain.value_objects.date_range import DateRange

days = st.dates(min_value=date(2016, 1, 1), max_value=date(2019, 12, 31))


@st.composite
def ranges(draw):
    first, second = sorted((draw(days), draw(days)))
    return DateRange(first, second)


def test_counts_both_ends():
    assert DateRange(date(2018, 1, 1), date(2018, 1, 31)).days == 31
    assert DateRange(date(2018, 1, 1), date(2018, 1, 1)).days == 1


def test_refuses_a_start_after_the_end():
    with pytest.raises(InvalidValue, match="after it ends"):
        DateRange(date(2018, 2, 1), date(2018, 1, 1))


def test_contains_timestamps_by_their_day():
    january = DateRange(date(2018, 1, 1), date(2018, 1, 31))
    assert january.contains(datetime(2018, 1, 31, 23, 59))
    assert not january.contains(datetime(2018, 2, 1, 0, 0))
    assert january.contains(date(2018, 1, 1))


def test_timestamps_given_as_bounds_become_days():
    span = DateRange(datetime(2018, 1, 1, 12), datetime(2018, 1, 2, 8))
    assert span == DateRange(date(2018, 1, 1), date(2018, 1, 2))


def test_ranges_touching_on_one_day_overlap():
    january = DateRange(date(2018, 1, 1), date(2018, 1, 31))
    assert january.overlaps(DateRange(date(2018, 1, 31), date(2018, 2, 5)))
    assert not january.overlaps(DateRange(date(2018, 2, 1), date(2018, 2, 5)))


@given(ranges())
def test_a_range_contains_its_ends_and_counts_its_days(span):
    assert span.contains(span.start) and span.contains(span.end)
    assert not span.contains(span.end + timedelta(days=1))
    assert span.days == len({span.start + timedelta(days=i) for i in range(span.days)})
    assert span.days >= 1


@given(ranges(), ranges())
def test_overlap_is_symmetric_and_means_a_shared_day(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    shared = max(a.start, b.start) <= min(a.end, b.end)
    assert a.overlaps(b) == shared


@given(days, days)
def test_any_two_days_in_order_make_a_range(first, second):
    if first <= second:
        assert DateRange(first, second).days == (second - first).days + 1
    else:
        with pytest.raises(InvalidValue):
            DateRange(first, second)
