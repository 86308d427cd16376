"""The map of Brazil as a widget: the presentation layer's MapPicture, coloured, redrawn to the
widget's size whenever it, the layer, the measure or the zoom changes."""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from dataclasses import dataclass

import polars as pl
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.style import Style as VisualStyle

from screens.widgets.text_strips import TextStrips
from workbench.presentation.brazil_map import (
    LINE_CLASS,
    MEASURES,
    NO_DATA_CLASS,
    SELLER_CLASS,
    MapPicture,
    map_of,
)

# Sequential yellow -> red, readable on dark and light themes; sellers stand apart in blue.
CLASS_STYLES = {
    0: "#ffffb2",
    1: "#fecc5c",
    2: "#fd8d3c",
    3: "#f03b20",
    4: "bold #bd0026",
    SELLER_CLASS: "bold #3fa9f5",
    LINE_CLASS: "#3fa9f5",
    NO_DATA_CLASS: "grey50",
}
PARSED_STYLES = {css_class: Style.parse(style) for css_class, style in CLASS_STYLES.items()}
LEGEND_ROWS = 3  # at least: the title and two lines of legend under the map


@dataclass(frozen=True)
class MapInput:
    """What a picture is drawn from (frames compared by identity: the ones a load handed over)."""

    states: pl.DataFrame
    points: pl.DataFrame
    layer: str
    measure: str
    zoom_state: str | None
    seller_lines: pl.DataFrame | None

    def look(self, size: Size) -> tuple[object, ...]:
        """What a picture of this input at `size` depends on (frames by identity)."""
        frames = (id(self.states), id(self.points), id(self.seller_lines))
        return (*frames, self.layer, self.measure, self.zoom_state, size)

    def same(self, other: MapInput) -> bool:
        return (
            self.states is other.states
            and self.points is other.points
            and self.seller_lines is other.seller_lines
            and (self.layer, self.measure, self.zoom_state)
            == (other.layer, other.measure, other.zoom_state)
        )


def fitted_picture(given: MapInput, size: Size, drawn: MapPicture | None = None) -> MapPicture:
    """The picture for a widget of `size`: as high as leaves room for the title and the legend
    under it (`drawn`, when of the right size, is used again)."""
    width = max(size.width, 10)
    picture = drawn
    for legend_rows in (LEGEND_ROWS, LEGEND_ROWS + 1, LEGEND_ROWS + 2):
        height = max(size.height - legend_rows, 4)
        if picture is None or (picture.width, picture.height) != (width, height):
            picture = map_of(
                given.states,
                given.points,
                given.layer,
                given.measure,
                width,
                height,
                given.zoom_state,
                given.seller_lines,
            )
        if 1 + len(legend_lines(picture, given.layer)) <= legend_rows:
            break
    assert picture is not None
    return picture


def legend_lines(picture: MapPicture, layer: str) -> list[list[tuple[int, str]]]:
    """The legend's swatches, wrapped to the map's width."""
    entries = list(picture.short_legend())
    if layer == "both":
        entries.append((SELLER_CLASS, "sellers"))
    lines: list[list[tuple[int, str]]] = [[]]
    length = 0
    for css_class, label in entries:
        if lines[-1] and length + len(label) + 2 > picture.width:
            lines.append([])
            length = 0
        lines[-1].append((css_class, label))
        length += len(label) + 2
    return lines


def picture_text(picture: MapPicture, given: MapInput) -> Text:
    """The picture, its title and legend as coloured text."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for row in picture.cells:
        # One span per run of cells of a class, not one per cell (a map is thousands).
        for css_class, run in itertools.groupby(row, key=lambda cell: cell[1]):
            chars = "".join(char for char, _ in run)
            text.append(chars, PARSED_STYLES.get(css_class) if css_class is not None else None)
        text.append("\n")
    where = f"{given.zoom_state}" if given.zoom_state else "Brazil"
    lines = " · lines of one seller (k: off)" if given.seller_lines is not None else ""
    text.append(f"{where} · {given.layer} · {MEASURES[given.measure][0]}{lines}", style="dim")
    for line in legend_lines(picture, given.layer):
        text.append("\n")
        for css_class, label in line:
            text.append("■", PARSED_STYLES[css_class])
            text.append(f"{label} ")
    return text


class BrazilMap(TextStrips):
    DEFAULT_CSS = """
    BrazilMap { width: 1fr; height: 1fr; min-width: 20; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._states: pl.DataFrame | None = None
        self._points: pl.DataFrame | None = None
        self.map_layer = "customers"
        self.measure = "gmv"
        self.zoom_state: str | None = None
        self.seller_lines: pl.DataFrame | None = None
        self.picture: MapPicture | None = None
        self._text: tuple[MapPicture, Text] | None = None  # the picture last turned into text
        # Drawn by a load's worker for its frames (see `prepare`), until `show` takes it.
        self._prepared: tuple[MapInput, MapPicture, Text] | None = None
        self.texts_built = 0  # how many times a picture was turned into text (tests read it)

    def show(
        self,
        states: pl.DataFrame,
        points: pl.DataFrame,
        layer: str,
        measure: str,
        zoom_state: str | None,
        seller_lines: pl.DataFrame | None = None,
    ) -> None:
        self._states, self._points = states, points
        self.map_layer, self.measure, self.zoom_state = layer, measure, zoom_state
        self.seller_lines = seller_lines
        self.picture = None
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared[0].same(self._input()):
            self.picture = prepared[1]  # drawn by the load's worker: used if the size is right
            self._text = (prepared[1], prepared[2])
        self.refresh()

    def prepare(self, given: MapInput, size: Size, style: VisualStyle | None = None) -> None:
        """Draw the picture of `given` for a widget of `size`, its text, and (given the style it
        will be painted in, its visual style when the load started) the lines painted, now,
        off the event loop (a load's worker calls this with the frames it loaded): `show` of
        those very frames uses them when the widget has that size; anything else is drawn as
        before."""
        picture = fitted_picture(given, size)
        text = picture_text(picture, given)
        self._prepared = (given, picture, text)
        if style is not None:
            self.keep_ahead(given.look(size), style, text, size)

    def look(self) -> Hashable | None:
        if self._states is None or self._points is None:
            return None
        return self._input().look(self.size)

    def text_for(self, look: Hashable) -> Text:
        text = self.render()
        assert isinstance(text, Text)
        return text

    def _input(self) -> MapInput:
        assert self._states is not None and self._points is not None
        return MapInput(
            self._states,
            self._points,
            self.map_layer,
            self.measure,
            self.zoom_state,
            self.seller_lines,
        )

    def _draw(self) -> MapPicture | None:
        if self._states is None or self._points is None:
            return None
        self.picture = fitted_picture(self._input(), self.size, self.picture)
        return self.picture

    def render(self) -> RenderResult:
        """The picture as text, built once per picture: a refresh that changes nothing drawn
        (a layout pass, the focus moving elsewhere) reuses it."""
        picture = self._draw()
        if picture is None:
            return Text("loading the map…", style="dim")
        if self._text is None or self._text[0] is not picture:
            self._text = (picture, picture_text(picture, self._input()))
            self.texts_built += 1
        return self._text[1].copy()
