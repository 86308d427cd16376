"""The Textual app: composes screens, binds keys, hands the container's services to screens."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any, ClassVar, cast

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from screens.help import HelpScreen
from screens.ingestion import IngestionScreen
from screens.services import Services
from workbench.container import Container
from workbench.failures import user_message

CSS_PATH = str(resources.files("assets").joinpath("app.tcss"))


class WorkbenchApp(App[None]):
    TITLE = "Olist Analyst Workbench"
    CSS_PATH = CSS_PATH
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {"ingestion": IngestionScreen}
    DEFAULT_MODE = "ingestion"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "switch_mode('ingestion')", "Ingestion", id="app.ingestion"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, container: Container) -> None:
        super().__init__()
        self.container = container
        self.services: Services = cast(Services, container)
        self.sub_title = container.settings().metadata_label

    def action_help(self) -> None:
        self.push_screen(HelpScreen(getattr(self.screen, "HELP", "")))

    def report_error(self, error: BaseException) -> None:
        """A failed background job becomes a notification, never a traceback."""
        self.notify(user_message(error), title="Error", severity="error", timeout=10)
