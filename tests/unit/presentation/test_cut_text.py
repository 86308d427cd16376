"""A text cut to fit its column is named by the fit, and its whole text is there for the row's
detail line."""

from __future__ import annotations

import polars as pl

from workbench.presentation.table_fit import cut_text, fit_extremes, fit_table

RULES = pl.DataFrame(
    {
        "segment": ["Champions", "Lost"],
        "definition": [
            "Bought recently, three or more orders, and among the top spenders.",
            "Everyone else.",
        ],
        "customers": [187, 18_953],
    }
)


def test_the_fit_names_the_text_columns_it_cut_and_only_those() -> None:
    assert fit_table(RULES).cut == ()
    fitted = fit_table(RULES, 40)
    assert fitted.cut == ("definition",)
    assert fitted.widths[1] < len(RULES["definition"][0])


def test_a_cut_cell_gives_its_whole_text_and_a_whole_one_nothing() -> None:
    fitted = fit_table(RULES, 40)
    first, last = RULES.row(0, named=True), RULES.row(1, named=True)
    assert cut_text(fitted, first, "definition") == RULES["definition"][0]
    assert cut_text(fitted, last, "definition") == ""  # short enough for the cut column
    assert cut_text(fitted, first, "segment") == ""  # not cut
    assert cut_text(fitted, first, "customers") == ""  # a number: shortened, never cut


def test_a_big_tables_fit_names_what_it_cut_too() -> None:
    extremes = RULES.select("segment", "definition")
    assert fit_extremes(extremes, None, 30).cut == ("definition",)
    assert fit_extremes(extremes, None).cut == ()
