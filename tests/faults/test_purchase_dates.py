"""Purchase dates the export cannot hold (before 2016, or after its latest recorded event plus the
configured tolerance) are an error-level quality finding and never the RFM as-of date."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from workbench.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
ORDERS = "olist_orders_dataset.csv"
LAST_SALE = datetime(2018, 3, 2, 15, 0)  # the fixture's latest purchase counting as a sale
RULE = "orders.purchase_date.plausible"


@pytest.fixture
def odd_dates(tmp_path: Path) -> Path:
    """The fixture with one delivered order purchased in 2031 and one in 2015."""
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source, ignore=shutil.ignore_patterns("*.md"))
    orders = source / ORDERS
    text = orders.read_text(encoding="utf-8")
    for old, new in (
        ("2017-01-05 10:00:00", "2031-01-05 10:00:00"),
        ("2017-02-10 08:00:00", "2015-02-10 08:00:00"),
    ):
        assert text.count(f",{old},") == 1
        text = text.replace(f",{old},", f",{new},")
    orders.write_text(text, encoding="utf-8")
    return source


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def rfm_as_of(warehouse: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql("SELECT DISTINCT as_of_at FROM mart_customer_rfm").fetchall()


def test_an_implausible_purchase_date_is_an_error_finding_and_not_the_as_of(
    odd_dates: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    code, out, err = run(capsys, *data, "ingest", str(odd_dates))
    assert code == 0, err  # a finding at severity error does not block publishing

    code, out, _ = run(capsys, *data, "quality", "--format", "json")
    rule = {r["rule_id"]: r for r in json.loads(out)["rules"]}[RULE]
    assert (rule["severity"], rule["status"], rule["failing_count"]) == ("error", "fail", 2)
    assert set(rule["sample_keys"]) == {
        "ad000000000000000000000000000001",
        "ad000000000000000000000000000002",
    }

    warehouse = tmp_path / "data" / "warehouse.duckdb"
    assert rfm_as_of(warehouse) == [(LAST_SALE,)]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        kept = con.sql("SELECT count(*), max(purchased_at) FROM fct_orders").fetchall()
    assert kept == [(15, datetime(2031, 1, 5, 10, 0))]  # flagged, never dropped

    store = SqliteMetadataStore(tmp_path / "data" / "metadata.sqlite")
    try:
        recorded = store.latest_run()
    finally:
        store.close()
    assert recorded is not None and recorded.as_of == LAST_SALE  # as the run history says it

    code, out, _ = run(capsys, *data, "--batch", "--fail-on", "error", "--out", str(tmp_path / "o"))
    assert code == 1 and f"quality error: {RULE} fail (2 rows)" in out


def test_the_tolerance_is_configurable_and_checked(
    odd_dates: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    data = ["--data-dir", str(tmp_path / "data"), "--config", str(config)]
    config.write_text("purchase_date_tolerance_days = 10000\n", encoding="utf-8")
    assert run(capsys, *data, "ingest", str(odd_dates))[0] == 0
    code, out, _ = run(capsys, *data, "quality", "--format", "json")
    rule = {r["rule_id"]: r for r in json.loads(out)["rules"]}[RULE]
    assert rule["failing_count"] == 1  # only 2015 is left: before Olist's first sales
    assert rfm_as_of(tmp_path / "data" / "warehouse.duckdb") == [(datetime(2031, 1, 5, 10, 0),)]

    for bad in ("-1", "1.5", '"soon"'):
        config.write_text(f"purchase_date_tolerance_days = {bad}\n", encoding="utf-8")
        code, _, err = run(capsys, *data, "runs")
        assert code == 2 and "purchase_date_tolerance_days" in err and len(err.splitlines()) == 1
