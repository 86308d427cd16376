from datetime import date, datetime, timedelta

import pytest
from domain_builders import SAO_PAULO, item, payment, review, stored_order

from domain.aggregates.seller import Seller
from domain.errors import InvalidValue
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus

SHARED = stored_order(
    order_id="shared",
    purchased_at=datetime(2018, 5, 1),
    items=(item(1, "40.00", "5.00", seller_id="s1"), item(2, "60.00", "9.00", seller_id="s2")),
    payments=(payment("114.00"),),
    reviews=(review(4, created_at=datetime(2018, 5, 12)),),
)
LATE = stored_order(
    order_id="late",
    purchased_at=datetime(2018, 6, 1),
    items=(item(1, "100.00", "10.00", seller_id="s1"), item(2, "25.00", "0.00", seller_id="s1")),
    payments=(payment("135.00"),),
    estimated_delivery_date=date(2018, 6, 5),
    reviews=(review(1, created_at=datetime(2018, 6, 12), answered_at=None),),
)
CANCELED = stored_order(
    order_id="canceled",
    purchased_at=datetime(2018, 7, 1),
    status=OrderStatus.CANCELED,
    delivered_carrier_at=None,
    delivered_customer_at=None,
    items=(item(1, "500.00", "0.00", seller_id="s1"),),
)


def seller():
    return Seller("s1", SAO_PAULO, (SHARED, LATE, CANCELED))


def test_revenue_counts_the_price_of_its_own_items_in_sales_only():
    assert seller().revenue == Money("165.00")
    assert [line.price for line in seller().items_sold] == [
        Money("40.00"),
        Money("100.00"),
        Money("25.00"),
    ]
    assert seller().order_count == 2


def test_on_time_rate_over_delivered_orders_with_an_estimate():
    assert seller().on_time_rate == 0.5
    assert Seller("s1", SAO_PAULO, (CANCELED,)).on_time_rate is None


def test_on_time_rate_ignores_a_canceled_order_with_a_delivery_date():
    canceled_late = stored_order(
        order_id="canceled-late",
        status=OrderStatus.CANCELED,
        items=(item(1, seller_id="s1"),),
        estimated_delivery_date=date(2017, 11, 25),
    )
    assert canceled_late.delivery.is_late
    assert Seller("s1", SAO_PAULO, (SHARED, canceled_late)).on_time_rate == 1.0


def test_mean_review_score_over_reviewed_orders():
    assert seller().mean_review_score == 2.5
    assert Seller("s1", SAO_PAULO, (CANCELED,)).mean_review_score is None


def test_active_when_it_sold_inside_the_window():
    month = timedelta(days=30)
    assert seller().is_active(datetime(2018, 6, 30), month)
    assert not seller().is_active(datetime(2018, 7, 2), month)  # only a canceled order then
    assert not seller().is_active(datetime(2018, 4, 30), month)


def test_a_seller_holds_only_orders_with_its_items():
    with pytest.raises(InvalidValue, match="no item of seller s3"):
        Seller("s3", SAO_PAULO, (SHARED,))
