"""The KPI definitions (fixed definitions, filters, seller health formula), one keypress away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown


class KpiDefinitionsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,d", "dismiss", "Close", id="kpi_definitions.close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="kpi-definitions"):
            yield Markdown(self._text)
