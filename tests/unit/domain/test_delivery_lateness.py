"""Lateness is decided by day: delivered on the estimated day, at any hour, is on time."""

from datetime import date, datetime

import pytest

from domain.aggregates.delivery import Delivery
from domain.events.deliveries import DeliveryCompleted, DeliveryLate
from domain.value_objects.statuses import OrderStatus

ESTIMATE = date(2018, 3, 10)


def delivery(delivered_at, estimate=ESTIMATE, status=OrderStatus.DELIVERED):
    return Delivery(
        order_id="o1",
        purchased_at=datetime(2018, 3, 1, 12, 0),
        delivered_carrier_at=datetime(2018, 3, 2, 9, 0),
        delivered_customer_at=delivered_at,
        estimated_delivery_date=estimate,
        status=status,
    )


@pytest.mark.parametrize(
    ("delivered_at", "late", "days_late"),
    [
        (datetime(2018, 3, 9, 8, 0), False, 0),
        (datetime(2018, 3, 10, 23, 59, 59), False, 0),
        (datetime(2018, 3, 11, 0, 0, 1), True, 1),
        (datetime(2018, 3, 14, 10, 0), True, 4),
    ],
)
def test_late_means_the_delivery_day_is_after_the_estimated_day(delivered_at, late, days_late):
    assert delivery(delivered_at).is_late is late
    assert delivery(delivered_at).days_late == days_late


def test_delivery_days_are_fractional():
    assert delivery(datetime(2018, 3, 4, 0, 0)).delivery_days == 2.5


def test_lateness_is_unknown_while_undelivered_or_without_estimate():
    assert delivery(None).is_late is None
    assert delivery(None).days_late is None
    assert delivery(None).delivery_days is None
    assert not delivery(None).is_delivered
    assert delivery(datetime(2018, 3, 20), estimate=None).is_late is None
    assert delivery(None).outcome_events() == []


def test_an_estimate_stored_as_a_midnight_timestamp_is_treated_as_its_day():
    stored = delivery(datetime(2018, 3, 10, 18), estimate=datetime(2018, 3, 10, 0, 0))
    assert stored.estimated_delivery_date == ESTIMATE
    assert stored.is_late is False


def test_outcome_events_of_an_on_time_and_a_late_delivery():
    [completed] = delivery(datetime(2018, 3, 9, 8)).outcome_events()
    assert isinstance(completed, DeliveryCompleted)
    assert completed.days_late == 0
    late, completed = delivery(datetime(2018, 3, 12, 8)).outcome_events()
    assert isinstance(late, DeliveryLate) and isinstance(completed, DeliveryCompleted)
    assert late.occurred_at == datetime(2018, 3, 11) < completed.occurred_at
    assert (late.days_late, completed.days_late) == (2, 2)
    assert late.estimated_delivery_date == ESTIMATE


def test_without_an_estimate_a_delivery_is_completed_and_never_late():
    [completed] = delivery(datetime(2018, 3, 20), estimate=None).outcome_events()
    assert isinstance(completed, DeliveryCompleted)
    assert completed.days_late == 0
    assert delivery(datetime(2018, 3, 20), estimate=None).late_since is None


def test_a_canceled_order_with_a_delivery_date_is_never_late():
    canceled = delivery(datetime(2018, 3, 14, 10, 0), status=OrderStatus.CANCELED)
    assert canceled.is_late is None
    assert canceled.days_late is None
    assert canceled.late_since is None
    assert not any(isinstance(e, DeliveryLate) for e in canceled.outcome_events())
