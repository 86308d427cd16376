"""Sellers and products: who sells what, at which price, and how popular each product is.

Every seller owns at least one product and (through the order plan) every product sells at least
once, as in the real export, where both files list only what appears in the items file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import polars as pl

from infrastructure.generator import calibration
from infrastructure.generator.calibration import Scale
from infrastructure.generator.category_data import (
    CATEGORIES,
    UNCATEGORISED_ITEMS_PER_PRODUCT,
    UNCATEGORISED_PRICE_MEDIAN,
)
from infrastructure.generator.csv_writer import nullable
from infrastructure.generator.geography_data import STATES
from infrastructure.generator.randomness import Entity, hex_ids, stream
from infrastructure.generator.zip_table import ZipTable, zip_text
from infrastructure.source.contract import PRODUCTS

NO_CATEGORY = -1
NO_WEIGHT = -1
_ROWS_PER_CHUNK = 250_000
_BEST_SELLER_SHARE = 527 / 112_650  # items of the real best-selling product
_MEDIAN_WEIGHT_G = 700
_PRICE_SIGMA = 0.85
_PRICE_LEVEL = 0.93  # brings the median item price to the real 74.99
_MAX_PRICE_CENTS = 6_735_00
_PRICE_ENDINGS = np.array([90, 99, 0])  # cents of "59.90", "12.99", "100.00"; else any
# Package measures in cm: typical size at the median weight, and the real file's range.
_MEASURES: dict[str, tuple[float, int, int]] = {
    "product_length_cm": (25, 7, 105),
    "product_height_cm": (13, 2, 105),
    "product_width_cm": (20, 6, 118),
}


@dataclass(frozen=True)
class Catalog:
    """Per seller its CEP prefix; per product its category, seller, price, weight, popularity."""

    seller_zip: np.ndarray
    product_category: np.ndarray
    product_seller: np.ndarray
    product_price_cents: np.ndarray
    product_weight_g: np.ndarray
    product_popularity: np.ndarray  # probabilities of being picked for an extra sale

    @property
    def product_count(self) -> int:
        return len(self.product_seller)


def build_catalog(rng: np.random.Generator, zips: ZipTable, scale: Scale) -> Catalog:
    """Draw sellers, then products with their category, seller, price and weight."""
    sellers = scale.scaled(calibration.SELLERS)
    products = max(scale.scaled(calibration.PRODUCTS), sellers)
    seller_zip = _seller_zips(rng, zips, sellers)
    seller_reach = rng.lognormal(0.0, 1.5, sellers)
    extra_listings = rng.choice(sellers, products - sellers, p=seller_reach / seller_reach.sum())
    product_seller = rng.permutation(np.concatenate([np.arange(sellers), extra_listings]))

    uncategorised = min(scale.anomaly("products_without_category"), products - 1)
    category = rng.permutation(
        np.concatenate(
            [_categories(rng, products - uncategorised), np.full(uncategorised, NO_CATEGORY)]
        )
    )

    has_category = category != NO_CATEGORY
    lookup = np.clip(category, 0, None)
    medians = np.array([c.price_median for c in CATEGORIES])
    median = np.where(has_category, medians[lookup], UNCATEGORISED_PRICE_MEDIAN)
    sales_rate = np.array([c.items / c.products for c in CATEGORIES])
    rate = np.where(has_category, sales_rate[lookup], UNCATEGORISED_ITEMS_PER_PRODUCT)
    popularity = rate * rng.lognormal(0.0, 1.6, products)

    weight = np.clip(rng.lognormal(np.log(_MEDIAN_WEIGHT_G), 1.2, products), 2, 40_425)
    unmeasured = rng.choice(
        np.flatnonzero(has_category), scale.anomaly("products_without_measures"), replace=False
    )
    weight[unmeasured] = NO_WEIGHT
    return Catalog(
        seller_zip=seller_zip,
        product_category=category.astype(np.int16),
        product_seller=product_seller.astype(np.int32),
        product_price_cents=_prices(rng, median),
        product_weight_g=weight.astype(np.int32),
        product_popularity=_capped_shares(popularity),
    )


def _capped_shares(popularity: np.ndarray) -> np.ndarray:
    """Shares of sales; in small catalogues no product takes more than the real best seller."""
    share = np.minimum(popularity / popularity.sum(), _BEST_SELLER_SHARE)
    capped: np.ndarray = share / share.sum()
    return capped


def _categories(rng: np.random.Generator, count: int) -> np.ndarray:
    """Every category at least once (untranslated ones first), the rest by real shares."""
    untranslated = [i for i, c in enumerate(CATEGORIES) if c.english is None]
    translated = [i for i, c in enumerate(CATEGORIES) if c.english is not None]
    each_once = np.array(untranslated + translated)[:count]
    share = np.array([c.products for c in CATEGORIES], dtype=np.float64)
    drawn = rng.choice(len(CATEGORIES), count - len(each_once), p=share / share.sum())
    return np.concatenate([each_once, drawn])


def _seller_zips(rng: np.random.Generator, zips: ZipTable, count: int) -> np.ndarray:
    """Sellers' prefixes: states as in the real export, towns where customers cluster."""
    per_state = np.array([s.sellers for s in STATES], dtype=np.float64)
    state = rng.choice(len(STATES), count, p=per_state / per_state.sum())
    chosen = np.empty(count, dtype=np.int64)
    for index in np.unique(state):
        in_state = np.flatnonzero(zips.state == index)
        weight = zips.customer_weight[in_state]
        sellers_here = np.flatnonzero(state == index)
        chosen[sellers_here] = rng.choice(in_state, len(sellers_here), p=weight / weight.sum())
    return chosen


