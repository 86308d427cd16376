from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import CurrencyMismatch, InvalidValue
from domain.services.pricing import PricingService
from domain.value_objects.money import Money

pricing = PricingService()
prices = st.decimals(min_value=0, max_value=Decimal("100000"), places=2).map(Money)


def test_percentage_discount_rounds_the_discount_half_even():
    assert pricing.percentage_discount(Money("100.00"), 15) == Money("85.00")
    assert pricing.percentage_discount(Money("0.25"), 10) == Money("0.23")  # 0.025 -> 0.02
    assert pricing.percentage_discount(Money("0.35"), 10) == Money("0.31")  # 0.035 -> 0.04
    assert pricing.percentage_discount(Money("59.90"), Decimal("12.5")) == Money("52.41")


def test_a_full_discount_makes_it_free_and_more_is_refused():
    assert pricing.percentage_discount(Money("10.00"), 100) == Money.zero()
    for percent in (-1, 101):
        with pytest.raises(InvalidValue, match="between 0 and 100"):
            pricing.percentage_discount(Money("10.00"), percent)


def test_a_percentage_is_never_a_float():
    with pytest.raises(TypeError, match="int or Decimal"):
        pricing.percentage_discount(Money("10.00"), 12.5)  # type: ignore[arg-type]


def test_fixed_discount_never_goes_below_zero():
    assert pricing.fixed_discount(Money("30.00"), Money("12.35")) == Money("17.65")
    assert pricing.fixed_discount(Money("30.00"), Money("45.00")) == Money.zero()


def test_negative_prices_and_discounts_are_refused():
    with pytest.raises(InvalidValue, match="price cannot be negative"):
        pricing.fixed_discount(Money("-1"), Money("1"))
    with pytest.raises(InvalidValue, match="discount cannot be negative"):
        pricing.fixed_discount(Money("1"), Money("-1"))
    with pytest.raises(CurrencyMismatch):
        pricing.fixed_discount(Money("1"), Money("1", "USD"))


def test_installment_plan_puts_leftover_centavos_first():
    assert pricing.installment_plan(Money("100.00"), 3) == (
        Money("33.34"),
        Money("33.33"),
        Money("33.33"),
    )
    assert pricing.installment_plan(Money("0.05"), 10) == (Money("0.01"),) * 5 + (Money(0),) * 5
    assert pricing.installment_plan(Money("9.99"), 1) == (Money("9.99"),)


def test_installment_plans_keep_the_currency_and_need_one_installment():
    assert {part.currency for part in pricing.installment_plan(Money("10", "USD"), 4)} == {"USD"}
    with pytest.raises(InvalidValue, match="at least one installment"):
        pricing.installment_plan(Money("10"), 0)
    with pytest.raises(InvalidValue, match="negative"):
        pricing.installment_plan(Money("-10"), 2)


@given(prices, st.integers(min_value=1, max_value=24))
def test_an_installment_plan_sums_exactly_to_the_amount(amount, installments):
    plan = pricing.installment_plan(amount, installments)
    assert len(plan) == installments
    assert Money.sum(plan) == amount
    assert max(plan).centavos - min(plan).centavos <= 1
    assert list(plan) == sorted(plan, reverse=True)
    assert all(isinstance(part.amount, Decimal) for part in plan)


@given(prices, st.integers(min_value=0, max_value=100))
def test_discounted_prices_stay_between_zero_and_the_price(price, percent):
    discounted = pricing.percentage_discount(price, percent)
    assert Money.zero() <= discounted <= price
