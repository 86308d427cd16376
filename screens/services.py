"""How screens reach the application: services from the app's container, never adapters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual import events
from textual.dom import DOMNode
from textual.widget import Widget

if TYPE_CHECKING:  # screens get these from the container; importing them here would load
    # every service (and polars) before the first frame
    from textual.app import App
    from textual.theme import Theme

    from domain.events.dispatcher import EventDispatcher
    from workbench.application.alerts import AlertService
    from workbench.application.config import Settings
    from workbench.application.demo import DemoService
    from workbench.application.explorer import ExplorerService
    from workbench.application.exports import ExportService
    from workbench.application.ingestion import IngestionService
    from workbench.application.kpis import KpiService
    from workbench.application.ports import WarehouseQueries
    from workbench.application.quality import QualityService
    from workbench.application.rule_suggestions import RuleSuggestionService
    from workbench.application.runs import RunHistoryService
    from workbench.application.saved_views import SavedViewsService
    from workbench.application.segments import SegmentService
    from workbench.application.sql_console import SqlConsoleService
    from workbench.application.status import StatusService


class Services(Protocol):
    """The part of the container that screens may use."""

    def settings(self) -> Settings: ...
    def events(self) -> EventDispatcher: ...
    def run_history(self) -> RunHistoryService: ...
    def status(self) -> StatusService: ...
    def ingestion(self) -> IngestionService: ...
    def demo(self) -> DemoService: ...
    def warehouse(self) -> WarehouseQueries: ...
    def exports(self) -> ExportService: ...
    def quality(self) -> QualityService: ...
    def rule_suggestions(self) -> RuleSuggestionService: ...
    def explorer(self) -> ExplorerService: ...
    def segments(self) -> SegmentService: ...
    def kpis(self) -> KpiService: ...
    def saved_views(self) -> SavedViewsService: ...
    def sql_console(self) -> SqlConsoleService: ...
    def alerts(self) -> AlertService: ...


class HasServices(Protocol):
    first_frame_shown: bool  # until then nothing opens the warehouse (first paint, issue 16)
    services: Services

    def report_error(self, error: BaseException) -> None: ...

    def explore(self, kind: str, key: str) -> None: ...

    def open_in_console(self, sql: str) -> None: ...

    def action_reload_snapshot(self) -> None: ...

    def ingestion_ended(self, summary: str) -> None: ...

    def hold_keys(self, owner: object) -> None: ...

    def release_keys(self, owner: object) -> None: ...


def app_of(node: DOMNode) -> HasServices:
    """The running app, as the part screens may use (services, errors, drill-down)."""
    return cast(HasServices, node.app)


def services(node: DOMNode) -> Services:
    return cast(HasServices, node.app).services


# The class of a screen's parts showing snapshot figures: hidden and disabled while the screen
# is in its "no snapshot yet" state (class -no-snapshot, see widgets/empty_state.py).
NEEDS_SNAPSHOT = "needs-snapshot"
WidgetT = TypeVar("WidgetT", bound=Widget)


def needs_snapshot(widget: WidgetT) -> WidgetT:
    """Mark `widget` as showing snapshot figures (keeping its own classes)."""
    widget.add_class(NEEDS_SNAPSHOT)
    return widget


class SnapshotScreen:
    """Mixin for screens showing warehouse data: reload when the app loads a newer snapshot.

    A screen implements `load_data()`; it runs on mount (or earlier: a screen may call
    `load_snapshot()` as it composes) and again on resume after a reload.
    """

    _loaded_generation = -1

    def load_data(self) -> None:
        raise NotImplementedError

    def _current_generation(self) -> int:
        return int(getattr(cast(DOMNode, self).app, "snapshot_generation", 0))

    # From its mount to the first frame after it is shown (a screen made ahead is mounted
    # hidden: `screens.made_ahead`), unless the theme changes meanwhile.
    _opening = True
    restyles_skipped = 0  # resumes while opening, which did not restyle the screen

    @classmethod
    def made_ahead(cls, app: App[Any]) -> bool:
        """Whether the app makes this screen while idle, before its key (no, unless a
        screen says so)."""
        return False

    def on_mount(self) -> None:
        node = cast(Widget, self)
        node.app.theme_changed_signal.subscribe(node, self._restyle_when_shown)
        if node.screen.is_current:
            node.call_after_refresh(self._opened)
        self.load_if_stale()  # (a screen may have started its loads already, as it composed)

    def _opened(self) -> None:
        self._opening = False

    def _restyle_when_shown(self, _theme: Theme) -> None:
        self._opened()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Runs before Textual's own handler, which restyles every widget of the screen when
        the event asks for it. Textual (8.2) resumes a mode's screen twice on its first switch
        (when the mode is made, then on the switch), after its widgets were styled as they
        mounted, by the same stylesheet: both restyles are skipped. Resuming later (back
        from another screen, or after a theme change) restyles as before."""
        if self._opening:
            if event.refresh_styles:
                event.refresh_styles = False
                self.restyles_skipped += 1
            cast(Widget, self).call_after_refresh(self._opened)  # shown in the next frame
        self.load_if_stale()

    def load_if_stale(self) -> None:
        """Load everything again if the app has loaded a newer snapshot since."""
        if self._loaded_generation != self._current_generation():
            self.load_snapshot()

    def load_snapshot(self) -> None:
        """Load everything again for the snapshot in use, leaving a "no snapshot yet" state
        (loads failing again set it again)."""
        self._loaded_generation = self._current_generation()
        node = cast(Widget, self)
        node.remove_class("-no-snapshot")
        for part in node.query(f".{NEEDS_SNAPSHOT}"):
            part.disabled = False
        node.refresh_bindings()
        self.load_data()
