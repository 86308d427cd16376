"""The help screen: keys of the app and of the current screen, and what each screen is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

GLOBAL_HELP = """\
# Olist Analyst Workbench

| key | action |
|---|---|
| `1` | Ingestion: sources, runs and their steps |
| `2` | Quality: rules, status and trend, failing rows, edits and re-checks |
| `3` | Segments: RFM segments, R×F grid, customers, migration, what-if |
| `4` | KPIs: executive tiles and charts, categories, sellers, delivery, states, cohorts |
| `5` | Explorer: any order, customer or seller by id, and the way between them |
| `6` | Query: the SQL console, your own SQL on the snapshot, its results and charts |
| `?` | this help |
| `ctrl+p` | command palette |
| `ctrl+r` | load a newer published snapshot |
| `ctrl+t` | pick a theme |
| `escape` | leave a text box (single-key commands work again) |
| `q` | quit (also `ctrl+q`, or Quit in the palette); while an ingestion runs it asks first |

Every screen loads its data in the background; the status line at the bottom shows which
warehouse snapshot is loaded and which metadata store is in use.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, screen_help: str = "") -> None:
        super().__init__()
        self._screen_help = screen_help

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(GLOBAL_HELP + "\n" + self._screen_help)
