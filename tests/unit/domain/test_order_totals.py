from domain_builders import item, payment, review, stored_order

from domain.aggregates.order import Order
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus


def two_item_order(*payments_made: str) -> Order:
    return stored_order(
        items=(item(1, "58.90", "13.29"), item(2, "58.90", "13.29")),
        payments=[payment(value, sequence) for sequence, value in enumerate(payments_made, 1)],
    )


def test_items_freight_total_and_paid():
    order = two_item_order("100.00", "44.38")
    assert order.items_value == Money("117.80")
    assert order.freight_value == Money("26.58")
    assert order.total == Money("144.38")
    assert order.paid == Money("144.38")
    assert not order.payment_mismatch


def test_a_centavo_of_rounding_is_not_a_mismatch_but_two_are():
    assert not two_item_order("144.39").payment_mismatch
    assert not two_item_order("144.37").payment_mismatch
    assert two_item_order("144.40").payment_mismatch
    assert two_item_order("144.36").payment_mismatch


def test_an_order_without_items_or_payments_has_zero_totals_and_no_mismatch():
    order = stored_order(items=(), payments=())
    assert order.total == Money.zero() == order.paid
    assert not order.payment_mismatch


def test_review_score_is_the_mean_of_its_reviews():
    assert stored_order().review_score is None
    order = stored_order(reviews=(review(5, review_id="a"), review(2, review_id="b")))
    assert order.review_score == 3.5


def test_only_canceled_and_unavailable_orders_are_not_sales():
    sales = {status for status in OrderStatus if stored_order(status=status).counts_as_sale}
    assert sales == set(OrderStatus) - {OrderStatus.CANCELED, OrderStatus.UNAVAILABLE}


def test_lines_are_kept_in_their_natural_order():
    order = stored_order(
        items=(item(2), item(1)), payments=(payment("15.00", 2), payment("215.00", 1))
    )
    assert [line.item_number for line in order.items] == [1, 2]
    assert [line.sequence for line in order.payments] == [1, 2]


def test_an_estimated_date_stored_as_midnight_timestamp_becomes_a_day():
    stored = stored_order()
    order = stored_order(estimated_delivery_date=stored.purchased_at.replace(hour=0, minute=0))
    assert order.estimated_delivery_date == stored.purchased_at.date()
