"""Write a whole SQL console result (an Arrow table) to a file, or as text for stdout.

CSV, Parquet, JSON and JSONL are written by DuckDB's own COPY of the Arrow table, so an export
reads exactly as `COPY (query) TO ...` of the same query would; Arrow/Feather by pyarrow;
Markdown and the plain-text table by polars. Files are written atomically (temp file + rename).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from infrastructure.exporters.atomic import write_atomically
from infrastructure.exporters.frame_writer import to_markdown

if TYPE_CHECKING:
    import pyarrow as pa

RESULT_FORMATS = ("csv", "parquet", "json", "jsonl", "md", "arrow")
TEXT_FORMATS = ("table", "csv", "json", "jsonl", "md")
_COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "parquet": "FORMAT parquet",
    "json": "FORMAT json, ARRAY true",
    "jsonl": "FORMAT json",
}


def write_result(table: pa.Table, path: Path, fmt: str) -> Path:
    if fmt not in RESULT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(RESULT_FORMATS)}")
    return write_atomically(path, lambda target: _write(table, target, fmt))


def result_text(table: pa.Table, fmt: str) -> str:
    """The result as text: an aligned table, CSV, JSON, JSONL or Markdown."""
    if fmt == "table":
        return _plain_table(table) + "\n"
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"{fmt} output is written to a file (--out FILE), not printed")
    with tempfile.TemporaryDirectory(prefix="workbench-sql-") as folder:
        path = Path(folder) / f"result.{fmt}"
        _write(table, path, fmt)
        return path.read_text(encoding="utf-8")


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    if fmt in _COPY_OPTIONS:
        con = duckdb.connect()
        try:
            con.register("console_result", table)
            target = str(path).replace("'", "''")
            con.execute(f"COPY console_result TO '{target}' ({_COPY_OPTIONS[fmt]})")
        finally:
            con.close()
    elif fmt == "arrow":
        import pyarrow.feather as feather

        feather.write_feather(table, str(path))
    else:
        import polars as pl

        frame = pl.from_arrow(table)
        assert isinstance(frame, pl.DataFrame)
        path.write_text(to_markdown(frame) + "\n", encoding="utf-8")


def _plain_table(table: pa.Table) -> str:
    import polars as pl

    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    with pl.Config(
        tbl_formatting="UTF8_FULL_CONDENSED",
        tbl_rows=-1,
        tbl_cols=-1,
        tbl_width_chars=10_000,
        tbl_hide_dataframe_shape=True,
        tbl_hide_column_data_types=True,
        fmt_str_lengths=200,
    ):
        return str(frame)
