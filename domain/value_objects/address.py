"""Address: where a customer or seller is, as far as Olist knows (zip prefix, city, state)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidValue
from domain.value_objects.brazil import REGION_OF_STATE


def require_zip_prefix(zip_code_prefix: object) -> None:
    """Refuse anything but 5 digits as text: `"01409"` keeps its leading zero."""
    if not (
        isinstance(zip_code_prefix, str)
        and len(zip_code_prefix) == 5
        and zip_code_prefix.isascii()
        and zip_code_prefix.isdigit()
    ):
        raise InvalidValue(
            f"zip prefix must be 5 digits as text, like '01409', not {zip_code_prefix!r}"
        )


def require_state(state: str) -> None:
    """Refuse anything but one of Brazil's 27 UF codes, in capitals."""
    if state not in REGION_OF_STATE:
        raise InvalidValue(f"state must be one of the 27 UF codes (SP, RJ, ...), not {state!r}")


@dataclass(frozen=True)
class Address:
    """A Brazilian address at the precision of the source: 5-digit zip prefix, city and UF."""

    zip_code_prefix: str
    city: str
    state: str

    def __post_init__(self) -> None:
        require_zip_prefix(self.zip_code_prefix)
        if not self.city.strip():
            raise InvalidValue("an address needs a city name")
        require_state(self.state)

    @property
    def region(self) -> str:
        return REGION_OF_STATE[self.state]
