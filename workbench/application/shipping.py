"""Freight calibration: fit the domain's ShippingService model on the warehouse's order items.

Each sample is an item with its product's weight and volume and the haversine distance between the
seller's and the customer's zip-prefix centroids (dim_geography); the fit reports R² and MAE.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from domain.entities.geography import Geography
from domain.errors import DomainError
from domain.services.shipping import FreightModel, FreightSample, ShippingService
from domain.value_objects.money import Money
from domain.value_objects.product_dimensions import ProductDimensions
from workbench.application.ports import WarehouseQueries

# Enough items for stable coefficients; the pure-Python fit stays around a second.
DEFAULT_SAMPLE_LIMIT = 50_000


@dataclass(frozen=True)
class FreightFit:
    model: FreightModel
    samples: int
    seconds: float

    def describe(self) -> str:
        m = self.model
        return (
            f"freight ≈ {m.base:.2f} + {m.per_kg:.4f}·kg + {m.per_cm3 * 1000:.4f}·litre "
            f"+ {m.per_km * 100:.4f}·(100 km)\n"
            f"R² {m.r_squared:.3f}, mean absolute error {m.mean_absolute_error} "
            f"over {self.samples:,} items, fitted in {self.seconds:.2f} s"
        )


class FreightCalibrationService:
    def __init__(self, warehouse: WarehouseQueries) -> None:
        self._warehouse = warehouse

    def fit(self, sample_limit: int = DEFAULT_SAMPLE_LIMIT) -> FreightFit:
        """Calibrate on up to `sample_limit` items of the loaded snapshot (a fixed spread)."""
        started = time.perf_counter()
        frame = self._warehouse.query("freight_samples", {"limit": sample_limit})
        samples = list(_samples(frame.iter_rows(named=True)))
        model = ShippingService.calibrate(samples)
        return FreightFit(model, len(samples), time.perf_counter() - started)


def _samples(rows: Iterator[dict[str, Any]]) -> Iterator[FreightSample]:
    """Rows as samples; a zip whose place the domain refuses (e.g. an unknown state) is skipped."""
    places: dict[str, Geography | None] = {}
    for row in rows:
        seller = _place(places, row, "seller")
        customer = _place(places, row, "customer")
        if seller is None or customer is None:
            continue
        dimensions = ProductDimensions(
            row["weight_g"], row["length_cm"], row["height_cm"], row["width_cm"]
        )
        yield FreightSample(dimensions, seller.distance_km(customer), Money(row["freight_value"]))


def _place(places: dict[str, Geography | None], row: dict[str, Any], who: str) -> Geography | None:
    zip_code = row[f"{who}_zip"]
    if zip_code not in places:
        try:
            places[zip_code] = Geography(
                zip_code,
                row[f"{who}_lat"],
                row[f"{who}_lng"],
                row[f"{who}_city"],
                row[f"{who}_state"],
            )
        except DomainError:
            places[zip_code] = None
    return places[zip_code]
