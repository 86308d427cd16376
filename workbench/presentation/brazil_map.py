"""A map of Brazil drawn in text from the warehouse's zip-prefix centroids (no shape files).

Each point (a zip prefix with customers or sellers under the filters) lights one braille dot;
a character cell holds 2×4 dots. The projection is equirectangular with longitudes scaled by the
cosine of the map's middle latitude, so a degree east is as long as a degree north there and
Brazil keeps its shape (a braille dot is about as wide as it is tall). Each cell takes the colour
class of the state most of its points belong to, by the chosen measure of that state; sellers,
drawn over customers in the "both" layer, keep a class of their own (SELLER_CLASS). States are
labelled with their UF code at the centroid of their points.

Pure data: the TUI's widget and `workbench kpis --chart` render the same MapPicture.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from workbench.presentation.formats import compact_together, format_value

if TYPE_CHECKING:
    import polars as pl

LAYERS = ("customers", "sellers", "both")
# measure -> (label, how its values read, whether higher is worse)
MEASURES: dict[str, tuple[str, str, bool]] = {
    "gmv": ("GMV", "money", False),
    "orders": ("orders", "count", False),
    "mean_delivery_days": ("mean delivery days", "days", True),
    "late_rate": ("late rate", "rate", True),
    "freight_share": ("freight share", "rate", True),
    "area_gmv": ("GMV", "money", False),
    "area_orders": ("orders", "count", False),
}
# Measures coloured per area (a character cell of the map) rather than per state: the sum of
# the points' own figure (kpi_geo_points' column) in the cell, by quintile of the cells.
AREA_MEASURES = {"area_gmv": "gmv", "area_orders": "orders"}
CLASSES = 5  # colour classes of the states' measure: 0 (lowest) .. 4 (highest)
SELLER_CLASS = -1  # cells of seller points in the "both" layer
LINE_CLASS = -3  # cells crossed by one seller's lines to its customers
NO_DATA_CLASS = -2  # points of a state without a value of the measure
# Brazil's mainland (the islands far out at sea would squeeze it), lat/lng degrees.
BRAZIL_BOUNDS = (-33.8, 5.3, -74.0, -34.7)  # south, north, west, east
BRAILLE_BASE = 0x2800
# Dot (column, row) in a cell -> its braille bit.
BRAILLE_BITS = {
    (0, 0): 0x01,
    (0, 1): 0x02,
    (0, 2): 0x04,
    (0, 3): 0x40,
    (1, 0): 0x08,
    (1, 1): 0x10,
    (1, 2): 0x20,
    (1, 3): 0x80,
}


@dataclass(frozen=True)
class MapPoint:
    layer: str  # customers or sellers
    state: str
    lat: float
    lng: float
    weight: float = 0.0  # the point's own GMV or orders, for the per-area measures


@dataclass(frozen=True)
class Bounds:
    south: float
    north: float
    west: float
    east: float

    @property
    def x_scale(self) -> float:
        """Length of a degree of longitude against one of latitude at the middle latitude."""
        return math.cos(math.radians((self.south + self.north) / 2))


@dataclass(frozen=True)
class LegendEntry:
    css_class: int
    label: str


@dataclass(frozen=True)
class MapPicture:
    """`cells[row][col]` = (character, colour class or None for blank)."""

    width: int
    height: int
    cells: tuple[tuple[tuple[str, int | None], ...], ...]
    legend: tuple[LegendEntry, ...]
    title: str
    state_classes: dict[str, int | None] = field(default_factory=dict)
    points_drawn: int = 0
    cuts: tuple[float, ...] = ()  # the class boundaries, in the measure's unit
    kind: str = "number"  # how the measure's values read (formats.py)
    taken: frozenset[int] = frozenset()  # the classes a state (or an area) has; empty: all

    def short_legend(self) -> tuple[tuple[int, str], ...]:
        """(class, text) per class with its range in short figures, for a one-line legend: the
        classes something on the map has (the quintiles of few values coincide: one state
        alone under a filter made four of the five ranges empty, "565.7k-565.7k")."""
        if not self.cuts:
            return ((NO_DATA_CLASS, "no data"),)
        edges = [edge.removeprefix("R$ ") for edge in compact_together(self.kind, self.cuts)]
        parts = [(0, f"≤{edges[0]}")]
        parts += [(n, f"{edges[n - 1]}-{edges[n]}") for n in range(1, CLASSES - 1)]
        parts.append((CLASSES - 1, f">{edges[-1]}"))
        return tuple(part for part in parts if not self.taken or part[0] in self.taken)

    def text(self) -> str:
        """The map as plain text (no colour): the title, the rows, the legend."""
        rows = ["".join(char for char, _ in row).rstrip() for row in self.cells]
        legend = [
            f"  {CLASS_MARKS.get(entry.css_class, ' ')} {entry.label}" for entry in self.legend
        ]
        return "\n".join([self.title, *rows, *legend]) + "\n"

    def class_at(self, row: int, col: int) -> int | None:
        return self.cells[row][col][1]


CLASS_MARKS = {
    0: "1",
    1: "2",
    2: "3",
    3: "4",
    4: "5",
    SELLER_CLASS: "s",
    NO_DATA_CLASS: "·",
    LINE_CLASS: "-",
}


def state_classes(values: dict[str, float | None]) -> tuple[dict[str, int | None], list[float]]:
    """Each state's colour class 0..4 by the quintiles of the states' values (states without a
    value: None), and the class boundaries (CLASSES - 1 of them)."""
    known = sorted(value for value in values.values() if value is not None)
    if not known:
        return dict.fromkeys(values), []
    cuts = [_quantile(known, (n + 1) / CLASSES) for n in range(CLASSES - 1)]
    classes: dict[str, int | None] = {}
    for state, value in values.items():
        classes[state] = None if value is None else sum(value > cut for cut in cuts)
    return classes, cuts


def _quantile(sorted_values: Sequence[float], q: float) -> float:
    position = q * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def bounds_of(points: Iterable[MapPoint], margin: float = 0.5) -> Bounds:
    """The points' extent plus `margin` degrees (a zoomed state), else Brazil's mainland."""
    lats, lngs = [], []
    for point in points:
        lats.append(point.lat)
        lngs.append(point.lng)
    if not lats:
        return Bounds(*BRAZIL_BOUNDS)
    return Bounds(min(lats) - margin, max(lats) + margin, min(lngs) - margin, max(lngs) + margin)


def fit(bounds: Bounds, width: int, height: int) -> tuple[float, float, float]:
    """Dots per degree and the offsets centring the map in `width`×`height` cells."""
    dots_wide, dots_high = 2 * width, 4 * height
    span_x = max((bounds.east - bounds.west) * bounds.x_scale, 1e-6)
    span_y = max(bounds.north - bounds.south, 1e-6)
    scale = min((dots_wide - 1) / span_x, (dots_high - 1) / span_y)
    offset_x = (dots_wide - 1 - span_x * scale) / 2
    offset_y = (dots_high - 1 - span_y * scale) / 2
    return scale, offset_x, offset_y


def project(point: MapPoint, bounds: Bounds, width: int, height: int) -> tuple[int, int] | None:
    """The point's dot (x, y) on a `width`×`height`-cell map, None outside the bounds."""
    return projector(bounds, width, height)(point.lat, point.lng)


