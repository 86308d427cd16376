"""Category: a product category, named in Portuguese, with an English name when translated."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidValue


@dataclass(frozen=True)
class Category:
    """`english_name` is None for categories the translation file lacks (e.g. `pc_gamer`)."""

    name: str
    english_name: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValue("a category needs its Portuguese name")

    @property
    def is_translated(self) -> bool:
        return self.english_name is not None

    @property
    def display_name(self) -> str:
        """The English name, or the Portuguese one when there is no translation."""
        return self.english_name if self.english_name is not None else self.name
