"""`workbench quality` and the batch summary's quality lines, with their exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from workbench.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_batch_exit_codes_follow_fail_on_and_flips_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    batch = [*data, "--batch", "--out", str(tmp_path / "out"), "--source"]
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)

    code, out, _ = run(capsys, *batch, str(source), "--fail-on", "error")
    assert code == 0, out
    code, out, _ = run(capsys, *batch, str(source), "--fail-on", "warning")
    assert code == 1
    assert "quality warning: invariant.payment_mismatch fail (1 row)" in out
    assert "orders.monthly_volume" not in out  # info is below warning

    reviews = source / "olist_order_reviews_dataset.csv"
    lines = reviews.read_bytes().split(b"\n")
    reviews.write_bytes(b"\n".join(lines[:1] + lines[4:]))  # 3 of 13 reviews lost
    code, out, _ = run(capsys, *batch, str(source), "--fail-on", "error")
    assert code == 1
    assert "quality error: reviews.volume fail (3 rows)" in out
    assert "flipped from pass since run #2: reviews.volume (error, 3 rows)" in out


def test_ingest_lists_the_failing_rules_at_error_and_above_and_the_flips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    code, out, _ = run(capsys, *data, "ingest", str(source))
    assert code == 0
    assert "run #1, rules failing at error or above: 0" in out
    assert "payment_mismatch" not in out, "warnings are for `workbench quality`"

    reviews = source / "olist_order_reviews_dataset.csv"
    lines = reviews.read_bytes().split(b"\n")
    reviews.write_bytes(b"\n".join(lines[:1] + lines[4:]))  # 3 of 13 reviews lost
    code, out, _ = run(capsys, *data, "ingest", str(source))
    assert code == 0, "published: the gate blocks on critical rules only"
    assert "run #2, rules failing at error or above: 1" in out
    assert "quality error: reviews.volume fail (3 rows)" in out
    assert "flipped from pass since run #1: reviews.volume (error, 3 rows)" in out


def test_quality_prints_the_latest_report_as_markdown_or_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    code, _, err = run(capsys, *data, "quality")
    assert code == 2 and "No quality results yet" in err

    assert run(capsys, *data, "ingest", str(FIXTURE))[0] == 0
    code, out, _ = run(capsys, *data, "quality")
    assert code == 0
    assert out.startswith("# Quality report, run #1")
    assert "| invariant.no_items | warning | fail | 1 |" in out

    code, out, _ = run(capsys, *data, "quality", "--format", "json")
    document = json.loads(out)
    assert document["run_id"] == 1
    rules = {r["rule_id"]: r for r in document["rules"]}
    assert rules["invariant.no_items"]["sample_keys"] == ["ad" + "0" * 28 + "06"]
    assert rules["reconciliation.source_to_warehouse"]["status"] == "pass"
