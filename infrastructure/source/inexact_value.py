"""Name the first value of a file that its column's type could hold only by rounding it.

Only called once DuckDB has found that such a value exists: reading the file again in Python is
the one way to know its physical line (quoted newlines of review comments count as lines).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from infrastructure.source.contract import SourceFile
from infrastructure.source.errors import SourceError

_EXPECTED = {
    "INTEGER": "a whole number, e.g. 3",
    "DECIMAL(18,2)": "an amount with at most two decimals, e.g. 129.90",
}


def first_inexact_value(source: SourceFile, path: Path) -> SourceError:
    """The error naming the file, line, column and value of the first inexact value."""
    patterns = [
        (index, column, re.compile(column.exact_text or ""))
        for index, column in enumerate(source.columns)
        if column.exact_text is not None
    ]
    with path.open(encoding="utf-8-sig", newline="") as text:
        records = csv.reader(text)
        next(records, None)  # the header
        ends_at = records.line_num
        for record in records:
            starts_at, ends_at = ends_at + 1, records.line_num
            for index, column, pattern in patterns:
                value = record[index] if index < len(record) else ""
                if value and not pattern.fullmatch(value):
                    return SourceError(
                        f"{source.file_name}, line {starts_at}, column {column.name}: cannot "
                        f"read {value!r} as {_EXPECTED[column.duckdb_type]} without rounding "
                        "it. Correct the value and load again.",
                        file_name=source.file_name,
                        line=starts_at,
                        column=column.name,
                        value=value,
                    )
    return SourceError(  # DuckDB saw one, Python none: still refuse, without a line
        f"{source.file_name}: a value could only be read by rounding it "
        f"(in {', '.join(column.name for _, column, _ in patterns)}). "
        "Correct the value and load again.",
        file_name=source.file_name,
    )
