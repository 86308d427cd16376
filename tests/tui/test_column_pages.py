"""A table wider than the screen shows whole columns only: the first column stays, a marker says
how many are hidden ("+7 columns →"), and `>` / `<` page through them (80×24, KPI Categories)."""

from __future__ import annotations

import re
from pathlib import Path

from shown import footer, lines, loads_done
from textual.widgets import Label

from infrastructure.generator import generate
from screens.widgets.frame_table import FrameTable
from workbench.app import WorkbenchApp
from workbench.container import Container
from workbench.presentation.table_fit import fit_table

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(3):
        await loads_done(pilot)
        await pilot.pause()


def shown_page(table: FrameTable) -> tuple[list[str], list[str], str]:
    """The column names the table shows, its row lines, and the marker under it."""
    header, *rows = [line.rstrip() for line in lines(table.table) if line.strip()]
    marker = table.query_one(".frame-columns", Label)
    return header.split(), rows, str(marker.render()) if marker.display else ""


def assert_whole(table: FrameTable, names: list[str], rows: list[str]) -> None:
    """Every cell on screen reads as the whole value, in every column shown."""
    exact = fit_table(table.frame).frame  # each cell as its measure reads, at full width
    assert table.table.virtual_size.width <= table.table.size.width  # nothing to scroll to
    for index, line in enumerate(rows[:5]):
        for name in names[1:]:
            assert exact[name][index].strip() in line, (name, line)


async def page_to_the_end(pilot, table: FrameTable) -> list[str]:
    """Turn pages with `>` to the last, at most one turn per column: each page keeps the key
    column, shows its cells whole and says how many columns are before it. The columns seen, in
    order, from the page shown first."""
    names, _, marker = shown_page(table)
    key, seen = names[0], list(names)
    for _ in range(len(table.frame.columns)):  # a page turn that shows nothing new would stop here
        if "→" not in marker:
            break
        await pilot.press(">")
        await settle(pilot)
        names, rows, marker = shown_page(table)
        assert names[0] == key  # the key column stays
        assert_whole(table, names, rows)
        seen += names[1:]
        assert re.match(r"← \d+ columns", marker)
    assert "→" not in marker, "the last page"
    return seen


async def test_a_wide_table_pages_through_whole_columns(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        table = app.screen.query_one("#table-categories", FrameTable)
        table.table.focus()
        await settle(pilot)
        every = table.frame.columns
        names, rows, marker = shown_page(table)
        assert names[0] == "category" and len(names) < len(every)
        assert marker == f"+{len(every) - len(names)} columns →"
        assert "More columns" in footer(app)
        assert_whole(table, names, rows)

        seen = await page_to_the_end(pilot, table)
        assert seen == every  # every column once, in order
        names, rows, marker = shown_page(table)
        assert "More columns" not in footer(app) and "Back columns" in footer(app)

        for _ in range(len(every)):
            if "←" not in marker:
                break
            await pilot.press("<")
            await settle(pilot)
            names, rows, marker = shown_page(table)
            assert_whole(table, names, rows)
        assert names == seen[: len(names)]  # back on the first page
        assert marker == f"+{len(every) - len(names)} columns →"


async def test_a_segments_customers_show_their_text_whole_on_every_page(
    container: Container, tmp_path: Path
) -> None:
    """At 80x24 a segment's customers (a big table, fitted on its widest values) do not fit even
    with every text cut, so no text but the key is cut: the city reads whole on its page."""
    export = generate(tmp_path / "export", 0.01, seed=3).out  # cities of real length
    assert container.ingestion().ingest(export).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#segment-customers", FrameTable)
        table.table.focus()
        await settle(pilot)
        assert "→" in shown_page(table)[2]
        seen = await page_to_the_end(pilot, table)
        assert "city" in seen and any(len(city) > 8 for city in table.frame["city"].to_list())
