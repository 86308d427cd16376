"""The CEP prefixes in use: each with its city, state, centroid and share of customers.

Prefixes are drawn from each state's real CEP ranges and handed to cities in contiguous blocks
(capital first), as the postal service does; a few prefixes are kept out of the geolocation file.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import numpy as np
import polars as pl

from domain.value_objects.brazil import BRAZIL_LAT_RANGE, BRAZIL_LNG_RANGE
from infrastructure.generator import calibration
from infrastructure.generator.calibration import Scale
from infrastructure.generator.geography_data import (
    STATES,
    TOWN_STEMS,
    TOWN_SUFFIXES,
    TUPI_HEADS,
    TUPI_SUFFIXES,
    TUPI_TAILS,
)
from infrastructure.generator.randomness import split_quota

_MIN_ZIPS_PER_STATE = 4
_MAINLAND_EAST_LNG = -34.8  # the bounding box reaches the islands; towns stay on the mainland


@dataclass(frozen=True)
class ZipTable:
    """Per CEP prefix (sorted): code, state and city index, centroid, customer share."""

    code: np.ndarray
    state: np.ndarray
    city: np.ndarray
    lat: np.ndarray
    lng: np.ndarray
    customer_weight: np.ndarray  # probabilities; zero for prefixes missing from geolocation
    in_geolocation: np.ndarray
    city_names: pl.Series  # lowercase without accents, as customers and sellers spell them
    city_names_accented: pl.Series
    state_codes: pl.Series

    def __len__(self) -> int:
        return len(self.code)


def plain_text(name: str) -> str:
    """'são paulo' -> 'sao paulo', as most rows of the real export spell cities."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def zip_text(codes: pl.Series) -> pl.Series:
    """5-digit CEP prefixes with leading zeros."""
    return codes.cast(pl.String).str.zfill(5)


_TOWN_NAMES: tuple[str, ...] = tuple(
    [stem + suffix for stem in TOWN_STEMS for suffix in TOWN_SUFFIXES]
    + [
        head + tail + suffix
        for head in TUPI_HEADS
        for tail in TUPI_TAILS
        for suffix in TUPI_SUFFIXES
    ]
)


def _town_names(rng: np.random.Generator, count: int, taken: set[str]) -> list[str]:
    picks = rng.choice(
        len(_TOWN_NAMES), size=min(len(_TOWN_NAMES), count + len(taken)), replace=False
    )
    names = [_TOWN_NAMES[pick] for pick in picks]
    return [name for name in names if name not in taken][:count]


def _state_cities(
    rng: np.random.Generator, state_index: int, zip_count: int
) -> tuple[list[str], np.ndarray]:
    """City names of a state and their customer shares, at most one city per prefix."""
    profile = STATES[state_index]
    names = [name for name, _ in profile.cities]
    shares = [share for _, share in profile.cities]
    town_share = 1.0 - sum(shares)
    town_count = min(max(zip_count // 4, 1), zip_count - len(names)) if town_share > 0.005 else 0
    if town_count > 0:
        names += _town_names(rng, town_count, set(names))
        town_weights = rng.pareto(1.5, size=len(names) - len(shares)) + 1.0
        shares += list(town_share * town_weights / town_weights.sum())
    kept = min(len(names), zip_count)
    return names[:kept], np.asarray(shares[:kept], dtype=np.float64)


def _city_coordinates(
    rng: np.random.Generator, state_index: int, count: int
) -> tuple[np.ndarray, np.ndarray]:
    profile = STATES[state_index]
    lat = rng.normal(profile.centre[0], profile.spread, size=count)
    lng = rng.normal(profile.centre[1], profile.spread, size=count)
    lat[0], lng[0] = profile.capital
    lat = np.clip(lat, BRAZIL_LAT_RANGE[0] + 0.2, BRAZIL_LAT_RANGE[1] - 0.2)
    lng = np.clip(lng, BRAZIL_LNG_RANGE[0] + 0.2, _MAINLAND_EAST_LNG)
    return lat, lng


def _zip_count(scale: Scale) -> int:
    wanted = round(calibration.ZIP_PREFIXES * math.sqrt(min(scale.ratio, 1.0)))
    geolocation_rows = scale.scaled(calibration.GEOLOCATION_ROWS)
    return max(_MIN_ZIPS_PER_STATE * len(STATES), min(wanted, geolocation_rows // 3))


def build_zip_table(rng: np.random.Generator, scale: Scale) -> ZipTable:
    """Draw the prefixes of every state and assign cities, centroids and customer shares."""
    total = _zip_count(scale)
    state_weight = np.array([s.customers for s in STATES], dtype=np.float64)
    per_state = _MIN_ZIPS_PER_STATE + split_quota(
        total - _MIN_ZIPS_PER_STATE * len(STATES), state_weight**0.75
    )
    columns = ("code", "state", "city", "lat", "lng", "weight")
    parts: dict[str, list[np.ndarray]] = {column: [] for column in columns}
    city_names: list[str] = []
    for index, profile in enumerate(STATES):
        pool = np.concatenate([np.arange(lo, hi + 1) for lo, hi in profile.zip_ranges])
        codes = np.sort(rng.choice(pool, size=per_state[index], replace=False))
        names, shares = _state_cities(rng, index, len(codes))
        zips_per_city = 1 + split_quota(len(codes) - len(names), shares**0.8)
        city_of_zip = np.repeat(np.arange(len(names)), zips_per_city)
        city_lat, city_lng = _city_coordinates(rng, index, len(names))
        radius = 0.03 * zips_per_city[city_of_zip] ** 0.25
        noise = rng.lognormal(0.0, 0.5, size=len(codes))
        parts["code"].append(codes)
        parts["state"].append(np.full(len(codes), index))
        parts["city"].append(city_of_zip + len(city_names))
        parts["lat"].append(city_lat[city_of_zip] + rng.normal(0, 1, len(codes)) * radius)
        parts["lng"].append(city_lng[city_of_zip] + rng.normal(0, 1, len(codes)) * radius)
        parts["weight"].append(
            state_weight[index] * shares[city_of_zip] * noise / zips_per_city[city_of_zip]
        )
        city_names += names
    by_code = np.argsort(np.concatenate(parts["code"]))
    table = {column: np.concatenate(parts[column])[by_code] for column in columns}
    missing = calibration.ANOMALIES["zips_missing_from_geolocation"] / calibration.ZIP_PREFIXES
    in_geolocation = np.ones(total, dtype=bool)
    in_geolocation[rng.choice(total, max(1, round(missing * total)), replace=False)] = False
    weight = np.where(in_geolocation, table["weight"], 0.0)
    return ZipTable(
        code=table["code"].astype(np.int32),
        state=table["state"].astype(np.int8),
        city=table["city"].astype(np.int32),
        lat=table["lat"],
        lng=table["lng"],
        customer_weight=weight / weight.sum(),
        in_geolocation=in_geolocation,
        city_names=pl.Series([plain_text(name) for name in city_names]),
        city_names_accented=pl.Series(city_names),
        state_codes=pl.Series([s.uf for s in STATES]),
    )
