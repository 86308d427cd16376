"""OrderItem, Payment and Review: the entities an order is made of."""

from datetime import datetime

import pytest
from domain_builders import item, payment, review

from domain.entities.payment import Payment
from domain.errors import InvalidValue
from domain.value_objects.money import Money
from domain.value_objects.statuses import PaymentType


def test_an_item_costs_its_price_plus_freight():
    assert item(price="58.90", freight="13.29").total == Money("72.19")


@pytest.mark.parametrize("price", ["0.00", "-1.00"])
def test_an_item_needs_a_positive_price(price):
    with pytest.raises(InvalidValue, match="positive price"):
        item(price=price)


def test_free_freight_is_fine_but_negative_freight_is_not():
    assert item(freight="0.00").total == Money("100.00")
    with pytest.raises(InvalidValue, match="negative freight"):
        item(freight="-0.01")


def test_items_are_numbered_from_one():
    with pytest.raises(InvalidValue, match="start at 1"):
        item(number=0)


def test_zero_value_and_zero_installment_payments_of_the_real_data_are_accepted():
    assert payment("0.00", installments=0).value.is_zero()


@pytest.mark.parametrize(
    ("sequence", "installments", "value", "message"),
    [(0, 1, "1.00", "start at 1"), (1, -1, "1.00", "installments"), (1, 1, "-1", "negative")],
)
def test_payment_rules(sequence, installments, value, message):
    with pytest.raises(InvalidValue, match=message):
        Payment(sequence, PaymentType.BOLETO, installments, Money(value))


def test_a_review_answered_before_it_was_created_is_noticed():
    created = datetime(2018, 1, 10)
    assert review(created_at=created, answered_at=datetime(2018, 1, 9)).answered_before_created
    assert not review(created_at=created, answered_at=datetime(2018, 1, 11)).answered_before_created
    assert not review(created_at=created, answered_at=None).answered_before_created
