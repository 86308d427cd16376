"""ProductDimensions: a product's packaged weight and size, as measured by the seller."""

from __future__ import annotations

from dataclasses import dataclass, fields

from domain.errors import InvalidValue


@dataclass(frozen=True)
class ProductDimensions:
    """Weight in grams and length, height, width in centimetres, all positive."""

    weight_g: float
    length_cm: float
    height_cm: float
    width_cm: float

    def __post_init__(self) -> None:
        for measure in fields(self):
            value = getattr(self, measure.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise InvalidValue(f"{measure.name} must be a positive number, not {value!r}")

    @property
    def weight_kg(self) -> float:
        return self.weight_g / 1000

    @property
    def volume_cm3(self) -> float:
        return self.length_cm * self.height_cm * self.width_cm
