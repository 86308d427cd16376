"""Every chart tells the truth: axes from zero, bars that never merge, every bar identifiable."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import plotext
import polars as pl
import pytest

from workbench.kpi_report import text_chart
from workbench.presentation.kpi_charts import (
    ChartSpec,
    Series,
    draw,
    ranked_bars,
    readout,
    series_charts,
)

MONTHS = [date(2017 + (m // 12), m % 12 + 1, 1) for m in range(25)]


def _text(spec: ChartSpec, width: int, height: int = 20) -> str:
    plotext.clear_figure()
    plotext.limit_size(False, False)
    plotext.plotsize(width, height)
    plotext.theme("clear")
    draw(plotext, spec, width, height=height)
    return str(plotext.uncolorize(plotext.build()))


def test_orders_line_and_gmv_bars_both_start_at_zero() -> None:
    monthly = pl.DataFrame(
        {
            "period": MONTHS,
            "gmv": [1000.0 + 10 * m for m in range(25)],
            "orders": [621 + m for m in range(25)],
            "late_rate": [0.05] * 25,
            "avg_review_score": [4.1] * 25,
        }
    )
    gmv, late = series_charts(monthly)
    for spec in (gmv, late):
        bottom = [line for line in _text(spec, 160).splitlines() if "┤" in line][-1]
        assert re.match(r"\s*0┤", bottom) and bottom.rstrip().endswith("├0"), bottom
        assert "from 0" in spec.title


@pytest.mark.parametrize("width", [60, 80, 100, 160])
@pytest.mark.parametrize("bars", [5, 20, 27])
def test_neighbouring_bars_never_merge(width: int, bars: int) -> None:
    frame = pl.DataFrame({"state": [f"S{i}" for i in range(bars)], "gmv": [100.0] * bars})
    spec = ranked_bars(frame, "state", "gmv", "GMV by state", "state", bars)
    plotext.clear_figure()
    plotext.limit_size(False, False)
    plotext.plotsize(width, 12)
    shown = draw(plotext, spec, width)
    text = plotext.uncolorize(plotext.build())
    bottom = [line for line in text.splitlines() if "┤" in line][-1]
    assert len(re.findall("█+", bottom)) == shown.stop - shown.start
    assert shown.stop - shown.start == bars or f"of {bars}" in shown.note


def test_every_bar_is_identifiable_by_label_or_readout() -> None:
    categories = [f"category_{i:02d}" for i in range(20)]
    frame = pl.DataFrame({"category": categories, "revenue": [float(20 - i) for i in range(20)]})
    spec = ranked_bars(frame, "category", "revenue", "Revenue", "category")
    assert readout(spec, 3) == "category_03: revenue R$ 17.00"
    lines = _text(spec, 160).splitlines()
    # Cut to the room a bar has, the labels would all read "cat…": whole ones under every
    # other bar instead, and the readout names each bar.
    assert lines[-2].count("┬") == 10
    assert lines[-1].split() == categories[::2]
    assert [readout(spec, i).split(":")[0] for i in range(20)] == categories


def test_a_chart_series_reads_in_its_measure() -> None:
    spec = ChartSpec(
        "x", ("2018-01",), (Series("late %", (6.72,), "line", measure="percent"),), (1,), "month"
    )
    assert readout(spec, 0) == "2018-01: late % 6.7 %"


@pytest.mark.parametrize("height", [6, 7, 8, 9, 12])
def test_a_short_chart_has_one_y_tick_a_row_and_every_label(height: int) -> None:
    """Ticks sharing a row overwrote each other (which one showed varied between runs), and a
    label touching the next was dropped: at 80 columns every category is named under its bar."""
    names = ["pc_gamer", "computers_accessories", "health_beauty", "bed_bath_table", "(none)"]
    frame = pl.DataFrame({"category": names, "revenue": [255.54, 250.0, 240.0, 168.9, 25.0]})
    spec = ranked_bars(frame, "category", "revenue", "Revenue", "category")
    lines = _text(spec, 80, height).splitlines()
    ticks = [line.split("┤")[0].strip() for line in lines if "┤" in line]
    evenly = {
        2: ["256", "0"],
        3: ["256", "128", "0"],
        4: ["256", "170", "85.2", "0"],
        5: ["256", "192", "128", "63.9", "0"],
    }
    legend = 1 if height - 4 > 2 else 0  # the legend's row, above the data, when it fits
    assert ticks == evenly[min(5, height - 4 - legend)], "one tick a row, none overwritten"
    assert lines[-2].count("┬") == 5
    assert [label[:3] for label in lines[-1].split()] == ["pc_", "com", "hea", "bed", "(no"]


def test_months_are_labelled_whole_when_they_fit() -> None:
    months = [f"2017-{month:02d}" for month in range(6, 13)]
    frame = pl.DataFrame({"category": months, "revenue": [float(i + 1) for i in range(7)]})
    spec = ranked_bars(frame, "category", "revenue", "Revenue", "category")
    assert _text(spec, 80).splitlines()[-1].split() == months


def test_the_lines_of_a_plain_text_chart_are_told_apart() -> None:
    """No colours in plain text (`workbench kpis --chart`): each line has its own marker, and
    the legend shows which."""
    spec = ChartSpec(
        "Late % (left) and mean review (right)",
        ("2018-01", "2018-02", "2018-03"),
        (
            Series("late %", (10.0, 20.0, 5.0), "line", measure="percent"),
            Series("review", (4.0, 3.5, 4.2), "line", right_axis=True, measure="score"),
        ),
        ("2018-01", "2018-02", "2018-03"),
        "month",
    )
    text = text_chart(spec)
    assert "⢕⢕ late %" in text and "•• review" in text
    plot = text.split("review", 1)[1]  # below the legend: both lines drawn, each its marker
    assert "•" in plot and re.search("[⠁-⣿]", plot)


def test_a_title_longer_than_the_plot_is_shortened_not_dropped() -> None:
    """plotext centres the title on the plot and drops it whole when it runs past an edge."""
    spec = ChartSpec(
        "Customers by days from the first to the second order (bars)",
        tuple(f"d{i}" for i in range(6)),
        (Series("customers", (91.0, 3.0, 20.0, 40.0, 60.0, 10.0), measure="count"),),
        tuple(range(6)),
        "days",
    )
    for width in (30, 38, 44):
        title = _text(spec, width, 10).splitlines()[0].strip()
        assert title.startswith("Customers by") and title.endswith("…"), (width, title)


LEGEND_CASES = {
    "screen 40x12": lambda spec: _text(spec, 40, 12),
    "screen 80x14": lambda spec: _text(spec, 80, 14),
    "screen 70x24": lambda spec: _text(spec, 70, 24),
    "report": text_chart,  # `workbench kpis` and the batch's Markdown
}


@pytest.mark.parametrize("drawn", LEGEND_CASES.values(), ids=LEGEND_CASES.keys())
def test_no_bar_or_line_runs_under_the_legend(drawn: Callable[[ChartSpec], str]) -> None:
    """plotext writes the legend over the plot's top rows, a row a series: a bar whose top was
    under it read lower than it is (GMV of R$ 35,765.99 read ~14.5k at 80x24)."""
    monthly = pl.DataFrame(
        {
            "period": MONTHS[:6],
            "gmv": [35_765.99, 32_626.91, 30_000.0, 36_000.0, 35_000.0, 34_000.0],
            "orders": [300, 280, 250, 310, 305, 290],
            "late_rate": [0.05, 0.2, 0.1, 0.05, 0.2, 0.15],
            "avg_review_score": [4.1, 3.2, 4.5, 4.6, 3.9, 4.0],
        }
    )
    for spec in series_charts(monthly):
        lines = drawn(spec).splitlines()
        # a legend row: its side (L, ⅃), the series' mark twice (a report's lines are told
        # apart by plain markers: •, x, +), its name
        legend = [line for line in lines if re.search(r"[L⅃] (\S)\1 ", line)]
        assert len(legend) == len(spec.series), lines
        for line in legend:
            plot = line.split("│")[1] if "│" in line else line
            marks = re.sub(r"[L⅃] (\S)\1 \S+( \S+)?", "", plot)  # the legend's own text
            assert not re.search(r"[█▄▀⠁-⣿•x+]", marks), f"data under the legend: {line!r}"


@pytest.mark.parametrize("width", [39, 50, 60])
def test_the_executive_pair_shows_the_same_months_side_by_side(width: int) -> None:
    """The GMV bars fitted only the last months at half of 80 columns while the late-rate
    lines beside them showed every month: two spans side by side, read as one. A time line
    too long for its bars is drawn as lines, and both charts show every month."""
    monthly = pl.DataFrame(
        {
            "period": MONTHS[:23],
            "gmv": [100_000.0 + 10 * m for m in range(23)],
            "orders": [621 + m for m in range(23)],
            "late_rate": [0.05] * 23,
            "avg_review_score": [4.1] * 23,
        }
    )
    shown = []
    for spec in series_charts(monthly):
        plotext.clear_figure()
        plotext.limit_size(False, False)
        plotext.plotsize(width, 14)
        window = draw(plotext, spec, width, height=14)
        shown.append((window.start, window.stop))
        text = str(plotext.uncolorize(plotext.build()))
        assert "of 23" not in text and "██" not in text  # no window, no bars: lines
    assert shown == [(0, 23), (0, 23)]
    plotext.clear_figure()  # wide enough, the GMV is bars still
    plotext.limit_size(False, False)
    plotext.plotsize(160, 14)
    draw(plotext, series_charts(monthly)[0], 160, height=14)
    assert "█" in plotext.uncolorize(plotext.build())


def test_a_ranking_cut_to_its_first_bars_says_so() -> None:
    """74 categories had sales; the chart drew 20 and its title said nothing of the rest."""
    frame = pl.DataFrame({"category": [f"c{i}" for i in range(74)], "revenue": [1.0] * 74})
    cut = ranked_bars(frame, "category", "revenue", "Revenue (R$) by category", "category")
    assert (len(cut.labels), cut.title) == (20, "Revenue (R$) by category · the first 20 of 74")
    whole = ranked_bars(frame.head(5), "category", "revenue", "Revenue", "category")
    assert whole.title == "Revenue"


def test_an_axis_of_counts_has_whole_ticks() -> None:
    """The sellers' histogram read 98.0 / 73.5 / 49.0 / 24.5 sellers."""
    frame = pl.DataFrame({"band": ["70-80", "80-90", "90-100"], "sellers": [98.0, 40.0, 7.0]})
    spec = ranked_bars(frame, "band", "sellers", "Sellers by health", "band", measure="count")
    ticks = [line.split("┤")[0].strip() for line in _text(spec, 60, 12).splitlines() if "┤" in line]
    assert ticks and all(tick.isdigit() for tick in ticks), ticks
    assert ticks[0] == "98" and ticks[-1] == "0"
