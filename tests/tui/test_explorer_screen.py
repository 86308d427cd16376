"""The Explorer as a user drives it: open an order by id, jump to its customer, a seller and back;
unknown and malformed ids get a clear message and leave the screen usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from shown import footer, lines, loads_done, notifications
from textual.pilot import Pilot
from textual.widgets import Input, Static

from domain.entities.ingestion_run import RunStatus
from screens.explorer import ExplorerScreen
from screens.widgets.empty_state import NO_SNAPSHOT
from screens.widgets.frame_table import FrameTable
from screens.widgets.keys_footer import KeysFooter
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
O2 = f"ad{'0' * 28}02"
O9 = f"ad{'0' * 28}09"
U1 = f"ee{'0' * 28}01"
S1 = f"fd{'0' * 28}01"
S2 = f"fd{'0' * 28}02"


@pytest.fixture
def published(container: Container) -> Container:
    outcome = container.ingestion().ingest(FIXTURE)
    assert outcome.status is RunStatus.SUCCEEDED, outcome.message
    return container


async def settle(pilot: Pilot[None]) -> None:
    await loads_done(pilot)
    await pilot.pause()
    await loads_done(pilot)
    await pilot.pause()


def text_of(app: WorkbenchApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def type_id(pilot: Pilot[None], text: str) -> None:
    field = pilot.app.screen.query_one("#explorer-id", Input)
    field.focus()
    field.value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_open_an_order_jump_to_its_customer_and_back(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, ExplorerScreen)
        await type_id(pilot, O2)

        summary = text_of(app, ".explorer-summary")
        assert f"ORDER {O2}" in summary
        assert "items R$ 80.00 + freight R$ 10.00 = R$ 90.00" in summary  # one money format
        assert "1 day(s) late" in summary
        assert "carrier hand-over: 2017-02-12 10:00" in summary
        items = app.screen.query_one("#explorer-items", FrameTable)
        assert items.frame["seller"].to_list() == [S2, S1]
        assert app.screen.query_one("#explorer-timeline", FrameTable).frame.height == 10
        assert "keeps every rule" in text_of(app, ".explorer-findings")

        await pilot.press("c")
        await settle(pilot)
        assert f"CUSTOMER {U1}" in text_of(app, ".explorer-summary")
        assert "recency 366 days" in text_of(app, ".explorer-summary")
        orders = app.screen.query_one("#explorer-orders", FrameTable)
        assert orders.frame.height == 3

        await pilot.press("slash", "escape")  # into the id field and out again: not "back"
        assert not isinstance(app.focused, Input)
        assert f"CUSTOMER {U1}" in text_of(app, ".explorer-summary")
        await pilot.press("backspace")
        await settle(pilot)
        assert f"ORDER {O2}" in text_of(app, ".explorer-summary")
        await pilot.press("backspace")
        await settle(pilot)
        assert "Nothing to go back to." in text_of(app, "#explorer-message")


async def test_order_to_a_seller_and_on_to_one_of_its_orders(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await type_id(pilot, O2)
        await pilot.press("S")  # two sellers: the items table is focused to pick one
        await settle(pilot)
        assert "2 sellers" in text_of(app, "#explorer-message")
        await pilot.press("down", "enter")  # item 2 is S1's
        await settle(pilot)
        summary = text_of(app, ".explorer-summary")
        assert f"SELLER {S1}" in summary and "revenue R$ 360.00" in summary
        assert "on time 80.0%" in summary and "active" in summary

        recent = app.screen.query_one("#explorer-orders", FrameTable)
        assert recent.frame.columns[:5] == [
            "order_id",
            "purchased",
            "status",
            "seller_items",
            "seller_items_value",
        ]
        assert recent.frame["purchased"].to_list() == sorted(
            recent.frame["purchased"], reverse=True
        )
        newest = recent.frame["order_id"][0]
        await pilot.press("enter")  # the first row: its most recent order
        await settle(pilot)
        assert f"ORDER {newest}" in text_of(app, ".explorer-summary")
        assert f"order {O2[:8]}… › seller {S1[:8]}… › order" in text_of(app, "#explorer-message")


async def test_unknown_and_malformed_ids_say_so_and_keep_the_view(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await type_id(pilot, O9)
        assert "delivered but has no delivery date" in text_of(app, ".explorer-findings")

        await type_id(pilot, "f" * 32)
        message = app.screen.query_one("#explorer-message", Static)
        assert "No order, customer or seller has the id" in str(message.render())
        assert message.has_class("error")
        assert f"ORDER {O9}" in text_of(app, ".explorer-summary")  # still showing the order

        await type_id(pilot, "robert'); drop table")
        assert "is not an id" in text_of(app, "#explorer-message")
        await type_id(pilot, O2)
        assert f"ORDER {O2}" in text_of(app, ".explorer-summary")


async def test_other_screens_drill_down_through_explore(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        app.explore("seller", S2)
        await settle(pilot)
        assert isinstance(app.screen, ExplorerScreen)
        assert f"SELLER {S2}" in text_of(app, ".explorer-summary")
        app.explore("product", "x")
        await settle(pilot)
        assert "not a product" in text_of(app, "#explorer-message")


async def test_the_id_field_suggests_completions(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("3", "e")
        await settle(pilot)
        await pilot.press("right", "enter")  # accept the suggestion, open it
        await settle(pilot)
        assert f"CUSTOMER 3e{'0' * 28}03" in text_of(app, ".explorer-summary")


async def test_without_a_warehouse_the_explorer_says_what_to_do(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(140, 50), notifications=True) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert text_of(app, "#explorer-message") == NO_SNAPSHOT  # said at once, calmly
        await type_id(pilot, O2)
        assert text_of(app, "#explorer-message") == NO_SNAPSHOT
        assert not app.screen.query_one("#explorer-message").has_class("error")
        assert not notifications(app, "error")
        assert isinstance(app.screen, ExplorerScreen)


async def test_slash_goes_to_the_id_field_so_typing_replaces_the_shown_id(
    published: Container,
) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await type_id(pilot, O2)
        assert not isinstance(app.focused, Input)  # the view's tables have the keys
        assert "/ types another id" in text_of(app, "#explorer-message")
        await pilot.press("slash", *O9, "enter")  # the keys go to the id field, not a table
        await settle(pilot)
        assert f"ORDER {O9}" in text_of(app, ".explorer-summary")
        assert isinstance(app.screen, ExplorerScreen)


async def test_a_city_with_a_typo_lists_people_and_sellers_to_pick_from(
    published: Container,
) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await type_id(pilot, "Sao Paolo")
        assert "3 people and sellers match 'Sao Paolo'" in text_of(app, "#explorer-message")
        matches = app.screen.query_one("#explorer-matches", FrameTable).frame
        assert matches.select("kind", "key", "place").rows() == [
            ("seller", S2, "sao paulo / SP"),  # 5 items sold: the busiest first
            ("customer", f"ee{'0' * 28}06", "sao paulo / SP"),
            ("customer", f"ee{'0' * 28}10", "sao paulo / SP"),
        ]
        shown = "\n".join(lines(app.screen.query_one("#explorer-matches", FrameTable).table))
        assert "R$" not in shown, "a seller's items and a person's orders are counts, not money"
        await pilot.press("enter")  # the cursor is on the first match
        await settle(pilot)
        assert f"SELLER {S2}" in text_of(app, ".explorer-summary")
        await pilot.press("backspace")
        await settle(pilot)

        await type_id(pilot, "pc_gam")  # a category: its sellers
        matches = app.screen.query_one("#explorer-matches", FrameTable).frame
        assert matches.select("kind", "key", "matched").rows() == [
            ("seller", S2, "category pc_gamer")
        ]
        await type_id(pilot, "ee00")  # ids still complete and open as before
        assert "is the start of several ids" in text_of(app, "#explorer-message")


def shown_text(app: WorkbenchApp) -> str:
    """Every text the Explorer's view shows now (those laid out on screen), as one text."""
    texts = app.screen.query_one("#explorer-view").query(Static)
    return "\n".join(str(text.render()) for text in texts if text.region.area)


