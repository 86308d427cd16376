"""The geolocation file: many points per CEP prefix, written in chunks of whole prefixes.

Like the real file it is sorted by prefix, about a quarter of its rows are exact duplicates, some
rows spell the city with accents and a few dozen points fall outside Brazil.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import polars as pl

from infrastructure.generator import calibration
from infrastructure.generator.calibration import Scale
from infrastructure.generator.geography_data import OUTSIDE_BRAZIL_SPOTS
from infrastructure.generator.randomness import split_quota, stream
from infrastructure.generator.zip_table import ZipTable, zip_text
from infrastructure.source.contract import GEOLOCATION

_ROWS_PER_CHUNK = 250_000
_POINT_SPREAD = 0.006  # degrees around the prefix centroid
_ACCENTED_SHARE = 0.12


def rows_per_zip(rng: np.random.Generator, zips: ZipTable, scale: Scale) -> np.ndarray:
    """Rows of each prefix: at least one per prefix present, more where customers live."""
    total = scale.scaled(calibration.GEOLOCATION_ROWS)
    present = zips.in_geolocation
    weight = np.where(present, zips.customer_weight * rng.lognormal(0.0, 0.8, len(zips)), 0.0)
    extra = rng.multinomial(total - int(present.sum()), weight / weight.sum())
    return present.astype(np.int64) + extra


def geolocation_chunks(
    seed: int, zips: ZipTable, rows: np.ndarray, scale: Scale
) -> Iterator[pl.DataFrame]:
    """Frames of ~250k rows in contract order, each covering whole prefixes."""
    ends = np.cumsum(rows)
    cuts = np.searchsorted(ends, np.arange(_ROWS_PER_CHUNK, ends[-1], _ROWS_PER_CHUNK))
    bounds = np.unique(np.concatenate([[0], cuts + 1, [len(rows)]]))
    chunk_rows = np.diff(np.concatenate([[0], ends[bounds[1:] - 1]]))
    outside = split_quota(scale.anomaly("geolocation_outside_brazil"), chunk_rows)
    duplicate_share = calibration.GEOLOCATION_DUPLICATE_SHARE / (1 - len(zips) / ends[-1])
    for chunk, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        rng = stream(seed, "geolocation", chunk)
        zip_index = np.repeat(np.arange(lo, hi), rows[lo:hi])
        yield _chunk(rng, zips, zip_index, duplicate_share, int(outside[chunk]))


def _chunk(
    rng: np.random.Generator,
    zips: ZipTable,
    zip_index: np.ndarray,
    duplicate_share: float,
    outside: int,
) -> pl.DataFrame:
    n = len(zip_index)
    lat = zips.lat[zip_index] + rng.normal(0.0, _POINT_SPREAD, n)
    lng = zips.lng[zip_index] + rng.normal(0.0, _POINT_SPREAD, n)
    accented = rng.random(n) < _ACCENTED_SHARE
    first_of_zip = np.concatenate([[True], zip_index[1:] != zip_index[:-1]])
    duplicate = (rng.random(n) < duplicate_share) & ~first_of_zip
    source = np.maximum.accumulate(np.where(duplicate, 0, np.arange(n)))
    lat, lng, accented = lat[source], lng[source], accented[source]
    abroad = rng.choice(np.flatnonzero(~duplicate), size=outside, replace=False)
    spots = np.array(OUTSIDE_BRAZIL_SPOTS)[rng.integers(0, len(OUTSIDE_BRAZIL_SPOTS), outside)]
    lat[abroad] = spots[:, 0] + rng.normal(0.0, 0.05, outside)
    lng[abroad] = spots[:, 1] + rng.normal(0.0, 0.05, outside)
    order = np.lexsort((rng.random(n), zip_index))
    zip_index, lat, lng, accented = zip_index[order], lat[order], lng[order], accented[order]
    city = zips.city[zip_index]
    frame = pl.DataFrame(
        {
            "geolocation_zip_code_prefix": zip_text(pl.Series(zips.code[zip_index])),
            "geolocation_lat": lat,
            "geolocation_lng": lng,
            "geolocation_city": zips.city_names.gather(city),
            "accented_city": zips.city_names_accented.gather(city),
            "geolocation_state": zips.state_codes.gather(zips.state[zip_index]),
            "accented": accented,
        }
    )
    return frame.select(
        *GEOLOCATION.column_names[:3],
        pl.when("accented")
        .then(pl.col("accented_city"))
        .otherwise(pl.col("geolocation_city"))
        .alias("geolocation_city"),
        "geolocation_state",
    )
