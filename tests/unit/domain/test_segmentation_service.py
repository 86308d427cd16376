"""RFM scoring of customers: recency direction, one-time buyers, as-of and segments."""

from datetime import datetime, timedelta

import pytest
from domain_builders import customer, purchase

from domain.errors import InvalidValue
from domain.services.segment_map import Segment
from domain.services.segmentation import SegmentationService
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus

START = datetime(2018, 1, 1, 9)
service = SegmentationService()


def five_one_time_buyers():
    """Customer k bought once, k*30 days after START, spending k*100."""
    return [
        customer(f"u{k}", purchase(f"u{k}", START + timedelta(days=30 * k), f"{k * 100}.00"))
        for k in range(1, 6)
    ]


def by_id(profiles):
    return {profile.customer_unique_id: profile for profile in profiles}


def test_the_as_of_is_the_latest_sale_of_the_dataset_never_today():
    people = five_one_time_buyers()
    latest_sale = max(order.purchased_at for person in people for order in person.orders)
    canceled_later = purchase("u9", START + timedelta(days=400), status=OrderStatus.CANCELED)
    people.append(customer("u9", canceled_later))
    assert service.dataset_as_of(people) == latest_sale
    profiles = by_id(service.score(people))
    assert "u9" not in profiles
    assert profiles["u5"].recency_days == 0


def test_more_recent_buyers_get_higher_r_scores():
    profiles = by_id(service.score(five_one_time_buyers()))
    assert [profiles[f"u{k}"].r_score for k in range(1, 6)] == [1, 2, 3, 4, 5]
    assert profiles["u5"].recency_days == 0


def test_bigger_spenders_get_higher_m_scores_and_monetary_is_exact():
    profiles = by_id(service.score(five_one_time_buyers()))
    assert [profiles[f"u{k}"].m_score for k in range(1, 6)] == [1, 2, 3, 4, 5]
    assert profiles["u3"].monetary == Money("300.00")


def test_one_time_buyers_get_f_one():
    profiles = service.score(five_one_time_buyers())
    assert {(p.frequency, p.f_score) for p in profiles} == {(1, 1)}


def test_segments_follow_the_map():
    profiles = by_id(service.score(five_one_time_buyers()))
    assert profiles["u5"].segment is Segment.POTENTIAL_LOYALIST
    assert profiles["u1"].segment is Segment.LOST
    assert all(
        p.segment is service.segment_of(p.r_score, p.f_score, p.m_score) for p in profiles.values()
    )


def test_a_repeat_buyer_scores_on_frequency():
    people = five_one_time_buyers()
    people[4] = customer(
        "u5",
        purchase("u5", START, "100.00"),
        purchase("u5", START + timedelta(days=60), "100.00"),
        purchase("u5", START + timedelta(days=150), "300.00"),
    )
    repeat = by_id(service.score(people))["u5"]
    assert (repeat.frequency, repeat.f_score, repeat.monetary) == (3, 5, Money("500.00"))
    assert repeat.segment is Segment.CHAMPIONS


def test_an_explicit_as_of_is_respected():
    people = five_one_time_buyers()
    profiles = by_id(service.score(people, as_of=START + timedelta(days=95)))
    assert set(profiles) == {"u1", "u2", "u3"}
    assert profiles["u3"].recency_days == 5


def test_scoring_nobody_needs_an_as_of():
    with pytest.raises(InvalidValue, match="at least one sale"):
        service.score([])
    assert service.score([], as_of=START) == []