async def test_another_entity_is_shown_in_the_same_widgets_fitted_by_the_worker(
    published: Container,
) -> None:
    """Opening a seller, a person, an order, then a person again fills the widgets kept from
    the first time (no table removed and mounted again), each table's rows fitted in the
    load's worker, and shows only the sections of the kind shown."""
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await type_id(pilot, S1)
        orders = app.screen.query_one("#explorer-orders", FrameTable)
        assert orders.fitted_ahead == 1, "the seller's orders fitted by the load's worker"
        assert orders.export_name == f"seller_orders_{S1}"
        assert "Most recent orders, up to 50" in shown_text(app)

        await type_id(pilot, U1)
        assert app.screen.query_one("#explorer-orders", FrameTable) is orders  # the same table
        assert orders.fitted_ahead == 2
        assert orders.frame.height == 3 and orders.export_name == f"customer_orders_{U1}"
        shown = shown_text(app)
        assert f"CUSTOMER {U1}" in shown and "Orders, newest first" in shown
        assert "Most recent orders" not in shown and "Broken business rules" not in shown

        await type_id(pilot, O2)
        items = app.screen.query_one("#explorer-items", FrameTable)
        assert items.fitted_ahead == 1 and items.frame["seller"].to_list() == [S2, S1]
        shown = shown_text(app)
        assert "Broken business rules" in shown and "Orders, newest first" not in shown
        assert app.focused is items.table  # the view's keys reach the screen

        await type_id(pilot, U1)
        assert app.screen.query_one("#explorer-orders", FrameTable) is orders
        assert app.screen.query_one("#explorer-items", FrameTable) is items
        assert app.focused is orders.table
        assert "Broken business rules" not in shown_text(app)
        assert app.screen.query_one("#explorer-view").parts_mounted == 2  # once each


