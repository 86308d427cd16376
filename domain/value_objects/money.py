"""Money: an exact decimal amount in one currency, always rounded half-even to centavos."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import total_ordering

from domain.errors import CurrencyMismatch, InvalidValue

BRL = "BRL"
CENTAVO = Decimal("0.01")
# How an amount is written: the currency's own sign where it has one (R$ for reais), else its code.
# The one place for it: tables, charts, summaries and domain messages all read amounts this way.
SIGNS = {BRL: "R$"}


def currency_sign(currency: str) -> str:
    """The sign written before an amount of `currency`: R$ for BRL, the ISO code otherwise."""
    return SIGNS.get(currency, currency)


def _to_decimal(amount: object) -> Decimal:
    if isinstance(amount, Decimal):
        value = amount
    elif isinstance(amount, float):
        raise TypeError(f"money cannot be built from float {amount!r}: pass a str or Decimal")
    elif isinstance(amount, bool) or not isinstance(amount, int | str):
        raise TypeError(f"money needs a Decimal, int or str amount, not {type(amount).__name__}")
    else:
        try:
            value = Decimal(amount)
        except ArithmeticError:
            raise InvalidValue(f"{amount!r} is not a number") from None
    if not value.is_finite():
        raise InvalidValue(f"money must be a finite amount, not {amount!r}")
    return value


def _check_currency(currency: str) -> None:
    """Accept a 3-letter upper-case ISO code, remembering it so the next Money skips the check."""
    if not (len(currency) == 3 and currency.isascii() and currency.isupper()):
        raise InvalidValue(f"currency must be a 3-letter ISO code like BRL, not {currency!r}")
    _CURRENCIES.add(currency)


# Currency codes already checked: hydrating thousands of amounts validates BRL once.
_CURRENCIES: set[str] = {BRL}


@total_ordering
@dataclass(frozen=True, init=False)
class Money:
    """An amount of money; arithmetic and comparison only within one currency."""

    amount: Decimal
    currency: str

    def __init__(self, amount: Decimal | int | str, currency: str = BRL) -> None:
        if currency not in _CURRENCIES:
            _check_currency(currency)
        rounded = _to_decimal(amount).quantize(CENTAVO, rounding=ROUND_HALF_EVEN)
        # Frozen: fields are set through __dict__, which is what object.__setattr__ does, faster.
        fields = self.__dict__
        fields["amount"] = abs(rounded) if rounded.is_zero() else rounded
        fields["currency"] = currency

    @classmethod
    def zero(cls, currency: str = BRL) -> Money:
        """Zero in `currency`; one shared instance per currency, as money is immutable."""
        zero = _ZEROS.get(currency)
        if zero is None:
            zero = _ZEROS.setdefault(currency, cls(0, currency))
        return zero

    @classmethod
    def sum(cls, amounts: Iterable[Money], currency: str = BRL) -> Money:
        """Add up amounts of one currency; an empty iterable gives zero in `currency`."""
        values = list(amounts)
        if not values:
            return cls.zero(currency)
        first = values[0]
        for value in values:
            first._same_currency(value)
        return cls(sum((value.amount for value in values), Decimal(0)), first.currency)

    @property
    def centavos(self) -> int:
        return int(self.amount * 100)

    def is_zero(self) -> bool:
        return self.amount.is_zero()

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.amount + other.amount, self._same_currency(other))

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.amount - other.amount, self._same_currency(other))

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, float | bool):
            raise TypeError(f"multiply money by an int or Decimal, not {factor!r}")
        if not isinstance(factor, int | Decimal):
            return NotImplemented
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    def __lt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return self.amount < other.amount

    def __str__(self) -> str:
        """Currency sign and amount with thousands separated: R$ 70,043.18."""
        return f"{currency_sign(self.currency)} {self.amount:,}"

    def _same_currency(self, other: Money) -> str:
        if other.currency != self.currency:
            raise CurrencyMismatch(self.currency, other.currency)
        return self.currency


# Hydrating thousands of order lines compares each price with zero: build it once per currency.
_ZEROS: dict[str, Money] = {}
