"""When things happen: purchase seasonality and each order's approval, shipping and delivery.

Times are int64 epoch seconds (naive Brazil local time) with `NAT` for a missing value.
Deliveries take longer to far states and in the congested windows of the real period.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from infrastructure.generator import calibration
from infrastructure.generator.geography_data import STATES
from infrastructure.generator.order_plan import DELIVERED, Mark, OrderPlan, PaymentPlan
from infrastructure.source.contract import ORDER_STATUSES

NAT = np.iinfo(np.int64).min
HOUR = 3_600
DAY = 86_400
_CREATED = ORDER_STATUSES.index("created")
_SHIPPED = ORDER_STATUSES.index("shipped")
_CANCELED = ORDER_STATUSES.index("canceled")
_CANCELED_APPROVED_SHARE = 0.77
_CANCELED_SHIPPED_SHARE = 0.12
_ESTIMATE_MARGIN_DAYS = 11.5
_TRANSIT_SHAPE = 3.5
_MISHAP_SHARE = 0.04  # parcels lost or re-routed for a while, wherever they go
_MISHAP_DAYS = 14.0
_DAYS_BEFORE_TRANSIT = 4.5  # approval and hand-over, within the real purchase-to-door mean


def day_of(seconds: np.ndarray) -> np.ndarray:
    """Midnight of each time; missing stays missing."""
    return np.where(seconds == NAT, NAT, seconds - seconds % DAY)


def _epoch_days(start: str, end: str) -> np.ndarray:
    days = np.arange(np.datetime64(start), np.datetime64(end) + 1, dtype="datetime64[D]")
    return days.astype("datetime64[s]").astype(np.int64)


@dataclass(frozen=True)
class PurchaseCalendar:
    """Probability of a purchase on each day of the real period."""

    day_start: np.ndarray
    probability: np.ndarray

    @classmethod
    def real(cls) -> PurchaseCalendar:
        day_start = _epoch_days(calibration.FIRST_PURCHASE_DAY, calibration.LAST_PURCHASE_DAY)
        dates = day_start.astype("datetime64[s]").astype("datetime64[D]")
        months = dates.astype("datetime64[M]")
        weekday = (dates.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
        weight = np.asarray(calibration.WEEKDAY_WEIGHTS, dtype=np.float64)[weekday]
        for (year, month), orders in calibration.MONTHLY_ORDERS.items():
            in_month = months == np.datetime64(f"{year}-{month:02d}")
            weight[in_month] *= orders / weight[in_month].sum()
        peak_days = np.array(list(calibration.PEAK_DAYS), dtype="datetime64[D]")
        peak = np.isin(dates, peak_days)
        peak_month = months == peak_days[0].astype("datetime64[M]")
        rest_of_month = peak_month & ~peak
        month_orders, peak_orders = weight[peak_month].sum(), sum(calibration.PEAK_DAYS.values())
        weight[rest_of_month] *= (month_orders - peak_orders) / weight[rest_of_month].sum()
        weight[peak] = list(calibration.PEAK_DAYS.values())
        return cls(day_start, weight / weight.sum())

    def draw(self, rng: np.random.Generator, count: int) -> np.ndarray:
        day = rng.choice(self.day_start, count, p=self.probability)
        hours = np.asarray(calibration.HOUR_WEIGHTS, dtype=np.float64)
        hour = rng.choice(24, count, p=hours / hours.sum())
        return day + hour * HOUR + rng.integers(0, HOUR, count)


@dataclass(frozen=True)
class Timeline:
    """The five timestamps of a chunk of orders, as written to the orders file."""

    purchase: np.ndarray
    approved: np.ndarray
    carrier: np.ndarray
    delivered: np.ndarray
    estimated: np.ndarray

    @property
    def late(self) -> np.ndarray:
        """Delivered on a day after the estimated day (the SPEC's definition)."""
        late: np.ndarray = (self.delivered != NAT) & (day_of(self.delivered) > self.estimated)
        return late


def _slowdown(purchase: np.ndarray) -> np.ndarray:
    factor = np.ones(len(purchase))
    for start, end, slower in calibration.SLOW_DELIVERY_WINDOWS:
        window = _epoch_days(start, end)
        factor[(purchase >= window[0]) & (purchase < window[-1] + DAY)] = slower
    return factor


def build_timeline(
    rng: np.random.Generator,
    calendar: PurchaseCalendar,
    plan: OrderPlan,
    orders: np.ndarray,
    customer_state: np.ndarray,
) -> Timeline:
    """Purchase, approval, hand-over to the carrier, delivery and estimate of each order."""
    n = len(orders)
    status = plan.status[orders]
    purchase = calendar.draw(rng, n)
    boleto = plan.payment_plan[orders] == PaymentPlan.BOLETO
    instant = rng.lognormal(np.log(15 * 60), 1.2, n)
    held = rng.random(n) < 0.08  # card payments held for a fraud check
    instant += np.where(held, rng.lognormal(np.log(DAY), 0.6, n), 0.0)
    approval_delay = np.where(boleto, rng.lognormal(np.log(1.2 * DAY), 0.5, n), instant)
    approved = purchase + approval_delay.astype(np.int64)
    carrier = approved + (rng.gamma(1.6, 1.75, n) * DAY).astype(np.int64)
    delivery_days = np.array([s.delivery_days for s in STATES])[customer_state]
    transit_mean = np.maximum(1.5, delivery_days - _DAYS_BEFORE_TRANSIT) * _slowdown(purchase)
    transit = rng.gamma(_TRANSIT_SHAPE, transit_mean / _TRANSIT_SHAPE)
    mishap = rng.random(n) < _MISHAP_SHARE
    transit[mishap] += rng.lognormal(np.log(_MISHAP_DAYS), 0.5, int(mishap.sum()))
    delivered = carrier + (transit * DAY).astype(np.int64)
    estimate = np.round(delivery_days + _ESTIMATE_MARGIN_DAYS + rng.normal(0, 3, n))
    estimated = day_of(purchase) + np.maximum(estimate, 3).astype(np.int64) * DAY

    canceled = status == _CANCELED
    canceled_delivered = plan.has(orders, Mark.CANCELED_WITH_DELIVERY)
    canceled_approved = canceled & (rng.random(n) < _CANCELED_APPROVED_SHARE)
    canceled_shipped = canceled_approved & (rng.random(n) < _CANCELED_SHIPPED_SHARE)
    has_approval = ~((status == _CREATED) | (canceled & ~canceled_approved))
    has_approval &= ~plan.has(orders, Mark.DELIVERED_WITHOUT_APPROVAL)
    shipped = (status == _SHIPPED) | (status == DELIVERED) | canceled_shipped
    has_delivery = (status == DELIVERED) & ~plan.has(orders, Mark.DELIVERED_WITHOUT_DATE)
    early = plan.has(orders, Mark.CARRIER_BEFORE_PURCHASE)
    carrier[early] = purchase[early] - rng.integers(2 * HOUR, 3 * DAY, int(early.sum()))
    return Timeline(
        purchase=purchase,
        approved=np.where(has_approval | canceled_delivered, approved, NAT),
        carrier=np.where(shipped | canceled_delivered, carrier, NAT),
        delivered=np.where(has_delivery | canceled_delivered, delivered, NAT),
        estimated=estimated,
    )
