"""ShippingService: freight estimates from weight, volume and distance, calibrated on history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from statistics import fmean

from domain.errors import CalibrationFailed, InvalidValue
from domain.services.least_squares import fit_least_squares
from domain.value_objects.money import Money
from domain.value_objects.product_dimensions import ProductDimensions

# Four coefficients need more samples than that to say anything about the fit.
MINIMUM_SAMPLES = 5


@dataclass(frozen=True)
class FreightSample:
    """One shipped item: what it was, how far it went and the freight charged."""

    dimensions: ProductDimensions
    distance_km: float
    freight: Money

    @property
    def features(self) -> tuple[float, float, float, float]:
        """The regression row: intercept, weight kg, volume cm³, distance km."""
        return (1.0, self.dimensions.weight_kg, self.dimensions.volume_cm3, self.distance_km)


@dataclass(frozen=True)
class FreightModel:
    """freight ≈ base + per_kg·weight_kg + per_cm3·volume_cm3 + per_km·distance_km."""

    base: float
    per_kg: float
    per_cm3: float
    per_km: float
    r_squared: float
    mean_absolute_error: Money

    def predict(self, dimensions: ProductDimensions, distance_km: float) -> float:
        return (
            self.base
            + self.per_kg * dimensions.weight_kg
            + self.per_cm3 * dimensions.volume_cm3
            + self.per_km * distance_km
        )


class ShippingService:
    """Estimates the freight of an item with a model fitted on past shipments."""

    def __init__(self, model: FreightModel) -> None:
        self.model = model

    @staticmethod
    def calibrate(samples: Iterable[FreightSample]) -> FreightModel:
        """Fit the model by ordinary least squares; report R² and mean absolute error."""
        history = list(samples)
        if len(history) < MINIMUM_SAMPLES:
            raise CalibrationFailed(
                f"calibration needs at least {MINIMUM_SAMPLES} shipments, got {len(history)}"
            )
        rows = [sample.features for sample in history]
        charged = [float(sample.freight.amount) for sample in history]
        base, per_kg, per_cm3, per_km = fit_least_squares(rows, charged)
        fitted = FreightModel(base, per_kg, per_cm3, per_km, 0.0, Money.zero())
        errors = [
            actual - fitted.predict(sample.dimensions, sample.distance_km)
            for sample, actual in zip(history, charged, strict=True)
        ]
        mean_charge = fmean(charged)
        total_variation = sum((actual - mean_charge) ** 2 for actual in charged)
        residual = sum(error**2 for error in errors)
        r_squared = 1 - residual / total_variation if total_variation else 1.0
        mean_absolute_error = Money(Decimal(fmean(abs(error) for error in errors)))
        return FreightModel(base, per_kg, per_cm3, per_km, r_squared, mean_absolute_error)

    def estimate(self, dimensions: ProductDimensions, distance_km: float) -> Money:
        """The model's freight for one item, in centavos, never below zero."""
        if distance_km < 0:
            raise InvalidValue(f"a distance cannot be negative, got {distance_km} km")
        predicted = Money(Decimal(self.model.predict(dimensions, distance_km)))
        return max(predicted, Money.zero())
