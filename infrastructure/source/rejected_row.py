"""Turn a row DuckDB rejected into a SourceError naming the physical line, column and value."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from infrastructure.source.contract import SourceFile
from infrastructure.source.encoding import describe_bad_utf8
from infrastructure.source.errors import SourceError

_EXPECTED = {
    "INTEGER": "a whole number, e.g. 3",
    "DOUBLE": "a number with a dot, e.g. -23.5456",
    "TIMESTAMP": "a timestamp YYYY-MM-DD HH:MM:SS, e.g. 2017-10-02 10:56:33",
    "VARCHAR": "text",
}
_MONEY_EXPECTED = "an amount with a dot and two decimals, e.g. 129.90"
_CAST_VALUE = re.compile(r'Could not convert string "(.*)" to ', re.DOTALL)
# A timestamp of the right form that still failed is a day or time that does not exist.
_TIMESTAMP_FORM = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?")
_NO_SUCH_MOMENT = (
    "a timestamp: it has the form YYYY-MM-DD HH:MM:SS, but that day or time does not exist"
)
_FIELD_COUNTS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")
_TAIL_PROBE = 1 << 20


@dataclass(frozen=True)
class RejectedRow:
    """One row of DuckDB's reject_errors table, as read by first_rejected_row.sql."""

    duckdb_line: int
    byte_position: int | None
    line_byte_position: int | None
    column: str | None
    error_type: str
    csv_line: str
    error_message: str

    @property
    def offset(self) -> int | None:
        """0-based offset of the bad value (DuckDB 2 reports 1-based byte positions)."""
        position = self.byte_position or self.line_byte_position
        return None if position is None else max(position - 1, 0)

    def to_source_error(self, source: SourceFile, path: Path) -> SourceError:
        """The user-facing error for this row: physical line, column, value and what to do."""
        name = source.file_name
        line = self.duckdb_line if self.offset is None else _line_at(path, self.offset)
        where = f"{name}, line {line}" + (f", column {self.column}" if self.column else "")
        snippet = _shorten(self.csv_line.strip("\r\n"))
        if self.error_type == "CAST":
            match = _CAST_VALUE.search(self.error_message)
            value = match.group(1) if match else snippet
            column = source.column(self.column) if self.column in source.column_names else None
            expected = (
                _describe_type(column.duckdb_type) if column else "a value of the column's type"
            )
            if column and column.duckdb_type == "TIMESTAMP" and _TIMESTAMP_FORM.fullmatch(value):
                expected = _NO_SUCH_MOMENT
            return SourceError(
                f"{where}: cannot read {value!r} as {expected}. "
                "Correct the value (leave it empty if unknown) and load again.",
                file_name=name,
                line=line,
                column=self.column,
                value=value,
            )
        if self.error_type in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
            counts = _FIELD_COUNTS.search(self.error_message)
            found = (
                f"{counts.group(2)} fields, expected {counts.group(1)}"
                if counts
                else "wrong fields"
            )
            hint = (
                "This is the last line: the file looks truncated. Re-download or re-export it."
                if self.offset is not None and _is_last_line(path, self.offset)
                else "Check for a missing field or an unquoted comma."
            )
            return SourceError(
                f"{name}, line {line}: found {found} ({snippet!r}). {hint}",
                file_name=name,
                line=line,
                value=snippet,
            )
        if self.error_type == "UNQUOTED VALUE":
            return SourceError(
                f"{where}: a quoted value starting here is never closed (unterminated '\"'): "
                f"{snippet!r}. The file is truncated or has a stray quote; "
                "re-download or re-export it.",
                file_name=name,
                line=line,
                column=self.column,
                value=snippet,
            )
        if self.error_type == "INVALID ENCODING":
            return _encoding_error(source, path, line, self.offset)
        return SourceError(
            f"{where}: DuckDB could not read this row ({self.error_message}): {snippet!r}. "
            "Check the file is an unmodified Olist export.",
            file_name=name,
            line=line,
            column=self.column,
            value=snippet,
        )


def _describe_type(duckdb_type: str) -> str:
    return _MONEY_EXPECTED if duckdb_type.startswith("DECIMAL") else _EXPECTED[duckdb_type]


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _line_at(path: Path, offset: int) -> int:
    """Physical 1-based line number of a byte offset (quoted newlines count as lines)."""
    newlines = 0
    with path.open("rb") as f:
        remaining = offset
        while remaining > 0 and (chunk := f.read(min(remaining, _TAIL_PROBE))):
            newlines += chunk.count(b"\n")
            remaining -= len(chunk)
    return newlines + 1


def _is_last_line(path: Path, offset: int) -> bool:
    with path.open("rb") as f:
        f.seek(offset)
        tail = f.read(_TAIL_PROBE + 1)
    return len(tail) <= _TAIL_PROBE and b"\n" not in tail.rstrip(b"\r\n")


def _start_of_line(f: BinaryIO, offset: int) -> int:
    """Offset of the first byte of the physical line holding offset."""
    start = max(0, offset - _TAIL_PROBE)
    f.seek(start)
    return start + f.read(offset - start).rfind(b"\n") + 1


def _encoding_error(source: SourceFile, path: Path, line: int, offset: int | None) -> SourceError:
    name = source.file_name
    with path.open("rb") as f:
        f.seek(_start_of_line(f, offset or 0))
        raw = f.readline()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Read as Latin-1 only to point at the field holding the bad byte in the message.
        index = len(next(csv.reader([raw[: exc.start].decode("latin-1")]))) - 1
        fields = next(csv.reader([raw.decode("latin-1").rstrip("\r\n")]))
        column = source.column_names[index] if index < len(source.column_names) else None
        value = fields[index] if index < len(fields) else None
        return SourceError(
            f"{name}, line {line}"
            + (f", column {column}" if column else "")
            + f": {describe_bad_utf8(raw, exc)}",
            file_name=name,
            line=line,
            column=column,
            value=value,
        )
    return SourceError(
        f"{name}, line {line}: the text is not valid UTF-8. Re-save the file as UTF-8.",
        file_name=name,
        line=line,
    )
