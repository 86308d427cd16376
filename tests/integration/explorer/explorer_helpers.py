"""Helpers of the explorer tests: the fixture's ids, a query-counting reader, hand queries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from infrastructure.analytics.warehouse_reader import WarehouseReader


def fixture_id(prefix: str, number: int) -> str:
    """The fixture's ids: a two-character prefix, zeros, and a two-digit number (README)."""
    return f"{prefix}{'0' * 28}{number:02d}"


def order_id(number: int) -> str:
    return fixture_id("0d" if number >= 14 else "ad", number)


def person_id(number: int) -> str:
    return fixture_id("3e" if number == 3 else "ee", number)


def seller_id(number: int) -> str:
    return fixture_id("fd", number)


def product_id(number: int) -> str:
    return fixture_id("1d" if number == 4 else "bd", number)


class CountingWarehouse:
    """The real reader, counting the statements sent through it."""

    def __init__(self, reader: WarehouseReader) -> None:
        self.reader = reader
        self.statements = 0

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        self.statements += 1
        return self.reader.rows(sql, params)


class HandQueries:
    """Hand-written checking queries, run on the same published file."""

    def __init__(self, reader: WarehouseReader) -> None:
        self._reader = reader

    def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        return self._reader.sql(sql, params or None).rows()

    def one(self, sql: str, **params: Any) -> tuple[Any, ...]:
        found = self.rows(sql, **params)
        assert len(found) == 1, found
        return found[0]
