"""Geography: the centroid of a zip prefix, to place customers and sellers on the map."""

from __future__ import annotations

from dataclasses import dataclass
from math import asin, cos, radians, sin, sqrt

from domain.errors import InvalidValue
from domain.value_objects.address import require_state, require_zip_prefix
from domain.value_objects.brazil import BRAZIL_LAT_RANGE, BRAZIL_LNG_RANGE, REGION_OF_STATE

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Geography:
    """A zip prefix's centroid; points outside Brazil are kept (and flagged by quality rules)."""

    zip_code_prefix: str
    latitude: float
    longitude: float
    city: str
    state: str

    def __post_init__(self) -> None:
        require_zip_prefix(self.zip_code_prefix)
        require_state(self.state)
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            raise InvalidValue(
                f"zip {self.zip_code_prefix}: ({self.latitude}, {self.longitude}) "
                "is not a point on Earth"
            )

    @property
    def region(self) -> str:
        return REGION_OF_STATE[self.state]

    @property
    def is_inside_brazil(self) -> bool:
        return (
            BRAZIL_LAT_RANGE[0] <= self.latitude <= BRAZIL_LAT_RANGE[1]
            and BRAZIL_LNG_RANGE[0] <= self.longitude <= BRAZIL_LNG_RANGE[1]
        )

    def distance_km(self, other: Geography) -> float:
        """Great-circle (haversine) distance between the two centroids."""
        lat1, lat2 = radians(self.latitude), radians(other.latitude)
        half_dlat = (lat2 - lat1) / 2
        half_dlng = radians(other.longitude - self.longitude) / 2
        h = sin(half_dlat) ** 2 + cos(lat1) * cos(lat2) * sin(half_dlng) ** 2
        return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))
