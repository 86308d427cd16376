"""Decisions taken once for all orders: status, basket size, products, payment plan, anomalies.

They are small integers per order, drawn globally so that counts are exact at every scale and
every chunk can be generated on its own; chunks then add times, money and text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, IntFlag

import numpy as np

from infrastructure.generator import calibration
from infrastructure.generator.calibration import Scale
from infrastructure.generator.catalog import Catalog
from infrastructure.generator.randomness import pick, sample
from infrastructure.source.contract import ORDER_STATUSES

DELIVERED = ORDER_STATUSES.index("delivered")
CANCELED = ORDER_STATUSES.index("canceled")


class PaymentPlan(IntEnum):
    CREDIT_CARD = 0
    BOLETO = 1
    DEBIT_CARD = 2
    VOUCHER = 3
    CREDIT_CARD_AND_VOUCHER = 4
    NOT_DEFINED = 5


class Mark(IntFlag):
    """Documented anomalies an order carries."""

    NO_PAYMENT = 1
    PAYMENT_MISMATCH = 2
    ZERO_VOUCHER = 4
    ZERO_INSTALLMENTS = 8
    DELIVERED_WITHOUT_DATE = 16
    DELIVERED_WITHOUT_APPROVAL = 32
    CANCELED_WITH_DELIVERY = 64
    CARRIER_BEFORE_PURCHASE = 128
    UNREVIEWED = 256
    TWO_REVIEWS = 512
    SHARED_REVIEW = 1024


@dataclass(frozen=True)
class OrderPlan:
    """Per order: status, item rows, product slots, payment plan and anomaly marks."""

    status: np.ndarray
    item_count: np.ndarray  # 0 for orders without items
    same_product: np.ndarray  # every item row repeats one product
    slot_end: np.ndarray  # the order's products are product_slots[slot_end[i-1]:slot_end[i]]
    product_slots: np.ndarray
    payment_plan: np.ndarray
    voucher_count: np.ndarray
    marks: np.ndarray

    def has(self, orders: np.ndarray, mark: Mark) -> np.ndarray:
        marked: np.ndarray = (self.marks[orders] & int(mark)) != 0
        return marked


def build_order_plan(rng: np.random.Generator, scale: Scale, catalog: Catalog) -> OrderPlan:
    """Draw every order's categorical facts, with anomalies at the real rates."""
    status = _statuses(rng, scale)
    item_count = sample(rng, calibration.ITEMS_PER_ORDER, len(status)).astype(np.int8)
    for name, share in calibration.NO_ITEMS_SHARE.items():
        code = ORDER_STATUSES.index(name)
        of_status = status == code
        item_count[pick(rng, of_status, round(share * int(of_status.sum())))] = 0
    same_product = (item_count > 1) & (rng.random(len(status)) < calibration.SAME_PRODUCT_SHARE)
    slot_end = np.cumsum(np.where(same_product, 1, item_count), dtype=np.int64)
    plan, vouchers = _payment_plans(rng, scale, status, item_count)
    return OrderPlan(
        status=status,
        item_count=item_count,
        same_product=same_product,
        slot_end=slot_end,
        product_slots=_product_slots(rng, catalog, int(slot_end[-1])),
        payment_plan=plan,
        voucher_count=vouchers,
        marks=_marks(rng, scale, status, item_count, plan, vouchers),
    )


def _statuses(rng: np.random.Generator, scale: Scale) -> np.ndarray:
    counts = {
        name: max(1, round(count * scale.ratio))
        for name, count in calibration.STATUS_COUNTS.items()
        if name != "delivered"
    }
    counts["delivered"] = scale.orders - sum(counts.values())
    codes = np.repeat([ORDER_STATUSES.index(name) for name in counts], list(counts.values()))
    return rng.permutation(codes).astype(np.int8)


def _product_slots(rng: np.random.Generator, catalog: Catalog, slots: int) -> np.ndarray:
    """Every product once (all products sell), the rest by popularity, shuffled."""
    extra = rng.choice(
        catalog.product_count, max(0, slots - catalog.product_count), p=catalog.product_popularity
    )
    every_product = np.arange(catalog.product_count)
    return rng.permutation(np.concatenate([every_product, extra]))[:slots].astype(np.int32)


def _payment_plans(
    rng: np.random.Generator, scale: Scale, status: np.ndarray, item_count: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    weights = dict(enumerate(calibration.PAYMENT_PLANS.values()))
    plan = sample(rng, weights, len(status)).astype(np.int8)
    canceled_empty = (status == CANCELED) & (item_count == 0)
    eligible = canceled_empty if canceled_empty.any() else status == CANCELED
    plan[pick(rng, eligible, scale.anomaly("not_defined_payments"))] = PaymentPlan.NOT_DEFINED
    with_voucher = np.isin(plan, [PaymentPlan.VOUCHER, PaymentPlan.CREDIT_CARD_AND_VOUCHER])
    vouchers = sample(rng, calibration.VOUCHERS_PER_ORDER, len(status))
    return plan, np.where(with_voucher, vouchers, 0).astype(np.int8)


def _marks(
    rng: np.random.Generator,
    scale: Scale,
    status: np.ndarray,
    item_count: np.ndarray,
    plan: np.ndarray,
    vouchers: np.ndarray,
) -> np.ndarray:
    """Anomaly marks; within a group (payments, timeline, reviews) an order gets at most one."""
    marks = np.zeros(len(status), dtype=np.uint16)
    delivered, has_items = status == DELIVERED, item_count > 0
    credit = plan == PaymentPlan.CREDIT_CARD
    single_voucher = (plan == PaymentPlan.CREDIT_CARD_AND_VOUCHER) & (vouchers == 1)
    everyone = np.ones(len(status), dtype=bool)
    count = scale.anomaly
    groups: tuple[tuple[tuple[Mark, int, np.ndarray], ...], ...] = (
        (
            (Mark.NO_PAYMENT, count("orders_without_payment"), delivered & has_items & credit),
            (Mark.PAYMENT_MISMATCH, count("payment_mismatch_orders"), has_items & credit),
            (Mark.ZERO_INSTALLMENTS, count("zero_installment_payments"), credit),
            (Mark.ZERO_VOUCHER, count("zero_value_vouchers"), single_voucher),
        ),
        (
            (Mark.DELIVERED_WITHOUT_DATE, count("delivered_without_delivery_date"), delivered),
            (Mark.DELIVERED_WITHOUT_APPROVAL, count("delivered_without_approval"), delivered),
            (Mark.CARRIER_BEFORE_PURCHASE, count("carrier_before_purchase"), delivered),
            (
                Mark.CANCELED_WITH_DELIVERY,
                count("canceled_with_delivery_date"),
                (status == CANCELED) & has_items,
            ),
        ),
        (
            (Mark.UNREVIEWED, scale.scaled(calibration.UNREVIEWED_ORDERS, minimum=0), everyone),
            (Mark.TWO_REVIEWS, count("orders_with_two_reviews"), everyone),
            (Mark.SHARED_REVIEW, count("shared_review_rows"), everyone),
        ),
    )
    for group in groups:
        taken = np.zeros(len(status), dtype=bool)
        for mark, wanted, eligible in group:
            chosen = pick(rng, eligible & ~taken, wanted)
            marks[chosen] |= np.uint16(mark)
            taken[chosen] = True
    return marks
