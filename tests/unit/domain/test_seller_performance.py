from datetime import date, datetime, timedelta

import pytest
from domain_builders import SAO_PAULO, item, payment, review, stored_order

from domain.aggregates.seller import Seller
from domain.aggregates.seller_order import SellerOrder
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
    return Seller.from_orders("s1", SAO_PAULO, (SHARED, LATE, CANCELED))


def test_its_share_of_an_order_is_its_own_lines_with_the_orders_outcome():
    shared = SellerOrder.of(SHARED, "s1")
    assert shared == SellerOrder(
        "shared",
        OrderStatus.DELIVERED,
        datetime(2018, 5, 1),
        1,
        Money("40.00"),
        SHARED.delivered_customer_at,
        SHARED.estimated_delivery_date,
        4.0,
    )
    assert SellerOrder.of(SHARED, "s3") is None
    assert [(o.order_id, o.item_count, o.items_price) for o in seller().orders] == [
        ("shared", 1, Money("40.00")),
        ("late", 2, Money("125.00")),
        ("canceled", 1, Money("500.00")),
    ]


def test_revenue_counts_the_price_of_its_own_items_in_sales_only():
    assert seller().revenue == Money("165.00")
    assert seller().order_count == 2


def test_on_time_rate_over_delivered_orders_with_an_estimate():
    assert seller().on_time_rate == 0.5
    assert Seller.from_orders("s1", SAO_PAULO, (CANCELED,)).on_time_rate is None


def test_on_time_rate_ignores_a_canceled_order_with_a_delivery_date():
    canceled_late = stored_order(
        order_id="canceled-late",
        status=OrderStatus.CANCELED,
        items=(item(1, seller_id="s1"),),
        estimated_delivery_date=date(2017, 11, 25),
    )
    assert canceled_late.delivery.is_late is None  # a canceled order is never late
    assert Seller.from_orders("s1", SAO_PAULO, (SHARED, canceled_late)).on_time_rate == 1.0


def test_mean_review_score_over_reviewed_orders():
    assert seller().mean_review_score == 2.5
    assert Seller.from_orders("s1", SAO_PAULO, (CANCELED,)).mean_review_score is None


def test_active_when_it_sold_inside_the_window():
    month = timedelta(days=30)
    assert seller().is_active(datetime(2018, 6, 30), month)
    assert not seller().is_active(datetime(2018, 7, 2), month)  # only a canceled order then
    assert not seller().is_active(datetime(2018, 4, 30), month)


def test_a_seller_holds_only_orders_with_its_items():
    with pytest.raises(InvalidValue, match="no item of seller s3"):
        Seller.from_orders("s3", SAO_PAULO, (SHARED,))


def test_its_orders_are_kept_oldest_first_and_the_recent_ones_newest_first():
    shares = [SellerOrder.of(order, "s1") for order in (CANCELED, SHARED, LATE)]
    loaded = Seller("s1", SAO_PAULO, tuple(share for share in shares if share))
    assert [o.order_id for o in loaded.orders] == ["shared", "late", "canceled"]
    assert [o.order_id for o in loaded.recent_orders(2)] == ["canceled", "late"]
    assert loaded.recent_orders(0) == []


def test_an_order_appears_once_per_seller_with_at_least_one_positive_line():
    share = SellerOrder.of(SHARED, "s1")
    assert share is not None
    with pytest.raises(InvalidValue, match="appear twice"):
        Seller("s1", SAO_PAULO, (share, share))
    with pytest.raises(InvalidValue, match="0 items"):
        SellerOrder("o", OrderStatus.DELIVERED, datetime(2018, 1, 1), 0, Money("1.00"))
    with pytest.raises(InvalidValue, match="positive price"):
        SellerOrder("o", OrderStatus.DELIVERED, datetime(2018, 1, 1), 1, Money("0.00"))
    with pytest.raises(InvalidValue, match="review score of 7"):
        SellerOrder(
            "o", OrderStatus.DELIVERED, datetime(2018, 1, 1), 1, Money("1.00"), review_score=7
        )


def test_recent_orders_placed_at_one_moment_come_by_order_id():
    placed = datetime(2018, 3, 1, 9)
    shares = [SellerOrder(o, OrderStatus.SHIPPED, placed, 1, Money("5.00")) for o in "bca"]
    assert [o.order_id for o in Seller("s1", SAO_PAULO, tuple(shares)).recent_orders(5)] == [
        "a",
        "b",
        "c",
    ]


def test_an_estimate_stored_as_a_timestamp_is_kept_as_its_day():
    share = SellerOrder(
        "o",
        OrderStatus.DELIVERED,
        datetime(2018, 1, 1),
        1,
        Money("1.00"),
        datetime(2018, 1, 9, 10),
        datetime(2018, 1, 8),
        None,
    )
    assert share.estimated_delivery_date == date(2018, 1, 8)
    assert share.delivery.is_late and share.delivery.days_late == 1


@pytest.mark.parametrize("status", list(OrderStatus))
@pytest.mark.parametrize("delivered", [None, datetime(2018, 6, 5, 23, 59), datetime(2018, 6, 8, 1)])
@pytest.mark.parametrize("estimated", [None, date(2018, 6, 5), datetime(2018, 6, 6, 0, 0)])
def test_its_lateness_is_the_orders_delivery_lateness(status, delivered, estimated):
    """A seller's figures read each order's lateness without building its Delivery: the same
    definition (delivered orders only, by day, 0 when on time), whatever the dates."""
    order = SellerOrder("o", status, datetime(2018, 6, 1), 1, Money("10.00"), delivered, estimated)
    assert order.days_late == order.delivery.days_late
    alone = Seller("s1", SAO_PAULO, (order,))
    late = order.delivery.is_late
    assert alone.on_time_rate == (None if late is None else float(not late))
