"""Invariant findings on hand-built orders with each anomaly of the real data (SPEC §3)."""

from datetime import timedelta

from domain_builders import PURCHASE, item, payment, review, stored_order

from domain.value_objects.invariant_finding import FindingCode
from domain.value_objects.statuses import OrderStatus


def codes(order):
    return [finding.code for finding in order.invariant_findings()]


def test_a_clean_order_has_no_findings():
    assert stored_order().invariant_findings() == []


def test_payments_not_matching_items_plus_freight():
    order = stored_order(payments=(payment("100.00"),))
    [finding] = order.invariant_findings()
    assert finding.code is FindingCode.PAYMENT_MISMATCH
    assert "R$ 100.00" in finding.message and "R$ 115.00" in finding.message


def test_an_order_without_items():
    assert codes(stored_order(status=OrderStatus.UNAVAILABLE, items=())) == [FindingCode.NO_ITEMS]


def test_an_order_without_payments():
    assert codes(stored_order(payments=())) == [FindingCode.NO_PAYMENTS]


def test_delivered_without_a_delivery_date():
    order = stored_order(delivered_customer_at=None)
    assert codes(order) == [FindingCode.DELIVERED_WITHOUT_DATE]
    assert "no delivery date" in order.invariant_findings()[0].message


def test_canceled_with_a_delivery_date():
    assert codes(stored_order(status=OrderStatus.CANCELED)) == [
        FindingCode.CANCELED_WITH_DELIVERY_DATE
    ]


def test_carrier_pickup_before_purchase():
    order = stored_order(approved_at=None, delivered_carrier_at=PURCHASE - timedelta(days=1))
    [finding] = order.invariant_findings()
    assert finding.code is FindingCode.TIMELINE_OUT_OF_ORDER
    assert finding.message.startswith("The carrier pickup")
    assert "before the purchase" in finding.message


def test_each_pair_of_present_milestones_is_checked():
    order = stored_order(
        approved_at=PURCHASE + timedelta(days=3), delivered_carrier_at=PURCHASE + timedelta(days=1)
    )
    [finding] = order.invariant_findings()
    assert "carrier pickup" in finding.message and "before the approval" in finding.message


def test_a_missing_milestone_is_skipped_not_flagged():
    order = stored_order(approved_at=None, delivered_carrier_at=None)
    assert order.invariant_findings() == []


def test_delivery_before_purchase_breaks_every_pair_it_is_in():
    order = stored_order(delivered_customer_at=PURCHASE - timedelta(hours=1))
    assert codes(order) == [FindingCode.TIMELINE_OUT_OF_ORDER] * 3


def test_a_review_answered_before_it_was_created():
    late_review = review(
        created_at=PURCHASE + timedelta(days=9), answered_at=PURCHASE + timedelta(days=8)
    )
    order = stored_order(reviews=(late_review,))
    [finding] = order.invariant_findings()
    assert finding.code is FindingCode.REVIEW_ANSWERED_BEFORE_CREATED
    assert "r1" in finding.message


def test_several_anomalies_are_all_reported_in_a_stable_order():
    order = stored_order(
        status=OrderStatus.CANCELED,
        items=(item(),),
        payments=(),
        approved_at=PURCHASE - timedelta(hours=1),
    )
    assert codes(order) == [
        FindingCode.NO_PAYMENTS,
        FindingCode.CANCELED_WITH_DELIVERY_DATE,
        FindingCode.TIMELINE_OUT_OF_ORDER,
    ]