def _prices(rng: np.random.Generator, median: np.ndarray) -> np.ndarray:
    """Log-normal prices with the shop endings of real listings, within the real 0.85-6735."""
    typical = median * 100 * _PRICE_LEVEL
    cents = np.round(rng.lognormal(np.log(typical), _PRICE_SIGMA)).astype(np.int64)
    style = rng.integers(0, len(_PRICE_ENDINGS) + 1, len(median))
    shop_ending = _PRICE_ENDINGS[style % len(_PRICE_ENDINGS)]
    ending = np.where(style < len(_PRICE_ENDINGS), shop_ending, cents % 100)
    prices: np.ndarray = np.clip(cents // 100 * 100 + ending, 85, _MAX_PRICE_CENTS)
    return prices


def seller_frame(seed: int, catalog: Catalog, zips: ZipTable) -> pl.DataFrame:
    zip_index = catalog.seller_zip
    return pl.DataFrame(
        {
            "seller_id": hex_ids(seed, Entity.SELLER, np.arange(len(zip_index))),
            "seller_zip_code_prefix": zip_text(pl.Series(zips.code[zip_index])),
            "seller_city": zips.city_names.gather(zips.city[zip_index]),
            "seller_state": zips.state_codes.gather(zips.state[zip_index]),
        }
    )


def product_chunks(seed: int, catalog: Catalog) -> Iterator[pl.DataFrame]:
    """Product rows in chunks; descriptive columns are drawn per chunk."""
    names = pl.Series([c.name for c in CATEGORIES])
    for chunk, start in enumerate(range(0, catalog.product_count, _ROWS_PER_CHUNK)):
        rng = stream(seed, "products", chunk)
        index = np.arange(start, min(start + _ROWS_PER_CHUNK, catalog.product_count))
        category = catalog.product_category[index]
        weight = catalog.product_weight_g[index]
        n, no_category, no_weight = len(index), category == NO_CATEGORY, weight == NO_WEIGHT
        size = np.cbrt(np.maximum(weight, 1) / _MEDIAN_WEIGHT_G) * rng.lognormal(0.0, 0.2, n)
        name_length = np.clip(np.round(rng.normal(48, 10, n)), 5, 76)
        description_length = np.clip(np.round(rng.lognormal(np.log(600), 0.75, n)), 4, 3_992)
        photos = np.minimum(rng.geometric(0.45, n), 20)
        columns = {
            "product_id": hex_ids(seed, Entity.PRODUCT, index),
            "product_category_name": names.gather(np.clip(category, 0, None)).scatter(
                np.flatnonzero(no_category), None
            ),
            "product_name_lenght": nullable(name_length.astype(np.int64), no_category),
            "product_description_lenght": nullable(
                description_length.astype(np.int64), no_category
            ),
            "product_photos_qty": nullable(photos.astype(np.int64), no_category),
            "product_weight_g": nullable(weight.astype(np.int64), no_weight),
        }
        for column, (typical, low, high) in _MEASURES.items():
            drawn = np.round(typical * size * rng.lognormal(0.0, 0.25, n))
            columns[column] = nullable(np.clip(drawn, low, high).astype(np.int64), no_weight)
        yield pl.DataFrame(columns).select(PRODUCTS.column_names)
