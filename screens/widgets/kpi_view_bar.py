"""The KPI screen's view bar: the views, the active filters and the period the tiles compare
with, each part whole (a part that does not fit the line starts the next one, never cut)."""

from __future__ import annotations

from rich.text import Text

from workbench.application.kpi_filters import Filters

VIEW_KEYS = {
    "executive": "x",
    "categories": "c",
    "sellers": "l",
    "delivery": "v",
    "states": "t",
    "cohorts": "h",
    "products": "o",
    "customers": "n",
    "geography": "a",
}


def view_bar(view: str, filters: Filters, grain: str, width: int) -> tuple[Text, int]:
    """The bar's text `width` cells wide for `view` shown under `filters` (the executive
    charts by `grain`), and the length of its last line."""
    parts = [  # one part per view, so a view's key never ends a line without its name
        Text(f" {key} {name.title()} ", style="bold reverse" if name == view else "")
        for name, key in VIEW_KEYS.items()
    ]
    parts.append(Text(f"│ {filters.describe()}", style="dim"))
    if view == "executive":
        parts.append(Text(f"· by {grain} (p)", style="dim"))
        previous, year_ago = filters.previous(), filters.year_ago()
        if previous is not None and previous.period is not None:
            period = previous.period
            parts.append(Text(f"· tile changes vs {period.start} → {period.end}", style="dim"))
        else:
            parts.append(Text("· a from/to date compares the tiles", style="dim"))
        if year_ago is not None and year_ago.period is not None:
            period = year_ago.period
            parts.append(Text(f"· yoy vs {period.start} → {period.end}", style="dim"))
    line_length = 0
    shown = Text()
    for part in parts:
        if line_length and line_length + 1 + len(part.plain) > width:
            shown.append("\n")
            line_length = 0
        elif line_length:
            shown.append(" ")
            line_length += 1
        shown.append_text(part)
        line_length += len(part.plain)
    return shown, line_length
