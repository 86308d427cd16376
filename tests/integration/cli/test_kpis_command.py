"""`workbench kpis` and the KPI files of `--batch`, as a script or a report uses them."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from workbench.cli import main
from workbench.presentation.kpi_tables import KPI_FRAMES

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    flags = ["--data-dir", str(tmp_path_factory.mktemp("kpi-cli") / "data")]
    assert main(["ingest", str(FIXTURE), *flags]) == 0
    return flags


def test_categories_as_csv_under_filters(data, capsys) -> None:
    capsys.readouterr()
    args = ["kpis", "--view", "categories", "--format", "csv", "--state", "sp", *data]
    assert main([*args, "--from", "2017-01-01", "--to", "2017-12-31"]) == 0
    captured = capsys.readouterr()
    header, *rows = captured.out.splitlines()
    assert header.startswith("category,category_status,revenue,items,mean_price,orders")
    # SP orders of 2017 that count as sales: O1, O2, O8, O14.
    assert sorted(row.split(",")[:3] for row in rows) == [
        ["bed_bath_table", "translated", "30.00"],
        ["computers_accessories", "translated", "250.00"],
        ["health_beauty", "translated", "100.00"],
    ]
    assert "2017-01-01 → 2017-12-31 · state SP · category all" in captured.err


def test_executive_json_and_text_charts(data, capsys) -> None:
    capsys.readouterr()
    assert main(["kpis", "--format", "json", "--chart", "--category", "pc_gamer", *data]) == 0
    out = capsys.readouterr().out
    tiles_json = out.split("# kpi_executive\n", 1)[1].split("# kpi_monthly\n", 1)[0]
    tiles = {row["kpi"]: row for row in json.loads(tiles_json)}
    assert Decimal(str(tiles["gmv"]["value"])) == Decimal("280.00")
    assert tiles["gmv"]["shown"] == "R$ 280.00"
    assert "GMV R$ (left) and orders (right) per month, both axes from 0" in out
    assert "2018-01" in out and "\x1b[" not in out, "plain text, no colour codes"


def test_out_writes_one_file_per_table_and_the_charts(data, tmp_path, capsys) -> None:
    out = tmp_path / "delivery"
    args = ["kpis", "--view", "delivery", "--format", "parquet", "--out", str(out), "--chart"]
    assert main([*args, *data]) == 0
    days = pl.read_parquet(out / "kpi_delivery_days.parquet")
    assert dict(days.select("days", "orders").iter_rows()) == {
        5: 1, 7: 1, 8: 1, 9: 1, 10: 3, 15: 1, 18: 1,
    }  # fmt: skip
    assert (out / "kpi_delivery_routes.parquet").exists()
    assert "Delivered orders by delivery days" in (out / "kpi_delivery_charts.txt").read_text()
    assert "wrote 7 rows" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--state", "XX"], "not a Brazilian state"),
        (["--from", "2017-02-30"], "is not a day"),
        (["--category", "nope"], "no category 'nope'"),
        (["--format", "parquet"], "--out"),
    ],
)
def test_bad_filters_are_one_clear_line(data, capsys, flags, message) -> None:
    capsys.readouterr()
    assert main(["kpis", *flags, *data]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_definitions(data, capsys) -> None:
    capsys.readouterr()
    assert main(["kpis", "--definitions", *data]) == 0
    out = capsys.readouterr().out
    assert "items price + freight of the orders not canceled or unavailable" in out
    assert "health = 100 ×" in out
    assert "**Not fulfilled** = canceled + unavailable orders" in out
    assert "as of the latest purchase that counts as a sale" in out


def test_batch_writes_every_kpi_table(data, tmp_path) -> None:
    out = tmp_path / "batch"
    assert main(["--batch", "--out", str(out), "--format", "csv", *data]) == 0
    for name in KPI_FRAMES:
        assert (out / f"{name}.csv").exists(), name
    sellers = pl.read_csv(out / "kpi_sellers.csv")
    assert sellers["health_score"].round(2).to_list() == [63.33, 76.67, 77.48]


def test_several_states_repeated_or_separated_by_commas(data, capsys) -> None:
    said: list[str] = []

    def orders(*flags: str) -> int:
        capsys.readouterr()
        assert main(["kpis", "--format", "json", *flags, *data]) == 0
        captured = capsys.readouterr()
        said.append(captured.err)
        tiles = captured.out.split("# kpi_executive\n", 1)[1].split("# kpi_monthly\n", 1)[0]
        return int({row["kpi"]: row for row in json.loads(tiles)}["orders"]["value"])

    sp, rj = orders("--state", "SP"), orders("--state", "RJ")
    assert orders("--state", "SP", "--state", "rj") == orders("--state", "SP,RJ") == sp + rj
    assert "states SP, RJ" in said[-1] and "states SP, RJ" in said[-2]


def test_weekly_series_and_year_over_year_columns(data, capsys) -> None:
    capsys.readouterr()
    flags = ["--from", "2018-01-01", "--to", "2018-02-28", "--grain", "week", "--format", "csv"]
    assert main(["kpis", *flags, *data]) == 0
    out = capsys.readouterr().out
    tiles, weekly = out.split("# kpi_executive\n", 1)[1].split("# kpi_weekly\n", 1)
    gmv = next(row for row in csv.DictReader(tiles.splitlines()) if row["kpi"] == "gmv")
    assert (gmv["value"], gmv["year_ago"], gmv["year_change_shown"]) == (
        "412.0",
        "408.25",
        "yoy ▲ 0.9%",
    )
    assert float(gmv["year_change"]) == pytest.approx(100 * (412.00 / 408.25 - 1))
    assert weekly.splitlines()[1].startswith("2018-01-01,")  # a Monday
