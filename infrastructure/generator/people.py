"""Buyers: persons (customer_unique_id) with a home address, and the customer row of each order.

The real export has one customer_id per order; a person who buys again gets a new customer_id
under the same customer_unique_id, usually at the same address.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from infrastructure.generator import calibration
from infrastructure.generator.calibration import Scale
from infrastructure.generator.randomness import Entity, hex_ids, sample
from infrastructure.generator.zip_table import ZipTable, zip_text


@dataclass(frozen=True)
class People:
    """Per order the person placing it; per person the home prefix and number of orders."""

    order_person: np.ndarray
    person_zip: np.ndarray
    person_orders: np.ndarray


def build_people(rng: np.random.Generator, zips: ZipTable, scale: Scale) -> People:
    """Draw persons, their addresses and how many of the orders each one places."""
    orders = scale.orders
    persons = min(scale.scaled(calibration.PERSONS), orders)
    person_orders = np.ones(persons, dtype=np.int64)
    extra = _repeat_orders(rng, orders - persons)
    person_orders[: len(extra)] += extra
    person_orders = rng.permutation(person_orders)
    order_person = rng.permutation(np.repeat(np.arange(persons), person_orders))

    person_zip = rng.choice(len(zips), persons, p=zips.customer_weight)
    unlisted = np.flatnonzero(~zips.in_geolocation)
    movers = rng.choice(
        np.flatnonzero(person_orders == 1),
        min(scale.anomaly("customers_in_missing_zips"), persons),
        replace=False,
    )
    person_zip[movers] = rng.choice(unlisted, len(movers))
    return People(
        order_person=order_person.astype(np.int32),
        person_zip=person_zip.astype(np.int32),
        person_orders=person_orders.astype(np.int16),
    )


def _repeat_orders(rng: np.random.Generator, total: int) -> np.ndarray:
    """Extra orders per repeat buyer, following the real distribution, summing to `total`."""
    repeat_pmf = {k - 1: n for k, n in calibration.ORDERS_PER_PERSON.items() if k > 1}
    drawn = sample(rng, repeat_pmf, total)
    within = np.cumsum(drawn) <= total
    extra = drawn[within]
    remainder = total - int(extra.sum())
    return np.append(extra, remainder) if remainder else extra


def customer_zips(
    rng: np.random.Generator, people: People, zips: ZipTable, orders: np.ndarray
) -> np.ndarray:
    """Delivery prefix of each order: the person's home, or elsewhere for some repeat orders."""
    person = people.order_person[orders]
    zip_index: np.ndarray = people.person_zip[person].astype(np.int64)
    moved = (people.person_orders[person] > 1) & (
        rng.random(len(orders)) < calibration.MOVED_REPEAT_ORDER_SHARE
    )
    zip_index[moved] = rng.choice(len(zips), int(moved.sum()), p=zips.customer_weight)
    return zip_index


def customer_frame(
    seed: int, people: People, zips: ZipTable, orders: np.ndarray, zip_index: np.ndarray
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": hex_ids(seed, Entity.CUSTOMER, orders),
            "customer_unique_id": hex_ids(seed, Entity.PERSON, people.order_person[orders]),
            "customer_zip_code_prefix": zip_text(pl.Series(zips.code[zip_index])),
            "customer_city": zips.city_names.gather(zips.city[zip_index]),
            "customer_state": zips.state_codes.gather(zips.state[zip_index]),
        }
    )
