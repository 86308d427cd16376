"""Write a table of results to CSV, Parquet, JSON or Markdown: the formats every view exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


from infrastructure.exporters.atomic import write_atomically

FORMATS = ("csv", "parquet", "json", "md")


def write_frame(frame: pl.DataFrame, path: Path, fmt: str) -> Path:
    """Write atomically (temp file + rename) so a reader never sees half a file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    return write_atomically(path, lambda target: _write(frame, target, fmt))


def _write(frame: pl.DataFrame, path: Path, fmt: str) -> None:
    if fmt == "csv":
        frame.write_csv(path)
    elif fmt == "parquet":
        frame.write_parquet(path)
    elif fmt == "json":
        path.write_text(_to_json(frame), encoding="utf-8")
    else:
        path.write_text(to_markdown(frame) + "\n", encoding="utf-8")


def frame_text(frame: pl.DataFrame, fmt: str) -> str:
    """The frame as CSV, JSON or Markdown text, e.g. for stdout (Parquet is binary: use a file)."""
    if fmt == "csv":
        return frame.write_csv()
    if fmt == "json":
        return _to_json(frame) + "\n"
    if fmt == "md":
        return to_markdown(frame) + "\n"
    raise ValueError(f"{fmt} output is written to a file, not printed: choose csv, json or md")


def _to_json(frame: pl.DataFrame) -> str:
    """Rows as JSON objects; decimals as exact strings, timestamps ISO."""
    import polars as pl

    exact = frame.with_columns(
        pl.col(pl.Decimal).cast(pl.String), pl.col(pl.Datetime, pl.Date).dt.to_string()
    )
    return exact.write_json()


def to_markdown(frame: pl.DataFrame) -> str:
    import polars as pl

    with pl.Config(
        tbl_formatting="ASCII_MARKDOWN",
        tbl_rows=-1,
        tbl_cols=-1,
        tbl_width_chars=10_000,
        tbl_hide_dataframe_shape=True,
        tbl_hide_column_data_types=True,
        fmt_str_lengths=200,
        thousands_separator=False,
        float_precision=4,
    ):
        return str(frame)
