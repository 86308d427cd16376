"""The map's data: which dots a point lights, which colour class a cell takes, the projection
keeping Brazil's shape, labels, legend, layers and zoom."""

from __future__ import annotations

import math

import pytest

from workbench.presentation.brazil_map import (
    BRAILLE_BASE,
    NO_DATA_CLASS,
    SELLER_CLASS,
    Bounds,
    MapPoint,
    draw_map,
    project,
    state_classes,
)

BRAZIL = Bounds(-33.8, 5.3, -74.0, -34.7)
# Brazil's extreme points (approximately): north RR, south RS, west AC, east PB.
NORTH, SOUTH = MapPoint("customers", "RR", 5.2, -60.2), MapPoint("customers", "RS", -33.7, -53.4)
WEST, EAST = MapPoint("customers", "AC", -7.5, -73.9), MapPoint("customers", "PB", -7.15, -34.8)


def lit(picture, row: int, col: int) -> bool:
    char = picture.cells[row][col][0]
    return BRAILLE_BASE < ord(char) <= BRAILLE_BASE + 0xFF


def cell_of(point: MapPoint, width: int, height: int) -> tuple[int, int]:
    dot = project(point, BRAZIL, width, height)
    assert dot is not None
    return dot[1] // 4, dot[0] // 2


def test_the_projection_keeps_brazils_shape() -> None:
    """A degree east is cos(middle latitude) of a degree north; braille dots are square, so the
    extremes span width : height as Brazil does on the ground (≈ 0.97), whatever the box."""
    for width, height in ((40, 20), (80, 20), (30, 40)):
        dots = {p.state: project(p, BRAZIL, width, height) for p in (NORTH, SOUTH, WEST, EAST)}
        assert all(dot is not None for dot in dots.values())
        span_x = dots["PB"][0] - dots["AC"][0]  # type: ignore[index]
        span_y = dots["RS"][1] - dots["RR"][1]  # type: ignore[index]
        ground = (73.9 - 34.8) * math.cos(math.radians(-14.25)) / (5.2 + 33.7)
        assert span_x / span_y == pytest.approx(ground, rel=0.06)
        assert (
            min(d[0] for d in dots.values()) >= 0 and max(d[0] for d in dots.values()) < 2 * width
        )  # type: ignore[index]


def test_a_point_lights_its_dot_and_outside_points_are_dropped() -> None:
    picture = draw_map([NORTH, SOUTH], {"RR": 1.0, "RS": 2.0}, "gmv", "customers", 40, 20)
    north_row, north_col = cell_of(NORTH, 40, 20)
    south_row, south_col = cell_of(SOUTH, 40, 20)
    assert lit(picture, north_row, north_col) and lit(picture, south_row, south_col)
    assert north_row < south_row  # north at the top
    lisbon = MapPoint("customers", "SP", 38.7, -9.1)
    assert project(lisbon, BRAZIL, 40, 20) is None
    assert draw_map([lisbon], {"SP": 1.0}, "gmv", "customers", 40, 20).points_drawn == 0


