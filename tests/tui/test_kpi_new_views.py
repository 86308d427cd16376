"""Products, Customers and Geography on the KPI screen as a user drives them, and the geography
view at 80×24 against an accepted SVG (`--snapshot-update` after an intended change; look at
the SVG first)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from shown import held, loads_done
from textual.widgets import ContentSwitcher, Label

from screens.kpi_orders import KpiOrdersScreen
from screens.widgets.frame_table import FrameTable
from screens.widgets.kpi_chart import ChartPanel
from screens.widgets.kpi_map import BrazilMap
from workbench.app import WorkbenchApp
from workbench.application.config import load_settings
from workbench.container import Container, build_container
from workbench.presentation.brazil_map import SELLER_CLASS

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
DATA_DIR = Path("/tmp/workbench-geo-snapshot")  # fixed: the header shows it


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


def shown_text(app: WorkbenchApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


async def test_products_and_customers_views(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert app.screen.query_one(ContentSwitcher).current == "products"
        assert "ABC (A: first 80% of GMV, B: to 95%, C: rest)" in shown_text(app, "#products-notes")
        table = app.screen.query_one("#table-products", FrameTable)
        assert table.export_name == "kpi_abc_summary"
        assert table.frame["cutoff"].to_list()[:3] == ["0-80%", "80%-95%", "95%-100%"]
        pareto = app.screen.query_one("#chart-products-1", ChartPanel).spec
        assert pareto is not None and pareto.title.startswith("Pareto")
        await pilot.press("b")
        assert table.export_name == "kpi_category_abc"
        assert "2/6, b: next table" in shown_text(app, "#products-table-title")

        await pilot.press("n")
        await settle(pilot)
        assert "11 customers acquired · 2 placed a second order = 18.2 % second-order rate" in (
            shown_text(app, "#customers-notes")
        )
        customers = app.screen.query_one("#table-customers", FrameTable)
        assert customers.export_name == "kpi_ltv_cohorts"

        # the filters apply: 2018 only
        await pilot.press("f")
        await pilot.press(*"2018-01-01", "tab", *"2018-12-31", "enter")
        await settle(pilot)
        notes = shown_text(app, "#customers-notes")
        assert "5 customers acquired · 1 placed a second order" in notes


async def test_geography_layers_measures_zoom_and_drill(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.pause()
        drawn = app.screen.query_one(BrazilMap)
        picture = drawn.picture
        assert picture is not None and picture.points_drawn > 0
        assert "Brazil · customers by zip centroid · colour: GMV per state" in picture.title
        assert "SP" in "".join(char for row in picture.cells for char, _ in row)
        assert "customers' states · y: layer customers · w: GMV" in shown_text(app, "#geo-title")

        await pilot.press("y", "y")  # customers -> sellers -> both
        await pilot.pause()
        picture = drawn.picture
        assert picture is not None
        assert any(css_class == SELLER_CLASS for row in picture.cells for _, css_class in row)
        await pilot.press("w")  # GMV -> orders
        await pilot.pause()
        assert "w: orders" in shown_text(app, "#geo-title")

        table = app.screen.query_one("#table-geography", FrameTable)
        first_state = table.frame.row(0, named=True)["state"]
        await pilot.press("z")
        await pilot.pause()
        assert drawn.zoom_state == first_state
        assert f"zoom {first_state} (z: out)" in shown_text(app, "#geo-title")
        await pilot.press("z")
        assert drawn.zoom_state is None

        await pilot.press("enter")  # the state's orders
        await settle(pilot)
        assert isinstance(app.screen, KpiOrdersScreen)


async def test_k_on_a_seller_maps_its_customers(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("m", "backspace", "backspace", "1", "enter")  # every seller
        await settle(pilot)
        sellers = app.screen.query_one("#table-sellers", FrameTable)
        seller = sellers.frame.row(0, named=True)["seller_id"]
        await pilot.press("k")
        await settle(pilot)
        await pilot.pause()
        assert app.screen.query_one(ContentSwitcher).current == "geography"
        drawn = app.screen.query_one(BrazilMap)
        assert drawn.seller_lines is not None
        assert set(drawn.seller_lines["seller_id"]) == {seller}
        assert drawn.picture is not None and "lines of one seller" in drawn.picture.title
        await pilot.press("k")  # lines off
        await pilot.pause()
        assert drawn.seller_lines is None


@pytest.fixture
def fixed_container() -> Iterator[Container]:
    with held(DATA_DIR):  # another test run (or xdist worker) may be using the fixed dir
        shutil.rmtree(DATA_DIR, ignore_errors=True)
        container = build_container(load_settings({"data_dir": DATA_DIR}, env={}, config_file=None))
        assert container.ingestion().ingest(FIXTURE).published
        yield container
        container.shutdown_resources()
        shutil.rmtree(DATA_DIR, ignore_errors=True)


def test_geography_view_at_80_by_24(snap_compare, fixed_container: Container) -> None:
    app = WorkbenchApp(fixed_container)
    app.animation_level = "none"

    async def open_geography(pilot) -> None:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_geography)


async def test_chart_titles_at_80_by_24(container: Container) -> None:
    """Each chart of Products and Customers keeps its title at 80×24 (shortened with "…")."""
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        for key, view in (("o", "products"), ("n", "customers")):
            await pilot.press(key)
            await settle(pilot)
            for index in (1, 2):
                chart = app.screen.query_one(f"#chart-{view}-{index}", ChartPanel)
                assert chart.spec is not None
                top = chart.render().plain.splitlines()[0]  # type: ignore[union-attr]
                assert " ".join(chart.spec.title.split()[:2]) in top, (view, index, top)
