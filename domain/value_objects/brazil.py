"""Brazil's 27 federative units (UF codes) and the IBGE macro-region each belongs to."""

from __future__ import annotations

REGION_OF_STATE: dict[str, str] = {
    "AC": "North", "AM": "North", "AP": "North", "PA": "North", "RO": "North", "RR": "North",
    "TO": "North",
    "AL": "Northeast", "BA": "Northeast", "CE": "Northeast", "MA": "Northeast", "PB": "Northeast",
    "PE": "Northeast", "PI": "Northeast", "RN": "Northeast", "SE": "Northeast",
    "DF": "Center-West", "GO": "Center-West", "MS": "Center-West", "MT": "Center-West",
    "ES": "Southeast", "MG": "Southeast", "RJ": "Southeast", "SP": "Southeast",
    "PR": "South", "RS": "South", "SC": "South",
}  # fmt: skip
UF_CODES: tuple[str, ...] = tuple(sorted(REGION_OF_STATE))

# Bounding box of Brazil's territory (incl. islands), for "coordinates inside Brazil" checks.
BRAZIL_LAT_RANGE: tuple[float, float] = (-33.75, 5.27)
BRAZIL_LNG_RANGE: tuple[float, float] = (-73.99, -28.84)
