"""Writes frames to CSV byte-for-byte in the format of the real Olist export.

Text is quoted only when it starts with a digit or holds `,` `"` or a line break; numbers and
timestamps never are; missing values are empty fields. Money arrives as integer cents and leaves
with two decimals. The translation file gets a UTF-8 BOM, CRLF and no final line break.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import numpy as np
import polars as pl

from infrastructure.source.contract import MONEY, TIMESTAMP_FORMAT, SourceFile

_NEEDS_QUOTES = r'^[0-9]|[,"\r\n]'
_BOM = b"\xef\xbb\xbf"


def nullable(values: np.ndarray, missing: np.ndarray) -> pl.Series:
    """A series with nulls where `missing` is true."""
    return pl.Series(np.ma.masked_array(values, mask=missing))


def _quoted_text(column: pl.Expr) -> pl.Expr:
    escaped = pl.concat_str(
        [pl.lit('"'), column.str.replace_all('"', '""', literal=True), pl.lit('"')]
    )
    return pl.when(column.str.contains(_NEEDS_QUOTES)).then(escaped).otherwise(column)


def _money_text(cents: pl.Expr) -> pl.Expr:
    return pl.format("{}.{}", cents // 100, (cents % 100).cast(pl.String).str.zfill(2))


def _timestamp(seconds: pl.Expr) -> pl.Expr:
    return pl.from_epoch(seconds, time_unit="s")


class CsvTableWriter:
    """Appends frames to one source file; columns arrive in contract order and raw types.

    Text columns are strings, money columns integer cents, timestamp columns epoch seconds.
    """

    def __init__(self, path: Path, source: SourceFile) -> None:
        self.path = path
        self.source = source
        self.rows = 0
        self._terminator = "\r\n" if source.bom_crlf else "\n"
        self._formats = [
            self._format(column.name, column.duckdb_type).alias(column.name)
            for column in source.columns
        ]
        self._handle = path.open("wb")
        if source.bom_crlf:
            self._handle.write(_BOM)
        self._handle.write((source.header_line + self._terminator).encode())

    @staticmethod
    def _format(name: str, duckdb_type: str) -> pl.Expr:
        column = pl.col(name)
        if duckdb_type == "VARCHAR":
            return _quoted_text(column)
        if duckdb_type == MONEY:
            return _money_text(column)
        if duckdb_type == "TIMESTAMP":
            return _timestamp(column)
        return column

    def append(self, frame: pl.DataFrame) -> None:
        if tuple(frame.columns) != self.source.column_names:
            raise ValueError(f"{self.source.file_name}: columns {frame.columns} off contract")
        frame.select(self._formats).write_csv(
            self._handle,
            include_header=False,
            line_terminator=self._terminator,
            quote_style="never",
            datetime_format=TIMESTAMP_FORMAT,
            float_scientific=False,
        )
        self.rows += frame.height

    def close(self) -> None:
        if self.source.bom_crlf and self.rows:
            self._handle.seek(-len(self._terminator), 2)
            self._handle.truncate()
        self._handle.close()

    def __enter__(self) -> CsvTableWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
