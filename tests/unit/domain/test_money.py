from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import CurrencyMismatch, InvalidValue
from domain.value_objects.money import Money

amounts = st.decimals(
    min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2, allow_nan=False
)
money = amounts.map(Money)


def test_builds_from_str_int_and_decimal_in_reais_by_default():
    assert Money("12.5") == Money(Decimal("12.50")) == Money("12.50", "BRL")
    assert Money(3).amount == Decimal("3.00")
    assert Money("1").currency == "BRL"


def test_refuses_float_with_type_error():
    with pytest.raises(TypeError, match="float"):
        Money(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize("amount", [True, None, [1]])
def test_refuses_other_types(amount):
    with pytest.raises(TypeError):
        Money(amount)


@pytest.mark.parametrize("amount", ["abc", "NaN", "Infinity"])
def test_refuses_text_that_is_not_a_finite_number(amount):
    with pytest.raises(InvalidValue):
        Money(amount)


@pytest.mark.parametrize("currency", ["brl", "R$", "REAL", ""])
def test_refuses_currency_that_is_not_an_iso_code(currency):
    with pytest.raises(InvalidValue, match="ISO"):
        Money("1", currency)


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [("0.125", "0.12"), ("0.135", "0.14"), ("2.675", "2.68"), ("-0.005", "0.00")],
)
def test_rounds_half_even_to_centavos(raw, rounded):
    assert Money(raw).amount == Decimal(rounded)


def test_negative_zero_is_plain_zero():
    assert str(Money("-0.001")) == "R$ 0.00"


def test_shows_centavos_and_separates_thousands():
    assert [str(Money(raw)) for raw in ("70043.18", "-1234.5", "999.99", "1000000")] == [
        "R$ 70,043.18",
        "R$ -1,234.50",
        "R$ 999.99",
        "R$ 1,000,000.00",
    ]


def test_adds_subtracts_and_multiplies():
    assert Money("10.10") + Money("0.95") == Money("11.05")
    assert Money("10.10") - Money("0.95") == Money("9.15")
    assert Money("19.99") * 3 == 3 * Money("19.99") == Money("59.97")
    assert Money("10.00") * Decimal("0.155") == Money("1.55")
    assert -Money("2") == Money("-2")
    assert abs(Money("-2")) == Money("2")


def test_multiplying_by_float_or_money_is_refused():
    with pytest.raises(TypeError, match="int or Decimal"):
        Money("1") * 1.5  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money("1") * Money("2")  # type: ignore[operator]


def test_adding_a_number_is_refused():
    with pytest.raises(TypeError):
        Money("1") + 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money("1") - 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money("1") < 1  # type: ignore[operator]  # noqa: B015


def test_compares_within_one_currency():
    assert Money("1.00") < Money("1.01") <= Money("1.01")
    assert max(Money("3"), Money("7"), Money("5")) == Money("7")


def test_mixing_currencies_raises_a_domain_error():
    with pytest.raises(CurrencyMismatch, match="BRL with USD"):
        Money("1") + Money("1", "USD")
    with pytest.raises(CurrencyMismatch):
        Money("1") < Money("2", "USD")  # noqa: B015
    assert Money("1") != Money("1", "USD")


def test_zero_sum_and_centavos():
    assert Money.zero().is_zero()
    assert Money.zero("USD").currency == "USD"
    assert Money.sum([Money("1.10"), Money("2.20")]) == Money("3.30")
    assert Money.sum([], "EUR") == Money("0", "EUR")
    assert Money.sum([Money("1", "USD"), Money("2", "USD")]) == Money("3", "USD")
    with pytest.raises(CurrencyMismatch):
        Money.sum([Money("1", "USD"), Money("2")])
    assert Money("12.34").centavos == 1234


@given(money, money, money)
def test_addition_is_associative(a, b, c):
    assert (a + b) + c == a + (b + c)


@given(money, money)
def test_addition_is_commutative_and_subtraction_undoes_it(a, b):
    assert a + b == b + a
    assert (a + b) - b == a


@given(st.lists(money, max_size=20))
def test_sum_equals_the_exact_decimal_sum(values):
    total = Money.sum(values)
    assert total.amount == sum((value.amount for value in values), Decimal(0))
    assert isinstance(total.amount, Decimal)


@given(money)
def test_amount_is_always_a_two_place_decimal(value):
    assert isinstance(value.amount, Decimal)
    assert value.amount.as_tuple().exponent == -2


def test_a_currency_without_a_sign_of_its_own_shows_its_code():
    assert str(Money("12.5", "USD")) == "USD 12.50"