async def test_a_search_after_an_entity_shows_only_its_matches(published: Container) -> None:
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await type_id(pilot, S1)
        await type_id(pilot, "Sao Paolo")
        shown = shown_text(app)
        assert "Matching 'Sao Paolo'" in shown and f"SELLER {S1}" not in shown
        matches = app.screen.query_one("#explorer-matches", FrameTable)
        assert matches.fitted_ahead == 1 and app.focused is matches.table
        await pilot.press("enter")
        await settle(pilot)
        shown = shown_text(app)
        assert f"SELLER {S2}" in shown and "Matching" not in shown


async def test_an_orders_keys_do_not_act_on_it_once_a_search_is_shown(
    published: Container,
) -> None:
    """The order's widgets stay, hidden, under a search's matches: S and c say what to do
    instead of acting on the order no longer shown."""
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await type_id(pilot, O2)
        await type_id(pilot, "Sao Paolo")
        matches = app.screen.query_one("#explorer-matches", FrameTable)
        for key in ("S", "c"):
            await pilot.press(key)
            await settle(pilot)
            assert "open an order first" in text_of(app, "#explorer-message")
            assert app.focused is matches.table
            assert "Matching 'Sao Paolo'" in shown_text(app)


async def test_going_between_the_id_field_and_the_view_shows_the_keys_of_each(
    published: Container,
) -> None:
    """`/` hides the view's keys (the id field takes the letters) and escape shows them again,
    every one usable, drawn by the footer alone (no widget per key to mount or restyle)."""
    app = WorkbenchApp(published)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await type_id(pilot, O2)
        keys = app.screen.query_one(KeysFooter)
        await pilot.press("slash", "escape")
        await settle(pilot)
        for _ in range(2):
            await pilot.press("slash")
            await settle(pilot)
            assert "Export" not in footer(app) and "Find id" in footer(app)
            await pilot.press("escape")
            await settle(pilot)
            assert "Export" in footer(app) and "Customer" in footer(app)
        assert not keys.children
        assert all(entry.enabled for entry in keys.shown())  # every key shown usable
