"""`workbench segments` and the segment files of `--batch`, as a script uses them."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from workbench.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


@pytest.fixture
def data(tmp_path: Path) -> list[str]:
    flags = ["--data-dir", str(tmp_path / "data")]
    assert main(["ingest", str(FIXTURE), *flags]) == 0
    return flags


def test_the_summary_prints_as_markdown_by_default(data, capsys) -> None:
    capsys.readouterr()
    assert main(["segments", *data]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("| segment ") and len(lines) == 2 + 11
    assert any(line.startswith("| Lost ") and "| 208.25 " in line for line in lines)
    assert "1 of 11 people are in no segment" in captured.err


def test_the_summary_prints_as_csv_or_json(data, capsys) -> None:
    capsys.readouterr()
    assert main(["segments", "--format", "csv", *data]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split(",")[:4] == ["segment", "customers", "customer_share", "revenue"]
    assert any(row.startswith("New,2,0.2,92.00,") for row in rows)
    assert main(["segments", "--format", "json", *data]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert {row["segment"]: row["revenue"] for row in parsed}["Need Attention"] == "350.00"


def test_parquet_needs_an_out_directory(data, capsys) -> None:
    capsys.readouterr()
    assert main(["segments", "--format", "parquet", *data]) == 2
    assert "--out" in capsys.readouterr().err


def test_out_writes_summary_and_customer_to_segment_table(data, tmp_path, capsys) -> None:
    out = tmp_path / "segments"
    assert main(["segments", "--format", "parquet", "--out", str(out), *data]) == 0
    summary = pl.read_parquet(out / "segment_summary.parquet")
    customers = pl.read_parquet(out / "customer_segments.parquet")
    assert summary.height == 11 and customers.height == 10
    assert set(customers["segment"]) <= set(summary["segment"])
    assert "wrote 10 rows" in capsys.readouterr().out


def test_without_a_warehouse_it_says_how_to_get_one(tmp_path, capsys) -> None:
    assert main(["segments", "--data-dir", str(tmp_path / "empty")]) == 2
    assert "ingest a dataset first" in capsys.readouterr().err


def test_batch_writes_the_segment_files_beside_the_marts(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    code = main(
        ["--batch", "--source", str(FIXTURE), "--out", str(out), "--data-dir", str(tmp_path)]
    )
    assert code == 0, capsys.readouterr().err
    assert pl.read_csv(out / "segment_summary.csv").height == 11
    assert pl.read_csv(out / "customer_segments.csv").height == 10
    assert (out / "mart_customer_rfm.csv").exists()
