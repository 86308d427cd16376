"""`workbench kpis --view products|customers|geography` in every format, with --chart (the map
for geography), as a script uses them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polars as pl
import pytest

from workbench.cli import main
from workbench.presentation.kpi_tables import KPI_FRAMES

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
NEW_VIEWS = ("products", "customers", "geography")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    flags = ["--data-dir", str(tmp_path_factory.mktemp("kpi-new-views") / "data")]
    assert main(["ingest", str(FIXTURE), *flags]) == 0
    return flags


def tables_of(view: str) -> list[str]:
    return [name for name, (owner, _) in KPI_FRAMES.items() if owner == view]


@pytest.mark.parametrize("view", NEW_VIEWS)
@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_every_table_on_stdout(data, capsys, view: str, fmt: str) -> None:
    capsys.readouterr()
    assert main(["kpis", "--view", view, "--format", fmt, *data]) == 0
    out = capsys.readouterr().out
    marker = "## " if fmt == "md" else "# "
    for name in tables_of(view):
        assert f"{marker}{name}\n" in out
    if fmt == "json":
        first = tables_of(view)[0]
        body = out.split(f"# {first}\n", 1)[1].split("\n# ", 1)[0]
        assert isinstance(json.loads(body), list)


@pytest.mark.parametrize("view", NEW_VIEWS)
def test_parquet_files(data, tmp_path, capsys, view: str) -> None:
    out = tmp_path / view
    assert main(["kpis", "--view", view, "--format", "parquet", "--out", str(out), *data]) == 0
    for name in tables_of(view):
        assert pl.read_parquet(out / f"{name}.parquet").width > 0


def test_customers_csv_under_a_state_filter(data, capsys) -> None:
    """First orders in SP: U1 (O1), U4 (O6), U6 (O8), U3 (O11), U10 (O14); U1 buys again in SP
    (O2; O3 ships elsewhere) and U3 (O12)."""
    capsys.readouterr()
    assert main(["kpis", "--view", "customers", "--format", "csv", "--state", "SP", *data]) == 0
    out = capsys.readouterr().out
    summary = out.split("# kpi_customer_repeat\n", 1)[1].split("\n# ", 1)[0]
    row = next(csv.DictReader(io.StringIO(summary)))
    assert (row["customers"], row["second_order_customers"]) == ("5", "2")


def test_products_chart_shows_the_pareto_curve(data, capsys) -> None:
    capsys.readouterr()
    assert main(["kpis", "--view", "products", "--chart", *data]) == 0
    out = capsys.readouterr().out
    assert "Pareto: GMV % per category" in out
    assert "Mean review by days delivered vs the estimate" in out


def test_geography_chart_is_the_map(data, capsys) -> None:
    capsys.readouterr()
    args = ["kpis", "--view", "geography", "--chart", "--measure", "orders", "--layer", "both"]
    assert main([*args, *data]) == 0
    out = capsys.readouterr().out
    assert "Brazil · both by zip centroid · colour: orders per state" in out
    assert any("\u2800" < char <= "\u28ff" for char in out)  # braille points
    assert "SP" in out.split("Brazil ·", 1)[1]  # the state's label on the map or legend
    assert "  s sellers" in out


def test_geography_zoom_and_a_bad_state(data, capsys) -> None:
    capsys.readouterr()
    assert main(["kpis", "--view", "geography", "--chart", "--zoom", "rj", *data]) == 0
    assert "state RJ · customers" in capsys.readouterr().out
    assert main(["kpis", "--view", "geography", "--chart", "--zoom", "XX", *data]) == 2
    error = capsys.readouterr().err
    assert "--zoom XX: no such state" in error
    assert "Traceback" not in error


def test_geography_chart_with_one_sellers_lines(data, capsys) -> None:
    """S3 (Florianópolis, SC) sold to customers in SP and elsewhere: lines from SC."""
    capsys.readouterr()
    seller = f"fd{'0' * 28}03"
    args = ["kpis", "--view", "geography", "--chart", "--seller", seller, *data]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"  - seller {seller} to its customers" in out
    assert "lines of one seller" in out
    assert main(["kpis", "--view", "geography", "--chart", "--seller", "nobody", *data]) == 2
    assert "--seller nobody: no such seller" in capsys.readouterr().err