def projector(
    bounds: Bounds, width: int, height: int
) -> Callable[[float, float], tuple[int, int] | None]:
    """`project` for many points: the fit and the bounds' scale worked out once, not per point
    (a map projects every zip-prefix centroid, 18,000 at scale 1). The same arithmetic, in the
    same order, so every dot lands where `project` puts it."""
    scale, offset_x, offset_y = fit(bounds, width, height)
    south, north, west, east, x_scale = (
        bounds.south,
        bounds.north,
        bounds.west,
        bounds.east,
        bounds.x_scale,
    )

    def dot(lat: float, lng: float) -> tuple[int, int] | None:
        if not (south <= lat <= north and west <= lng <= east):
            return None
        return round(offset_x + (lng - west) * x_scale * scale), round(
            offset_y + (north - lat) * scale
        )

    return dot


def draw_map(
    points: Sequence[MapPoint],
    values: dict[str, float | None],
    measure: str,
    layer: str,
    width: int,
    height: int,
    zoom_state: str | None = None,
    lines: Sequence[tuple[MapPoint, MapPoint]] = (),
) -> MapPicture:
    """The map of `points` of `layer` (customers, sellers or both), cells coloured by the class
    of `values[state]` (the measure per state), zoomed to `zoom_state`'s points when given;
    `lines` (a seller to each of its customers) are drawn under the points."""
    if layer not in LAYERS:
        raise ValueError(f"no map layer {layer!r}: use one of {', '.join(LAYERS)}")
    label, kind, _ = MEASURES[measure]
    shown = [p for p in points if layer == "both" or p.layer == layer]
    if zoom_state is not None:
        shown = [p for p in shown if p.state == zoom_state]
        bounds = bounds_of(shown)
    else:
        bounds = Bounds(*BRAZIL_BOUNDS)
    by_area = measure in AREA_MEASURES
    classes, cuts = state_classes(values)
    width, height = max(width, 4), max(height, 3)
    area_sums: dict[tuple[int, int], float] = {}
    bits = [[0] * width for _ in range(height)]
    votes: list[list[Counter[int]]] = [[Counter() for _ in range(width)] for _ in range(height)]
    state_dots: dict[str, list[tuple[int, int]]] = {}
    to_dot = projector(bounds, width, height)
    for start, end in lines:
        a, b = to_dot(start.lat, start.lng), to_dot(end.lat, end.lng)
        if a is None or b is None:
            continue
        for x, y in _segment(a, b):
            bits[y // 4][x // 2] |= BRAILLE_BITS[(x % 2, y % 4)]
            votes[y // 4][x // 2][LINE_CLASS] += 1
    drawn = 0
    for point in shown:
        dot = to_dot(point.lat, point.lng)
        if dot is None:
            continue
        x, y = dot
        col, row = x // 2, y // 4
        bits[row][col] |= BRAILLE_BITS[(x % 2, y % 4)]
        if layer == "both" and point.layer == "sellers":
            css_class = SELLER_CLASS
        elif by_area:
            area_sums[row, col] = area_sums.get((row, col), 0.0) + point.weight
            css_class = NO_DATA_CLASS  # replaced by the cell's class below
        else:
            state_class = classes.get(point.state)
            css_class = NO_DATA_CLASS if state_class is None else state_class
        # sellers drawn over customers win their cell
        votes[row][col][css_class] += 1000 if css_class == SELLER_CLASS else 10
        state_dots.setdefault(point.state, []).append((col, row))
        drawn += 1
    cells: list[list[tuple[str, int | None]]] = [
        [
            (chr(BRAILLE_BASE + bits[r][c]), votes[r][c].most_common(1)[0][0])
            if bits[r][c]
            else (" ", None)
            for c in range(width)
        ]
        for r in range(height)
    ]
    per = "per state"
    taken = {found for found in classes.values() if found is not None}
    if by_area:
        area_classes, cuts = state_classes({f"{r},{c}": v for (r, c), v in area_sums.items()})
        taken = {found for found in area_classes.values() if found is not None}
        for (r, c), _ in area_sums.items():
            if cells[r][c][1] not in (SELLER_CLASS, LINE_CLASS):
                cells[r][c] = (cells[r][c][0], area_classes[f"{r},{c}"])
        classes = {}  # the states are labelled, not coloured
        per = "per area (map cell)"
    _label_states(cells, state_dots, classes)
    legend = _legend(label, kind, cuts, classes, layer)
    if by_area:
        legend = _area_legend(label, kind, cuts, layer)
    where = f"state {zoom_state}" if zoom_state else "Brazil"
    title = f"{where} · {layer} by zip centroid · colour: {label} {per}"
    return MapPicture(
        width,
        height,
        tuple(tuple(row) for row in cells),
        legend,
        title,
        classes,
        drawn,
        tuple(cuts),
        kind,
        frozenset(taken),
    )


def _segment(a: tuple[int, int], b: tuple[int, int]) -> list[tuple[int, int]]:
    """The dots of the straight line from a to b (Bresenham)."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error, dots = dx + dy, []
    while True:
        dots.append((x0, y0))
        if (x0, y0) == (x1, y1):
            return dots
        doubled = 2 * error
        if doubled >= dy:
            error += dy
            x0 += sx
        if doubled <= dx:
            error += dx
            y0 += sy


def _label_states(
    cells: list[list[tuple[str, int | None]]],
    state_dots: dict[str, list[tuple[int, int]]],
    classes: dict[str, int | None],
) -> None:
    """Write each state's UF code in two blank cells next to the middle of its points (never
    over a point or another label), the states with most points first; a state without room
    nearby goes unlabelled (the legend still names it)."""
    height, width = len(cells), len(cells[0])
    taken: set[tuple[int, int]] = set()
    for state, dots in sorted(state_dots.items(), key=lambda item: (-len(item[1]), item[0])):
        middle_col = round(sum(c for c, _ in dots) / len(dots))
        middle_row = round(sum(r for _, r in dots) / len(dots))
        for row_step, col_step in LABEL_OFFSETS:
            row, col = middle_row + row_step, middle_col + col_step
            spots = ((row, col), (row, col + 1))
            if not (0 <= row < height and col >= 0 and col + 1 < width):
                continue
            if any(spot in taken or cells[spot[0]][spot[1]][1] is not None for spot in spots):
                continue
            taken.update({(row, col - 1), *spots, (row, col + 2)})
            state_class = classes.get(state)
            css_class = NO_DATA_CLASS if state_class is None else state_class
            cells[row][col] = (state[0], css_class)
            cells[row][col + 1] = (state[1], css_class)
            break


# Where a label may go, relative to the middle of its state's points: nearest first.
LABEL_OFFSETS = tuple(
    sorted(
        ((dr, dc) for dr in range(-2, 3) for dc in range(-4, 4)),
        key=lambda step: (abs(step[0]) * 2 + abs(step[1] + 0.5), step),
    )
)


def _legend(
    label: str, kind: str, cuts: list[float], classes: dict[str, int | None], layer: str
) -> tuple[LegendEntry, ...]:
    if not cuts:
        entries = [LegendEntry(NO_DATA_CLASS, f"no {label} under these filters")]
    else:
        bounds = [None, *cuts, None]
        entries = []
        for n in range(CLASSES):
            low, high = bounds[n], bounds[n + 1]
            if low is None:
                text = f"≤ {format_value(kind, high)}"
            elif high is None:
                text = f"> {format_value(kind, low)}"
            else:
                text = f"{format_value(kind, low)} - {format_value(kind, high)}"
            members = " ".join(sorted(s for s, value in classes.items() if value == n))
            entries.append(LegendEntry(n, f"{label} {text}: {members or 'no state'}"))
        missing = " ".join(sorted(s for s, value in classes.items() if value is None))
        if missing:
            entries.append(LegendEntry(NO_DATA_CLASS, f"no {label}: {missing}"))
    if layer == "both":
        entries.append(LegendEntry(SELLER_CLASS, "sellers"))
    return tuple(entries)


def _area_legend(label: str, kind: str, cuts: list[float], layer: str) -> tuple[LegendEntry, ...]:
    """The classes of the per-area measure: ranges of a cell's sum."""
    entries = []
    if cuts:
        edges: list[float | None] = [None, *cuts, None]
        for n in range(CLASSES):
            low, high = edges[n], edges[n + 1]
            if low is None:
                text = f"≤ {format_value(kind, high)}"
            elif high is None:
                text = f"> {format_value(kind, low)}"
            else:
                text = f"{format_value(kind, low)} - {format_value(kind, high)}"
            entries.append(LegendEntry(n, f"{label} per area {text}"))
    else:
        entries.append(LegendEntry(NO_DATA_CLASS, f"no {label} under these filters"))
    if layer == "both":
        entries.append(LegendEntry(SELLER_CLASS, "sellers"))
    return tuple(entries)


def lines_of(rows: Iterable[dict[str, Any]]) -> list[tuple[MapPoint, MapPoint]]:
    """A seller's lines from rows of kpi_geo_seller_lines."""
    lines = []
    for r in rows:
        seller = MapPoint("sellers", r["seller_state"], r["seller_lat"], r["seller_lng"])
        customer = MapPoint("customers", r["customer_state"], r["customer_lat"], r["customer_lng"])
        lines.append((seller, customer))
    return lines


def points_of(rows: Iterable[dict[str, Any]]) -> list[MapPoint]:
    """Map points from rows of kpi_geo_points (layer, state, lat, lng)."""
    return [
        MapPoint(r["layer"], r["state"], r["lat"], r["lng"], float(r.get("weight") or 0.0))
        for r in rows
    ]


def frame_points(points: pl.DataFrame, weight: str) -> list[MapPoint]:
    """`points_of` the rows of a kpi_geo_points frame, `weight` its column of weights: read as
    tuples (a dict per row cost more than the drawing)."""
    columns = points.select("layer", "state", "lat", "lng", weight).iter_rows()
    return [
        MapPoint(layer, state, lat, lng, float(value or 0.0))
        for layer, state, lat, lng, value in columns
    ]


def layer_side(layer: str) -> str:
    """Whose states a layer colours and lists: the sellers' in "sellers", else the customers'
    (the "both" layer draws sellers' points over the customers' states)."""
    return "sellers" if layer == "sellers" else "customers"


def map_of(
    states: pl.DataFrame,
    points: pl.DataFrame,
    layer: str = "customers",
    measure: str = "gmv",
    width: int = 40,
    height: int = 20,
    zoom_state: str | None = None,
    seller_lines: pl.DataFrame | None = None,
) -> MapPicture:
    """The map of the geography view's tables (kpi_geo_states, kpi_geo_points): colours by the
    measure of the layer's states (customers' in the "both" layer)."""
    import polars as pl

    if measure not in MEASURES:
        raise ValueError(f"no map measure {measure!r}: use one of {', '.join(MEASURES)}")
    side = layer_side(layer)
    rows = states.filter(pl.col("layer") == side)
    values: dict[str, float | None] = {}
    state_measure = AREA_MEASURES.get(measure, measure)
    picked = rows.select("state", pl.col(state_measure).alias("value"), pl.col("orders").alias("n"))
    for state, value, orders in picked.iter_rows():
        values[state] = None if value is None or not orders else float(value)
    lines = lines_of(seller_lines.iter_rows(named=True)) if seller_lines is not None else []
    weight = AREA_MEASURES.get(measure, "orders")
    picture = draw_map(
        frame_points(points, weight),
        values,
        measure,
        layer,
        width,
        height,
        zoom_state,
        lines,
    )
    if lines:
        seller = str(seller_lines["seller_id"][0])  # type: ignore[index]
        legend = (*picture.legend, LegendEntry(LINE_CLASS, f"seller {seller} to its customers"))
        picture = replace(picture, legend=legend, title=f"{picture.title} · lines of one seller")
    return picture
