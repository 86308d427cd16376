"""`workbench kpis`: a KPI view under filters as tables (stdout or files) and text charts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.application.errors import UsageError
from workbench.application.exports import EXTENSIONS, output_dir
from workbench.application.kpi_filters import GRAINS
from workbench.application.kpis import SELLER_MIN_ORDERS, VIEWS, SectionsView
from workbench.presentation.brazil_map import LAYERS, MEASURES, map_of
from workbench.presentation.kpi_charts import CELLS_PER_BAR, ChartSpec, charts_of, draw
from workbench.presentation.kpi_definitions import definitions
from workbench.presentation.kpi_tables import view_frames

if TYPE_CHECKING:
    import polars as pl

    from workbench.container import Container

CHART_SIZE = (100, 24)  # columns, rows of a text chart


def add_kpi_arguments(parser: argparse.ArgumentParser, path: Callable[[str], Path] = Path) -> None:
    parser.add_argument("--view", choices=VIEWS, default="executive", help="default executive")
    parser.add_argument(
        "--format", choices=tuple(EXTENSIONS), default="md", help="table format (default md)"
    )
    parser.add_argument("--from", dest="date_from", help="first purchase day, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", help="last purchase day, YYYY-MM-DD")
    parser.add_argument(
        "--state",
        action="append",
        dest="states",
        help="customer state (UF code, e.g. SP); repeat it or separate by commas for several",
    )
    parser.add_argument(
        "--category",
        action="append",
        dest="categories",
        help="category as shown in the categories view; repeat it or separate by commas",
    )
    parser.add_argument(
        "--grain",
        choices=GRAINS,
        default="month",
        help="periods of the executive series (default month; weeks start on Monday)",
    )
    parser.add_argument(
        "--out", type=path, help="directory for one file per table (default: stdout)"
    )
    parser.add_argument(
        "--chart", action="store_true", help="also render the view's charts as text (plotext)"
    )
    parser.add_argument(
        "--definitions", action="store_true", help="print the KPI definitions and exit"
    )
    parser.add_argument(
        "--min-orders",
        type=int,
        default=SELLER_MIN_ORDERS,
        help=f"sellers view: only sellers with at least N orders placed, canceled ones included "
        f"(default {SELLER_MIN_ORDERS})",
    )
    parser.add_argument(
        "--layer", choices=LAYERS, default="customers", help="geography --chart: map layer"
    )
    parser.add_argument(
        "--measure",
        choices=tuple(MEASURES),
        default="gmv",
        help="geography --chart: colour the states by (default gmv)",
    )
    parser.add_argument("--zoom", metavar="UF", help="geography --chart: zoom into one state")
    parser.add_argument(
        "--seller", metavar="ID", help="geography --chart: lines from a seller to its customers"
    )


@dataclass(frozen=True)
class KpiRequest:
    view: str
    fmt: str
    date_from: str | None
    date_to: str | None
    states: tuple[str, ...]
    categories: tuple[str, ...]
    grain: str
    out: Path | None
    chart: bool
    definitions: bool
    min_orders: int = SELLER_MIN_ORDERS
    layer: str = "customers"
    measure: str = "gmv"
    zoom: str | None = None
    seller: str | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> KpiRequest:
        return cls(
            args.view,
            args.format,
            args.date_from,
            args.date_to,
            tuple(args.states or ()),
            tuple(args.categories or ()),
            args.grain,
            args.out,
            args.chart,
            args.definitions,
            args.min_orders,
            args.layer,
            args.measure,
            args.zoom.strip().upper() if args.zoom else None,
            args.seller.strip() if args.seller else None,
        )


def kpi_report(container: Container, request: KpiRequest) -> int:
    """Print or write the view's tables (and charts); filters as given, checked first."""
    kpis = container.kpis()
    if request.definitions:
        print(definitions(kpis.health), end="")
        return 0
    if request.out is None and request.fmt == "parquet":
        raise UsageError("Parquet is binary: give --out DIR to write it to files.")
    filters = kpis.filters(request.date_from, request.date_to, request.states, request.categories)
    view = kpis.view(request.view, filters, request.grain, request.min_orders, product_rows=None)
    shown = filters.describe()
    if request.view == "sellers":
        shown += f" · sellers with at least {request.min_orders} orders placed (--min-orders)"
    print(f"{request.view}: {shown}", file=sys.stderr)
    frames = view_frames(view)
    charts = "\n".join(text_chart(spec) for spec in charts_of(view)) if request.chart else ""
    if request.chart and isinstance(view, SectionsView) and view.name == "geography":
        lines = None
        if request.seller is not None:
            lines = kpis.seller_lines(filters, request.seller)
            if lines.is_empty():
                raise UsageError(
                    f"--seller {request.seller}: no such seller with geolocated customers "
                    "under these filters"
                )
        charts += map_text(view, request, lines)
    if request.out is None:
        for name, frame in frames.items():
            if len(frames) > 1:
                print(f"## {name}\n" if request.fmt == "md" else f"# {name}")
            sys.stdout.write(container.exports().text(frame, request.fmt))
        sys.stdout.write(charts)
        return 0
    for name, frame in frames.items():
        path = output_dir(request.out) / f"{name}.{EXTENSIONS[request.fmt]}"
        exported = container.exports().export_frame(name, frame, request.fmt, path)
        print(f"wrote {exported.rows:,} rows to {exported.path}")
    if charts:
        chart_path = request.out / f"kpi_{request.view}_charts.txt"
        chart_path.write_text(charts, encoding="utf-8")
        print(f"wrote charts to {chart_path}")
    return 0


def text_chart(spec: ChartSpec, size: tuple[int, int] = CHART_SIZE) -> str:
    """The chart as plain text (no colour codes), for reports."""
    import plotext

    plotext.clear_figure()
    plotext.limit_size(False, False)  # the size asked for, whatever the terminal's
    width = max(size[0], CELLS_PER_BAR * len(spec.labels) + 24)  # every bar, with its gap
    plotext.plotsize(width, size[1])
    plotext.theme("clear")
    draw(plotext, spec, width, height=size[1], plain=True)  # (height: room for the legend)
    if spec.is_empty:
        return f"{spec.title}: no data under these filters\n"
    text: str = plotext.uncolorize(plotext.build())
    return text.rstrip() + "\n"


MAP_SIZE = (60, 30)  # columns, rows of the text map


def map_text(
    view: SectionsView,
    request: KpiRequest,
    seller_lines: pl.DataFrame | None = None,
    size: tuple[int, int] = MAP_SIZE,
) -> str:
    """The geography view's map as plain text: braille points, UF labels, legend by state."""
    states = view.tables["kpi_geo_states"]
    if request.zoom is not None and request.zoom not in states["state"].to_list():
        raise UsageError(f"--zoom {request.zoom}: no such state (a UF code such as SP)")
    picture = map_of(
        states,
        view.tables["kpi_geo_points"],
        request.layer,
        request.measure,
        size[0],
        size[1],
        request.zoom,
        seller_lines,
    )
    return picture.text()
