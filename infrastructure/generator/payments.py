"""Payment rows of a chunk of orders: one per card or boleto, one per voucher.

Payments add up to the basket to the cent, except for the marked anomalies: card interest
(mismatch), zero-value vouchers, zero instalments, not_defined rows and the unpaid order.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from infrastructure.generator import calibration
from infrastructure.generator.order_plan import Mark, OrderPlan, PaymentPlan
from infrastructure.generator.randomness import Entity, hex_ids, sample
from infrastructure.source.contract import PAYMENT_TYPES

_TYPE_OF_PLAN = np.array(
    [PAYMENT_TYPES.index(name) for name in ("credit_card", "boleto", "debit_card", "voucher")]
    + [PAYMENT_TYPES.index("credit_card"), PAYMENT_TYPES.index("not_defined")]
)
_VOUCHER = PAYMENT_TYPES.index("voucher")
_CREDIT_CARD = PAYMENT_TYPES.index("credit_card")
_GHOST_BASKET_MEDIAN_CENTS = 10_000  # orders without items were still paid for


def payment_frame(
    seed: int, rng: np.random.Generator, plan: OrderPlan, orders: np.ndarray, basket: np.ndarray
) -> pl.DataFrame:
    """Payment rows of `orders` (shuffled, as in the real file)."""
    n = len(orders)
    kind = plan.payment_plan[orders]
    vouchers = plan.voucher_count[orders].astype(np.int64)
    ghost = np.round(rng.lognormal(np.log(_GHOST_BASKET_MEDIAN_CENTS), 0.8, n)).astype(np.int64)
    amount = np.where(plan.item_count[orders] == 0, ghost, basket)
    interest = rng.uniform(0.03, 0.25, n)
    mismatch = plan.has(orders, Mark.PAYMENT_MISMATCH)
    amount = np.where(mismatch, np.round(amount * (1 + interest)).astype(np.int64), amount)
    amount = np.where(kind == PaymentPlan.NOT_DEFINED, 0, amount)

    voucher_share = np.where(kind == PaymentPlan.VOUCHER, 1.0, rng.uniform(0.05, 0.6, n))
    voucher_total = np.where(vouchers > 0, np.round(amount * voucher_share), 0).astype(np.int64)
    voucher_total[plan.has(orders, Mark.ZERO_VOUCHER)] = 0
    card_row = kind != PaymentPlan.VOUCHER
    rows = np.where(plan.has(orders, Mark.NO_PAYMENT), 0, vouchers + card_row)

    owner = np.repeat(np.arange(n), rows)
    sequential = np.arange(len(owner)) - (np.cumsum(rows) - rows)[owner] + 1
    is_card = card_row[owner] & (sequential == 1)
    payment_type = np.where(is_card, _TYPE_OF_PLAN[kind[owner]], _VOUCHER)
    value = np.where(is_card, (amount - voucher_total)[owner], 0)
    value[~is_card] = _split(rng, voucher_total, owner[~is_card])
    installments = np.ones(len(owner), dtype=np.int64)
    credit = payment_type == _CREDIT_CARD
    affordable = np.maximum(1, value[credit] // calibration.MIN_INSTALLMENT_CENTS)
    drawn = sample(rng, calibration.CREDIT_INSTALLMENTS, int(credit.sum()))
    installments[credit] = np.minimum(drawn, affordable)
    installments[credit & plan.has(orders, Mark.ZERO_INSTALLMENTS)[owner]] = 0

    shuffled = rng.permutation(len(owner))
    owner = owner[shuffled]
    return pl.DataFrame(
        {
            "order_id": hex_ids(seed, Entity.ORDER, orders[owner]),
            "payment_sequential": sequential[shuffled],
            "payment_type": pl.Series(PAYMENT_TYPES).gather(payment_type[shuffled]),
            "payment_installments": installments[shuffled],
            "payment_value": value[shuffled],
        }
    )


def _split(rng: np.random.Generator, total: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Split each order's total over its rows at random; the first row takes the remainder."""
    weight = rng.uniform(0.2, 1.0, len(owner))
    weight_sum = np.bincount(owner, weights=weight, minlength=len(total))
    part: np.ndarray = np.floor(total[owner] * weight / weight_sum[owner]).astype(np.int64)
    remainder = total - np.bincount(owner, weights=part, minlength=len(total)).astype(np.int64)
    first = np.ones(len(owner), dtype=bool)
    first[1:] = owner[1:] != owner[:-1]
    part[first] += remainder[owner[first]]
    return part
