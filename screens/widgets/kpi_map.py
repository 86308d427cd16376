"""The map of Brazil as a widget: the presentation layer's MapPicture, coloured, redrawn to the
widget's size whenever it, the layer, the measure or the zoom changes."""

from __future__ import annotations

import itertools

import polars as pl
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

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


class BrazilMap(Widget):
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
        self.refresh()

    def _draw(self) -> MapPicture | None:
        if self._states is None or self._points is None:
            return None
        width = max(self.size.width, 10)
        for legend_rows in (LEGEND_ROWS, LEGEND_ROWS + 1, LEGEND_ROWS + 2):
            height = max(self.size.height - legend_rows, 4)
            picture = self.picture
            if picture is None or (picture.width, picture.height) != (width, height):
                picture = map_of(
                    self._states,
                    self._points,
                    self.map_layer,
                    self.measure,
                    width,
                    height,
                    self.zoom_state,
                    self.seller_lines,
                )
                self.picture = picture
            if 1 + len(self._legend_lines(picture)) <= legend_rows:
                break
        return self.picture

    def _legend_lines(self, picture: MapPicture) -> list[list[tuple[int, str]]]:
        """The legend's swatches, wrapped to the map's width."""
        entries = list(picture.short_legend())
        if self.map_layer == "both":
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

    def render(self) -> RenderResult:
        """The picture as text, built once per picture: a refresh that changes nothing drawn
        (a layout pass, the focus moving elsewhere) reuses it."""
        picture = self._draw()
        if picture is None:
            return Text("loading the map…", style="dim")
        if self._text is None or self._text[0] is not picture:
            self._text = (picture, self._build_text(picture))
            self.texts_built += 1
        return self._text[1].copy()

    def _build_text(self, picture: MapPicture) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for row in picture.cells:
            # One span per run of cells of a class, not one per cell (a map is thousands).
            for css_class, run in itertools.groupby(row, key=lambda cell: cell[1]):
                chars = "".join(char for char, _ in run)
                text.append(chars, PARSED_STYLES.get(css_class) if css_class is not None else None)
            text.append("\n")
        where = f"{self.zoom_state}" if self.zoom_state else "Brazil"
        lines = " · lines of one seller (k: off)" if self.seller_lines is not None else ""
        text.append(f"{where} · {self.map_layer} · {MEASURES[self.measure][0]}{lines}", style="dim")
        for line in self._legend_lines(picture):
            text.append("\n")
            for css_class, label in line:
                text.append("■", PARSED_STYLES[css_class])
                text.append(f"{label} ")
        return text