def test_states_take_quintile_classes() -> None:
    classes, cuts = state_classes({"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0, "E": 5.0, "F": None})
    assert classes == {"A": 0, "B": 1, "C": 2, "D": 3, "E": 4, "F": None}
    assert len(cuts) == 4
    assert state_classes({"A": None}) == ({"A": None}, [])


def test_cells_take_the_colour_of_their_states_measure() -> None:
    """SP has the highest GMV (class 4), RR the lowest (class 0), AC no orders (no data)."""
    sp = MapPoint("customers", "SP", -23.55, -46.63)
    points = [NORTH, sp, WEST]
    values = {"RR": 10.0, "SP": 1000.0, "AC": None, "PB": 20.0, "RS": 30.0, "MG": 40.0}
    picture = draw_map(points, values, "gmv", "customers", 40, 20)
    assert picture.class_at(*cell_of(sp, 40, 20)) == 4
    assert picture.class_at(*cell_of(NORTH, 40, 20)) == 0
    assert picture.class_at(*cell_of(WEST, 40, 20)) == NO_DATA_CLASS
    assert picture.state_classes["SP"] == 4
    legend = [entry.label for entry in picture.legend]
    assert legend[-1] == "no GMV: AC"
    assert legend[4].startswith("GMV > ") and legend[4].endswith(": SP")


def test_layers_and_sellers_over_customers() -> None:
    customer = MapPoint("customers", "SP", -23.55, -46.63)
    seller = MapPoint("sellers", "SP", -23.55, -46.63)
    values = {"SP": 5.0, "RJ": 1.0}
    customers = draw_map([customer, seller], values, "gmv", "customers", 40, 20)
    sellers = draw_map([customer, seller], values, "gmv", "sellers", 40, 20)
    both = draw_map([customer, seller], values, "gmv", "both", 40, 20)
    assert customers.points_drawn == sellers.points_drawn == 1
    assert both.points_drawn == 2
    assert both.class_at(*cell_of(seller, 40, 20)) == SELLER_CLASS
    assert customers.class_at(*cell_of(customer, 40, 20)) == 4
    assert both.legend[-1].label == "sellers"
    with pytest.raises(ValueError, match="no map layer"):
        draw_map([customer], values, "gmv", "everyone", 40, 20)


def test_labels_never_hide_a_point() -> None:
    points = [MapPoint("customers", "SP", -23.5 + i * 0.05, -46.6) for i in range(10)]
    picture = draw_map(points, {"SP": 1.0}, "gmv", "customers", 40, 20)
    text = picture.text()
    assert "SP" in text
    assert picture.points_drawn == 10
    for point in points:  # every point's cell still shows it, the label sits beside them
        assert lit(picture, *cell_of(point, 40, 20))


def test_zoom_fills_the_map_with_one_state() -> None:
    points = [
        MapPoint("customers", "RJ", -22.9, -43.2),
        MapPoint("customers", "RJ", -22.5, -44.1),
        MapPoint("customers", "SP", -23.5, -46.6),
    ]
    whole = draw_map(points, {"RJ": 1.0, "SP": 2.0}, "gmv", "customers", 40, 20)
    zoomed = draw_map(points, {"RJ": 1.0, "SP": 2.0}, "gmv", "customers", 40, 20, "RJ")
    assert zoomed.points_drawn == 2
    assert zoomed.title.startswith("state RJ")

    def columns(picture) -> list[int]:
        return [c for row in picture.cells for c, (ch, _) in enumerate(row) if "⠀" < ch <= "⣿"]

    def spread(picture) -> int:
        return max(columns(picture)) - min(columns(picture))

    assert spread(zoomed) >= 15 and spread(zoomed) > 5 * spread(whole)


def test_plain_text_has_title_braille_and_legend() -> None:
    picture = draw_map([NORTH, SOUTH], {"RR": 1.0, "RS": 2.0}, "late_rate", "customers", 30, 12)
    text = picture.text().splitlines()
    assert text[0] == "Brazil · customers by zip centroid · colour: late rate per state"
    assert len(text) == 1 + 12 + len(picture.legend)
    assert any(line.startswith("  5 late rate > ") for line in text)


def test_a_sellers_lines_join_it_to_its_customers() -> None:
    from workbench.presentation.brazil_map import LINE_CLASS

    seller = MapPoint("sellers", "SP", -23.55, -46.63)
    customer = MapPoint("customers", "AM", -3.1, -60.0)
    picture = draw_map([seller, customer], {"SP": 1.0, "AM": 2.0}, "gmv", "both", 40, 20,
                       lines=[(seller, customer)])  # fmt: skip
    (row_a, col_a), (row_b, col_b) = cell_of(seller, 40, 20), cell_of(customer, 40, 20)
    # a cell half-way along the line is lit and takes the line's colour
    middle_row, middle_col = (row_a + row_b) // 2, (col_a + col_b) // 2
    near = [
        picture.class_at(r, c)
        for r in range(middle_row - 1, middle_row + 2)
        for c in range(middle_col - 1, middle_col + 2)
    ]
    assert LINE_CLASS in near
    assert picture.class_at(row_a, col_a) == SELLER_CLASS  # the points stay on top
    assert picture.class_at(row_b, col_b) == 4


def test_per_area_measures_colour_each_cell_by_its_points_sum() -> None:
    """Two areas of one state: São Paulo's zips sum 1,000, Campinas' 10 (the state's measure
    plays no part)."""
    sao_paulo = [MapPoint("customers", "SP", -23.55, -46.63, 600.0),
                 MapPoint("customers", "SP", -23.56, -46.64, 400.0)]  # fmt: skip
    campinas = [MapPoint("customers", "SP", -22.9, -47.06, 10.0)]
    others = [MapPoint("customers", "RJ", -22.9, -43.2, w) for w in (50.0,)]
    picture = draw_map(
        [*sao_paulo, *campinas, *others], {"SP": 1.0, "RJ": 1.0}, "area_gmv", "customers", 80, 40
    )
    assert picture.title.endswith("colour: GMV per area (map cell)")
    assert picture.class_at(*cell_of(sao_paulo[0], 80, 40)) == 4
    assert picture.class_at(*cell_of(campinas[0], 80, 40)) == 0
    assert picture.legend[0].label.startswith("GMV per area ≤ ")


def test_the_short_legend_lists_the_classes_on_the_map() -> None:
    """Five states of five values: a range each. One state alone (a filter on it): its values'
    quintiles coincide, and the legend lists its one range, not four empty ones."""
    states = ("RR", "AM", "SP", "RS", "BA")
    five = {state: float(10 ** (index + 3)) for index, state in enumerate(states)}
    picture = draw_map([NORTH, SOUTH], five, "gmv", "customers", 40, 20)
    assert [css_class for css_class, _ in picture.short_legend()] == [0, 1, 2, 3, 4]
    alone = draw_map([NORTH, SOUTH], {"SP": 565_661.10, "RR": None}, "gmv", "customers", 40, 20)
    assert alone.short_legend() == ((0, "≤565.7k"),)
