"""Figures of the real Olist export (scale 1) that the generator reproduces in proportion.

Counts are the real ones; `Scale` turns them into counts for any scale. Anomalies keep at least one
occurrence at every scale so that tests and the quality report always find them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ORDERS = 99_441
PERSONS = 96_096
PRODUCTS = 32_951
SELLERS = 3_095
GEOLOCATION_ROWS = 1_000_163
ZIP_PREFIXES = 19_015
MIN_ORDERS = 100  # below this the anomaly quotas no longer fit

STATUS_COUNTS: dict[str, int] = {
    "delivered": 96_478,
    "shipped": 1_107,
    "canceled": 625,
    "unavailable": 609,
    "invoiced": 314,
    "processing": 301,
    "created": 5,
    "approved": 2,
}
# Share of each status whose orders have no item rows (775 orders in all).
NO_ITEMS_SHARE: dict[str, float] = {
    "unavailable": 603 / 609,
    "canceled": 164 / 625,
    "created": 1.0,
    "invoiced": 2 / 314,
    "shipped": 1 / 1_107,
}
ORDERS_PER_PERSON: dict[int, int] = {
    1: 93_099, 2: 2_745, 3: 203, 4: 30, 5: 8, 6: 6, 7: 3, 9: 1, 17: 1,
}  # fmt: skip
ITEMS_PER_ORDER: dict[int, int] = {
    1: 88_863, 2: 7_516, 3: 1_322, 4: 505, 5: 204, 6: 198, 7: 22, 8: 8, 9: 3, 10: 8, 11: 4,
    12: 5, 13: 1, 14: 2, 15: 2, 20: 2, 21: 1,
}  # fmt: skip
SAME_PRODUCT_SHARE = 0.72  # multi-item orders whose rows repeat one product (quantity > 1)

# Payment plans per order; rows per plan follow from the voucher count.
PAYMENT_PLANS: dict[str, int] = {
    "credit_card": 74_300,
    "boleto": 19_784,
    "debit_card": 1_529,
    "voucher": 1_200,
    "credit_card+voucher": 2_624,
}
VOUCHERS_PER_ORDER: dict[int, int] = {
    1: 740, 2: 150, 3: 50, 4: 25, 5: 15, 6: 8, 7: 4, 8: 3, 10: 2, 13: 1, 19: 1,
}  # fmt: skip
CREDIT_INSTALLMENTS: dict[int, int] = {
    1: 25_455, 2: 12_413, 3: 10_461, 4: 7_098, 5: 5_239, 6: 3_920, 7: 1_626, 8: 4_268, 9: 644,
    10: 5_328, 11: 23, 12: 133, 13: 16, 14: 15, 15: 74, 16: 5, 17: 8, 18: 27, 20: 17, 21: 3,
    22: 1, 23: 1, 24: 18,
}  # fmt: skip
MIN_INSTALLMENT_CENTS = 500

# Orders per purchase month; the edge months are nearly empty in the real export.
MONTHLY_ORDERS: dict[tuple[int, int], int] = {
    (2016, 9): 4, (2016, 10): 324, (2016, 11): 0, (2016, 12): 1,
    (2017, 1): 800, (2017, 2): 1_780, (2017, 3): 2_682, (2017, 4): 2_404, (2017, 5): 3_700,
    (2017, 6): 3_245, (2017, 7): 4_026, (2017, 8): 4_331, (2017, 9): 4_285, (2017, 10): 4_631,
    (2017, 11): 7_544, (2017, 12): 5_673, (2018, 1): 7_269, (2018, 2): 6_728, (2018, 3): 7_211,
    (2018, 4): 6_939, (2018, 5): 6_873, (2018, 6): 6_167, (2018, 7): 6_292, (2018, 8): 6_512,
    (2018, 9): 16, (2018, 10): 4,
}  # fmt: skip
FIRST_PURCHASE_DAY = "2016-09-04"
LAST_PURCHASE_DAY = "2018-10-17"
# Black Friday 2017 and the following days, as orders on that day.
PEAK_DAYS: dict[str, int] = {"2017-11-24": 1_176, "2017-11-25": 499, "2017-11-26": 391}
WEEKDAY_WEIGHTS = (16_196, 15_963, 15_552, 14_761, 14_122, 10_887, 11_960)  # Monday first
HOUR_WEIGHTS = (
    2_394, 1_170, 510, 272, 206, 188, 502, 1_231, 2_967, 4_785, 6_177, 6_578,
    5_995, 6_518, 6_569, 6_454, 6_675, 6_150, 5_769, 5_982, 6_193, 6_217, 5_816, 4_123,
)  # fmt: skip
# Purchase windows whose deliveries ran slow (Black Friday backlog, Carnival, truckers' strike).
SLOW_DELIVERY_WINDOWS: tuple[tuple[str, str, float], ...] = (
    ("2017-11-20", "2017-12-15", 1.5),
    ("2018-02-10", "2018-03-25", 1.7),
    ("2018-05-15", "2018-06-05", 1.4),
)

# Review score by how the order went, 1-star first; mixed they give 58/19/8/3/11 %.
REVIEW_SCORES_ON_TIME = (0.070, 0.025, 0.080, 0.200, 0.625)
REVIEW_SCORES_LATE = (0.450, 0.090, 0.110, 0.130, 0.220)
REVIEW_SCORES_UNDELIVERED = (0.600, 0.080, 0.080, 0.070, 0.170)
MESSAGE_SHARE_BY_SCORE = (0.76, 0.70, 0.55, 0.32, 0.34)
TITLE_SHARE_BY_SCORE = (0.14, 0.13, 0.11, 0.10, 0.12)
UNREVIEWED_ORDERS = 768

# Documented anomalies of the real export, as occurrences at scale 1.
ANOMALIES: dict[str, int] = {
    "orders_with_two_reviews": 551,
    "shared_review_rows": 814,
    "payment_mismatch_orders": 300,
    "orders_without_payment": 1,
    "not_defined_payments": 3,
    "zero_value_vouchers": 6,
    "zero_installment_payments": 2,
    "delivered_without_delivery_date": 8,
    "delivered_without_approval": 14,
    "canceled_with_delivery_date": 6,
    "carrier_before_purchase": 250,
    "products_without_category": 610,
    "products_without_measures": 2,
    "geolocation_outside_brazil": 42,
    "zips_missing_from_geolocation": 157,
    "customers_in_missing_zips": 278,
}
GEOLOCATION_DUPLICATE_SHARE = 261_831 / GEOLOCATION_ROWS
ZERO_FREIGHT_SHARE = 383 / 112_650
MOVED_REPEAT_ORDER_SHARE = 0.1  # orders of repeat buyers shipped to another address


@dataclass(frozen=True)
class Scale:
    """A dataset size relative to the real export (1.0 = real size)."""

    factor: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.factor) or self.factor <= 0:
            raise ValueError(
                f"scale must be a positive number (1 = real size), got {self.factor!r}"
            )

    @property
    def orders(self) -> int:
        return max(MIN_ORDERS, round(ORDERS * self.factor))

    @property
    def ratio(self) -> float:
        """Scale as actually realised, once the order floor is applied."""
        return self.orders / ORDERS

    def anomaly(self, name: str) -> int:
        return max(1, round(ANOMALIES[name] * self.ratio))

    def scaled(self, real: int, minimum: int = 1) -> int:
        """A size proportional to the realised order count."""
        return max(minimum, round(real * self.ratio))
