"""Pages of whole columns for a table wider than its room: the first column always, never part
of a column, every column reachable forwards and back."""

from __future__ import annotations

import polars as pl

from workbench.presentation.table_fit import ColumnPage, fit_extremes, fit_table

# A key column of 8 cells and eight money columns of 12 cells ("R$ 23,120.83"), 2 of padding each.
WIDE = pl.DataFrame(
    {"category": ["bed_bath", "toys"], **{f"m{i}": [23_120.83, 1.5] for i in range(8)}}
)
ROOM = 60  # the key column (10) and three money columns (14 each) fill 52 of it


def money_kinds() -> dict[str, str]:
    return {f"m{i}": "money" for i in range(8)}


def test_a_table_that_fits_is_one_page_with_nothing_hidden() -> None:
    fitted = fit_table(WIDE.select("category", "m0"), ROOM, kinds=money_kinds())
    assert fitted.page(ROOM) == ColumnPage((0, 1), 0, 0)
    assert fitted.page(ROOM).marker() == ""


def test_pages_hold_whole_columns_and_keep_the_first_one() -> None:
    fitted = fit_table(WIDE, ROOM, kinds=money_kinds(), paged=True)
    assert fitted.shortened == ()  # paged: the numbers stay exact
    first = fitted.page(ROOM)
    assert first == ColumnPage((0, 1, 2, 3), 0, 5)
    assert first.marker() == "+5 columns →"
    second = fitted.page(ROOM, first.columns[-1] + 1)
    assert second == ColumnPage((0, 4, 5, 6), 3, 2)
    assert second.marker() == "← 3 columns · +2 columns →"
    last = fitted.page(ROOM, second.columns[-1] + 1)
    assert last == ColumnPage((0, 7, 8), 6, 0)
    assert last.marker() == "← 6 columns"
    for page in (first, second, last):
        assert sum(fitted.widths[i] + fitted.padding for i in page.columns) <= ROOM
    assert fitted.previous_page(ROOM, last.first) == second
    assert fitted.previous_page(ROOM, second.first) == first


def test_unpaged_tables_still_shorten_their_numbers() -> None:
    fitted = fit_table(WIDE, ROOM, kinds=money_kinds())
    assert fitted.shortened  # the Ingestion tables: shortened (1.55M) rather than paged


def test_one_column_too_wide_for_the_room_is_still_shown_whole() -> None:
    fitted = fit_table(WIDE, 20, kinds=money_kinds(), paged=True)
    assert fitted.page(20).columns == (0, 1)


# A key, six money columns and a city: no cut of the text makes every column fit in ROOM.
WITH_CITY = WIDE.select("category", *(f"m{i}" for i in range(6))).with_columns(
    city=pl.Series(["sao jose dos campos", "ita"])
)


def test_a_paged_table_keeps_its_text_whole_when_cutting_it_would_not_make_it_fit() -> None:
    for fitted in (
        fit_table(WITH_CITY, ROOM, kinds=money_kinds(), paged=True),
        fit_extremes(WITH_CITY, None, ROOM, kinds=money_kinds()),
    ):
        city = fitted.frame.columns.index("city")
        assert fitted.widths[city] == len("sao jose dos campos")
        assert fitted.frame["city"][0].strip() == "sao jose dos campos"
        last = fitted.page(ROOM, len(fitted.widths) - 1)
        assert city in last.columns


def test_a_paged_table_cuts_its_text_when_that_makes_every_column_fit() -> None:
    frame = WITH_CITY.select("category", "m0", "city")  # 10 + 14 + 21 cells: 45
    fitted = fit_table(frame, 40, kinds=money_kinds(), paged=True)
    assert fitted.page(40).columns == (0, 1, 2)
    assert fitted.frame["city"][0].endswith("…")


def test_a_whole_text_column_is_at_most_a_page_beside_the_key() -> None:
    long = WITH_CITY.with_columns(city=pl.Series(["x" * 200, "y"]))
    fitted = fit_table(long, ROOM, kinds=money_kinds(), paged=True)
    city = fitted.frame.columns.index("city")
    assert fitted.widths[0] + fitted.widths[city] + 2 * fitted.padding == ROOM
