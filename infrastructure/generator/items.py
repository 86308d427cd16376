"""Item rows of a chunk of orders, and each order's basket value (price + freight, in cents).

Freight grows with the parcel's weight and the distance between seller and customer state.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from infrastructure.generator import calibration
from infrastructure.generator.catalog import NO_WEIGHT, Catalog
from infrastructure.generator.geography_data import STATES
from infrastructure.generator.order_plan import OrderPlan
from infrastructure.generator.randomness import Entity, hex_ids
from infrastructure.generator.timeline import DAY, NAT, Timeline
from infrastructure.generator.zip_table import ZipTable

_SHIPPING_LIMIT_DAYS = 6
_FREIGHT_BASE_CENTS = 830
_MEDIAN_WEIGHT_KG = 0.7


def _freight_cents(
    rng: np.random.Generator,
    weight_g: np.ndarray,
    seller_state: np.ndarray,
    buyer_state: np.ndarray,
) -> np.ndarray:
    weight_kg = np.where(weight_g == NO_WEIGHT, _MEDIAN_WEIGHT_KG, weight_g / 1000)
    remoteness = np.array([s.delivery_days for s in STATES])[buyer_state] / 30
    distance = np.where(seller_state == buyer_state, 1.0, 1.25 + remoteness)
    noise = rng.lognormal(0.0, 0.3, len(weight_g))
    cents = _FREIGHT_BASE_CENTS * distance * (1 + weight_kg) ** 0.55 * noise
    free = rng.random(len(weight_g)) < calibration.ZERO_FREIGHT_SHARE
    return np.where(free, 0, np.round(cents)).astype(np.int64)


def item_frame(
    seed: int,
    rng: np.random.Generator,
    plan: OrderPlan,
    catalog: Catalog,
    zips: ZipTable,
    orders: np.ndarray,
    timeline: Timeline,
    buyer_state: np.ndarray,
) -> tuple[pl.DataFrame, np.ndarray]:
    """The item rows of `orders` and, per order, the value of its items plus freight."""
    count = plan.item_count[orders].astype(np.int64)
    same = plan.same_product[orders]
    owner = np.repeat(np.arange(len(orders)), count)
    first_row = np.cumsum(count) - count
    position = np.arange(len(owner)) - first_row[owner]
    slot_start = plan.slot_end[orders] - np.where(same, 1, count)
    product = plan.product_slots[slot_start[owner] + np.where(same[owner], 0, position)]
    seller = catalog.product_seller[product]
    price = catalog.product_price_cents[product]
    seller_state = zips.state[catalog.seller_zip[seller]]
    freight = _freight_cents(
        rng, catalog.product_weight_g[product], seller_state, buyer_state[owner]
    )
    freight = np.where(same[owner], freight[first_row[owner]], freight)
    handed_over = np.where(timeline.approved == NAT, timeline.purchase, timeline.approved)
    frame = pl.DataFrame(
        {
            "order_id": hex_ids(seed, Entity.ORDER, orders[owner]),
            "order_item_id": position + 1,
            "product_id": hex_ids(seed, Entity.PRODUCT, product),
            "seller_id": hex_ids(seed, Entity.SELLER, seller),
            "shipping_limit_date": handed_over[owner] + _SHIPPING_LIMIT_DAYS * DAY,
            "price": price,
            "freight_value": freight,
        }
    )
    basket = np.bincount(owner, weights=price + freight, minlength=len(orders))
    return frame, np.round(basket).astype(np.int64)
