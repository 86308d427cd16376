"""Small edits of a generated export that keep its exact format: drop records, rewrite a field.

Records are found with the csv module (review comments hold quoted newlines) but written back as
the raw text they were read from, so quoting, CRLFs and accents stay byte for byte; a rewritten
field is written as the Olist files write values (quoted only when it starts with a digit).
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path


def copy_export(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def _records(path: Path) -> tuple[str, list[tuple[list[str], str]]]:
    """The header line and each record with its raw text."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    header, start, records = lines[0], 1, []
    for fields in reader:
        end = reader.line_num
        records.append((fields, "".join(lines[start:end])))
        start = end
    return header, records


def _written(value: str) -> str:
    if value == "":
        return ""
    return f'"{value}"' if value[0].isdigit() or "," in value else value


def column_values(path: Path, column: int) -> list[str]:
    """Field `column` of every record."""
    return [fields[column] for fields, _ in _records(path)[1]]


def drop_records(path: Path, column: int, drop: Callable[[str], bool]) -> list[list[str]]:
    """Remove the records whose field `column` `drop` says; return their fields."""
    header, records = _records(path)
    removed = [fields for fields, _ in records if drop(fields[column])]
    kept = [raw for fields, raw in records if not drop(fields[column])]
    path.write_text(header + "".join(kept), encoding="utf-8", newline="")
    return removed


def rewrite_field(path: Path, column: int, rewrite: Callable[[int, list[str]], str | None]) -> int:
    """Set field `column` of record i to rewrite(i, fields) where that is not None (files of
    one line per record); return how many records changed."""
    header, records = _records(path)
    out, changed = [header], 0
    for i, (fields, raw) in enumerate(records):
        value = rewrite(i, fields)
        if value is None or value == fields[column]:
            out.append(raw)
            continue
        parts = raw.rstrip("\r\n").split(",")
        assert len(parts) == len(fields), f"{path.name}: a record with a comma in a value"
        parts[column] = _written(value)
        out.append(",".join(parts) + raw[len(raw.rstrip("\r\n")) :])
        changed += 1
    path.write_text("".join(out), encoding="utf-8", newline="")
    return changed
