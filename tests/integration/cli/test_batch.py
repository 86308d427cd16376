"""`workbench --batch` as cron runs it: progress on stderr, summary on stdout, files, exit codes."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from workbench.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


def test_batch_ingests_exports_every_view_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "--batch",
            "--source",
            str(FIXTURE),
            "--out",
            str(out),
            "--format",
            "parquet",
            "--data-dir",
            str(tmp_path / "data"),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "[1/6] validate" in captured.err and "[6/6] publish" in captured.err
    assert "run #1 succeeded" in captured.out
    assert "exported" in captured.out and "[1/6]" not in captured.out
    kpis = pl.read_parquet(out / "mart_kpi_monthly.parquet")
    assert kpis.height > 0 and {"month", "gmv", "aov"} <= set(kpis.columns)


def test_batch_without_source_exports_the_published_warehouse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    assert main(["ingest", str(FIXTURE), *data]) == 0
    code = main(["--batch", "--out", str(tmp_path / "out"), "--format", "json", *data])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "out" / "mart_state_summary.json").read_text().startswith("[")


def test_batch_with_nothing_to_export_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--batch", "--data-dir", str(tmp_path / "data")])
    assert code == 2
    assert "no warehouse published yet" in capsys.readouterr().err


def test_batch_with_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--batch", "--source", str(tmp_path / "nope"), "--data-dir", str(tmp_path)])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


def test_source_without_batch_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--source", str(FIXTURE), "--data-dir", str(tmp_path)]) == 2
    assert "go with --batch" in capsys.readouterr().err


def test_batch_without_source_still_honours_fail_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    assert main(["ingest", str(FIXTURE), *data]) == 0  # the fixture carries warning anomalies
    out = ["--out", str(tmp_path / "out")]
    assert main(["--batch", *out, "--fail-on", "critical", *data]) == 0
    capsys.readouterr()
    assert main(["--batch", *out, "--fail-on", "warning", *data]) == 1
    assert "quality warning: invariant.payment_mismatch fail" in capsys.readouterr().out
