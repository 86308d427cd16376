"""One chunk of orders and everything hanging off them: customers, items, payments, reviews.

A chunk needs only the shared, compact world (prefixes, catalog, people, order plan) and its own
random stream, so chunks are independent and memory stays bounded at any scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from infrastructure.generator.calibration import Scale
from infrastructure.generator.catalog import Catalog, build_catalog
from infrastructure.generator.csv_writer import nullable
from infrastructure.generator.items import item_frame
from infrastructure.generator.order_plan import OrderPlan, build_order_plan
from infrastructure.generator.payments import payment_frame
from infrastructure.generator.people import People, build_people, customer_frame, customer_zips
from infrastructure.generator.randomness import Entity, hex_ids, stream
from infrastructure.generator.reviews import review_frame
from infrastructure.generator.timeline import NAT, PurchaseCalendar, Timeline, build_timeline
from infrastructure.generator.zip_table import ZipTable, build_zip_table
from infrastructure.source.contract import ORDER_STATUSES


@dataclass(frozen=True)
class World:
    """What every chunk shares: prefixes, catalog, people and the plan of all orders."""

    seed: int
    zips: ZipTable
    catalog: Catalog
    people: People
    plan: OrderPlan
    calendar: PurchaseCalendar

    @classmethod
    def build(cls, seed: int, scale: Scale) -> World:
        zips = build_zip_table(stream(seed, "zips"), scale)
        catalog = build_catalog(stream(seed, "catalog"), zips, scale)
        return cls(
            seed=seed,
            zips=zips,
            catalog=catalog,
            people=build_people(stream(seed, "people"), zips, scale),
            plan=build_order_plan(stream(seed, "plan"), scale, catalog),
            calendar=PurchaseCalendar.real(),
        )

    @property
    def order_count(self) -> int:
        return len(self.plan.status)


def _timestamp(values: np.ndarray) -> pl.Series:
    return nullable(values, values == NAT)


def _order_frame(seed: int, plan: OrderPlan, orders: np.ndarray, times: Timeline) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "order_id": hex_ids(seed, Entity.ORDER, orders),
            "customer_id": hex_ids(seed, Entity.CUSTOMER, orders),
            "order_status": pl.Series(ORDER_STATUSES).gather(plan.status[orders]),
            "order_purchase_timestamp": _timestamp(times.purchase),
            "order_approved_at": _timestamp(times.approved),
            "order_delivered_carrier_date": _timestamp(times.carrier),
            "order_delivered_customer_date": _timestamp(times.delivered),
            "order_estimated_delivery_date": _timestamp(times.estimated),
        }
    )


def order_chunk_frames(world: World, chunk: int, orders: np.ndarray) -> dict[str, pl.DataFrame]:
    """Frames of the five order-related tables for `orders`, keyed by contract table name."""
    rng = stream(world.seed, "orders", chunk)
    zip_index = customer_zips(rng, world.people, world.zips, orders)
    buyer_state = world.zips.state[zip_index]
    times = build_timeline(rng, world.calendar, world.plan, orders, buyer_state)
    items, basket = item_frame(
        world.seed, rng, world.plan, world.catalog, world.zips, orders, times, buyer_state
    )
    return {
        "customers": customer_frame(world.seed, world.people, world.zips, orders, zip_index),
        "orders": _order_frame(world.seed, world.plan, orders, times),
        "order_items": items,
        "order_payments": payment_frame(world.seed, rng, world.plan, orders, basket),
        "order_reviews": review_frame(world.seed, rng, world.plan, orders, times),
    }
