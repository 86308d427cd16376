"""The Textual app: composes screens, binds keys, hands the container's services to screens."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from functools import partial
from importlib import import_module, resources
from typing import Any, ClassVar, cast

from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Input
from textual.worker import Worker

from screens.idle_load import IdleLoad
from screens.ingestion import IngestionScreen
from screens.key_order import KeysInOrder
from screens.kpi_opening import KpiOpening
from screens.made_ahead import ScreensAhead
from screens.quality_alerts import start_quality_alerts
from screens.quit_dialog import QuitChoice, QuitDialog
from screens.segments_opening import SegmentsOpening
from screens.services import Services, SnapshotScreen
from screens.widgets.status_line import StatusLine
from workbench.application.ui_state import UiState
from workbench.container import Container, open_resources
from workbench.exit_codes import of_signal
from workbench.failures import user_message
from workbench.keys import bindings, check_keymap
from workbench.stop_signals import STOP_SIGNALS, calling_on_signals

CSS_PATH = str(resources.files("assets").joinpath("app.tcss"))


# The screens not shown first: mode -> (module, class). Their modules are imported in a thread
# after the first frame, once its loads are done (`_import_ahead`), in this order, the KPIs'
# first (plotext, the paged table, pyarrow: ~0.2 s of ~0.3 s), or when first shown if sooner.
LATER_SCREENS = {
    "kpis": ("screens.kpis", "KpiScreen"),
    "quality": ("screens.quality", "QualityScreen"),
    "segments": ("screens.segments", "SegmentsScreen"),
    "explorer": ("screens.explorer", "ExplorerScreen"),
    "sql": ("screens.sql_console", "SqlConsoleScreen"),
}
IMPORTS_AHEAD = "screen-imports"  # the worker's name and group (the screens made ahead too)
MADE_AHEAD = ("kpis", "quality", "segments")  # the screens whose opens compose most, made ahead
OPENINGS = (KpiOpening, SegmentsOpening)  # screens' opening answers loaded while the app is idle


def _import_ahead() -> None:
    """The later screens' modules, imported while the app is idle: the first time a user opens
    one, it is made and shown without first importing its modules on the event loop (~0.2 s
    for the KPIs). Python's import lock makes a key that opens a screen meanwhile wait for the
    module it needs, not import it twice."""
    for module, _ in LATER_SCREENS.values():
        import_module(module)


def _later_class(mode: str) -> type[Screen[Any]]:
    """A later screen's class, its module imported now if it was not yet: the first paint
    needs only the Ingestion screen's."""
    module, name = LATER_SCREENS[mode]
    screen_class: type[Screen[Any]] = getattr(import_module(module), name)
    return screen_class


def _made(screen_class: type[Screen[Any]]) -> Screen[Any]:
    made = _styled_now(_sized(screen_class()))
    made.app.call_after_refresh(gc.freeze)  # its modules and widgets
    return made


def _saved_views_provider() -> type[Provider]:
    """The palette's saved views, imported when the palette first opens (they load the KPI
    service's view names, which the first frame does not show)."""
    from screens.saved_views import SavedViewsProvider

    return SavedViewsProvider


# Every key paints new strips, styles and segments: with the collector's default thresholds a
# full collection walked the whole app (modules, every screen's widgets) every second key or
# so, 100-250 ms in the middle of a key's answer. What lives as long as the app is taken out
# of its reach once made (the app started, a screen first opened); the young generation is
# larger, so the short-lived objects of one paint die there. Cyclic garbage made later is still
# collected (no collection before freezing: it would be the very pause this avoids).
COLLECTOR_THRESHOLDS = (10_000, 10, 10)


def _sized(screen: Screen[Any]) -> Screen[Any]:
    """The screen with the breakpoint classes of the app's width from the start: Textual sets
    them at the screen's first Resize, after a first layout at the other breakpoint (then the
    whole screen is laid out again and every chart drawn twice)."""
    breakpoints = screen.HORIZONTAL_BREAKPOINTS or screen.app.HORIZONTAL_BREAKPOINTS or []
    width = screen.app.size.width
    fits = [name for threshold, name in sorted(breakpoints, reverse=True) if width >= threshold]
    for _, name in breakpoints:  # (one made ahead may have been made at another width)
        screen.set_class(bool(fits) and name == fits[0], name)
    return screen


def _styled_now(screen: Screen[Any]) -> Screen[Any]:
    """The screen counts as styled by the app's CSS as it is now: it is. Textual (8.2) parses all
    of the app's CSS again from scratch and restyles the whole app whenever it switches to a mode
    whose screen has not seen the latest CSS update (a theme change), so that a screen made
    before the change is restyled. A screen just made has seen none, and is not mounted yet to
    record one: its first switch did that two or three times (~50 ms of parsing each, then the
    restyle), though its widgets are styled by the current CSS as they mount. A later theme
    change still restyles it. Private attributes: Textual has no public way to say so."""
    screen._css_update_count = screen.app._css_update_count
    return screen


SNAPSHOT_POLL_SECONDS = 3.0
TITLES = {"kpis": "KPIs", "sql": "Query"}
SCREENS = {  # mode -> what it is for, in the order of their number keys
    "ingestion": "sources, runs with their steps, generate a demo dataset",
    "quality": "quality rules, their status and trend, failing rows",
    "segments": "RFM segments, R×F grid, customers, migration, what-if",
    "kpis": "executive tiles and charts, categories, sellers, delivery, states, cohorts",
    "explorer": "one order, customer or seller with everything behind it",
    "sql": "SQL console: your own query on the warehouse, with completion, export, chart",
}


# The app's actions that would act beside a dialog (another screen, the palette over it, a
# reload or theme under it): while a dialog is on top (any modal screen: export, quit, rule edit,
# saved view, help, ...) their keys do nothing, so a key pressed in a dialog acts in it or not at
# all. Textual stops the app's ordinary bindings at a modal screen already; this also holds for
# priority bindings (ctrl+p) and for keys remapped in [keys]. ctrl+q still quits (asking first
# while a run goes on): the one way out that must never be trapped.
NOT_IN_DIALOGS = frozenset(
    {
        "switch_mode",
        "reload_snapshot",
        "help",
        "change_theme",
        "command_palette",
        "leave_input",
        "find_in_explorer",
    }
)


class WorkbenchApp(KeysInOrder, App[None]):
    TITLE = "Olist Analyst Workbench"
    CSS_PATH = CSS_PATH
    # Installed by name, so quitting can ask it whether an ingestion runs (get_screen).
    SCREENS: ClassVar[dict[str, Callable[[], Screen[Any]]]] = {"ingestion": IngestionScreen}
    # The later screens' modes are the app's own (`__init__`): made ahead by it, or when shown.
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {"ingestion": "ingestion"}
    DEFAULT_MODE = "ingestion"
    COMMANDS = App.COMMANDS | {_saved_views_provider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "switch_mode('ingestion')", "Ingestion", id="app.ingestion"),
        Binding("2", "switch_mode('quality')", "Quality", id="app.quality"),
        Binding("3", "switch_mode('segments')", "Segments", id="app.segments"),
        Binding("4", "switch_mode('kpis')", "KPIs", id="app.kpis"),
        Binding("5", "switch_mode('explorer')", "Explorer", id="app.explorer"),
        Binding("6", "switch_mode('sql')", "Query", id="app.sql"),
        Binding("ctrl+r", "reload_snapshot", "Reload snapshot", id="app.reload"),
        Binding("escape", "leave_input", "Leave field", show=False, id="app.leave_input"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+t", "change_theme", "Theme", show=False, id="app.theme"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    # Bumped when the newest published snapshot is loaded; screens reload when it moves on.
    snapshot_generation: reactive[int] = reactive(0)

    def __init__(self, container: Container) -> None:
        super().__init__()
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            # A key is answered in one frame: a tab's underline slid for 0.3 s after the tab was
            # shown, ~20 more frames of the whole screen. TEXTUAL_ANIMATIONS=full slides it again.
            self.animation_level = "none"
        open_resources(container)
        self.container = container
        self.services: Services = cast(Services, container)
        settings = container.settings()
        self.sub_title = settings.metadata_label
        self._stale_notified = False
        self._quit_after_run = False
        if settings.keys:  # knowing every id imports every screen (and polars): only to check
            check_keymap(settings.keys, bindings(type(self)), settings.config_file)
        self._ui_state = UiState(settings.data_dir)
        remembered = self._ui_state.theme()
        if remembered in self.available_themes:
            self.theme = remembered
        self._exit_code = 0  # 128 + the signal's number once a stop signal asked to quit
        self._stopping = False  # a stop signal is cancelling the run
        self._signals = ExitStack()
        self.first_frame_shown = False
        self._thresholds_before = gc.get_threshold()
        self._ahead = ScreensAhead(self, leaving=lambda: self._stopping or self._quit_after_run)
        for mode in LATER_SCREENS:
            self.add_mode(mode, partial(self._later_screen, mode))

    def _later_screen(self, mode: str) -> Screen[Any]:
        """The mode's screen for its first switch: the one made ahead (at the app's width
        now), or made now."""
        made = self._ahead.take(mode)
        if made is None:
            return _made(_later_class(mode))
        for line in made.query(StatusLine):  # (refreshed for the screen shown only, till now)
            line.refresh_status()
        return _sized(made)

    def on_mount(self) -> None:
        self.set_keymap(self.container.settings().keys)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.set_interval(SNAPSHOT_POLL_SECONDS, self._check_snapshot)
        # A signal interrupts whatever the loop's thread runs: hand it to the loop to handle.
        loop = asyncio.get_running_loop()
        self._signals.enter_context(
            calling_on_signals(lambda signum: loop.call_soon_threadsafe(self.stop_by, signum))
        )

    def on_ready(self) -> None:
        # The first frame is shown: what opens the warehouse (DuckDB) starts now, not before it.
        self.first_frame_shown = True
        gc.set_threshold(*COLLECTOR_THRESHOLDS)
        gc.freeze()
        for line in self.screen.query(StatusLine):
            line.refresh_status()
        # The Ingestion screen's run history (polars) loads after the frame: from here if the
        # screen is mounted by now (whichever screen is shown), else from its own mount.
        ingestion = self.get_screen("ingestion")
        if isinstance(ingestion, IngestionScreen) and ingestion.is_mounted:
            ingestion.load_runs()
            _styled_now(ingestion)  # styled in the first frame: coming back parses no CSS again
        start_quality_alerts(self)
        for opening in OPENINGS:  # what the KPI and Segments screens open with, while idle
            opening.of(self).start()
        self.run_worker(
            self._import_ahead_after(list(self.workers)),
            name=IMPORTS_AHEAD,
            group=IMPORTS_AHEAD,
            exit_on_error=False,
        )

    async def _import_ahead_after(self, loads: list[Worker[Any]]) -> None:
        """The later screens' modules imported in a thread once `loads` are done (what the
        first screen shows, the KPIs' and Segments' opening answers, started with the first
        frame): they would share the GIL. Not any load started later: a user's long one would
        hold it. Then the screens whose opens compose most are made (`screens.made_ahead`).
        Last, the warehouse file is read into the OS page cache in the background: a first
        lookup of a file the OS no longer held (a reboot, other work since) waited on the disk;
        started once the screens' loads are done, it delays none of them."""
        # (each load's end, whatever it was; this one's own cancel, the app exiting, goes on up)
        await asyncio.gather(*(load.wait() for load in loads), return_exceptions=True)
        await asyncio.to_thread(_import_ahead)
        gc.freeze()  # the modules live as long as the app (COLLECTOR_THRESHOLDS)
        await self._ahead.make_ahead(((mode, _later_class(mode)) for mode in MADE_AHEAD), _made)
        # (from a thread: getting the reader may wait while a load opens it)
        await asyncio.to_thread(lambda: self.services.warehouse().read_ahead())

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Every way out: once a screen being made ahead is mounted (`ScreensAhead`)."""
        exit_app = partial(super().exit, result, return_code, message)
        if not self._ahead.defer_exit(exit_app):
            exit_app()

    async def on_exit_app(self) -> None:
        """Runs before Textual's own handler of the exit, which closes the app: the screens
        made ahead and never shown are removed first."""
        await self._ahead.remove_unshown()

    def on_unmount(self) -> None:
        self._signals.close()
        IdleLoad.forget(self)  # the screens' opening loads
        # The app is gone: what it froze can be collected again, with the process's thresholds
        # (a process that runs several apps, a test session, would otherwise keep every one).
        gc.unfreeze()
        gc.set_threshold(*self._thresholds_before)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NOT_IN_DIALOGS and self.screen.is_modal:
            return False
        return super().check_action(action, parameters)

    def stop_by(self, signum: signal.Signals) -> None:
        """SIGTERM (or SIGINT) to the app: a running ingestion is cancelled by it and the app
        quits once the run is recorded, exiting 128 + the signal's number; with no run, or at a
        second signal, it quits at once."""
        self._exit_code = of_signal(signum)
        running = self._ingestion().running_ingestion()
        if running is None or self._stopping:
            self.exit(return_code=self._exit_code, message=f"workbench: stopped by {signum.name}")
            return
        self._stopping = True
        if isinstance(self.screen, QuitDialog):
            self.screen.dismiss(None)  # the signal has answered it
        self._quit_after_run = True
        self.switch_mode("ingestion")  # the run's progress shows until the app quits
        self._ingestion().quit_when_ended(cancel=True, by=STOP_SIGNALS[signum])

    def _remember_theme(self, theme: Theme) -> None:
        try:
            self._ui_state.remember_theme(theme.name)
        except OSError as error:  # a read-only data dir: the theme applies, just not next time
            self.notify(f"Could not remember the theme: {error}", severity="warning")

    def _check_snapshot(self) -> None:
        if self.services.warehouse().is_stale and not self._stale_notified:
            self._stale_notified = True
            for line in self.screen.query(StatusLine):
                line.refresh_status()
            self.notify(
                "A newer warehouse snapshot was published: press ctrl+r to load it.",
                title="New snapshot",
                timeout=15,
            )

    def action_reload_snapshot(self) -> None:
        self.services.warehouse().reload()
        self._stale_notified = False
        self.snapshot_generation += 1
        for opening in OPENINGS:  # (for the snapshot now in use, if their screen is not open yet)
            opening.of(self).start()
        self._ahead.load_if_stale()
        if isinstance(self.screen, SnapshotScreen):
            self.screen.load_if_stale()
        self.notify("Loaded the latest published snapshot.")

    async def action_quit(self) -> None:
        """Every way to quit (q, ctrl+q, the palette) asks first while an ingestion runs."""
        if isinstance(self.screen, QuitDialog):
            return  # asked already: the dialog's keys answer
        running = self._ingestion().running_ingestion()
        if running is None:
            self.exit()
        elif self._quit_after_run:
            self.notify(f"Quitting once {running} has ended …", title="Quit")
        else:
            self.push_screen(QuitDialog(running), self._quit_chosen)

    def _quit_chosen(self, choice: QuitChoice | None) -> None:
        ingestion = self._ingestion()
        if choice in (None, QuitChoice.STAY):
            return
        if ingestion.running_ingestion() is None:  # it ended while the dialog was open
            self.exit()
            return
        self._quit_after_run = True
        self.switch_mode("ingestion")  # the run's progress shows until the app quits
        ingestion.quit_when_ended(cancel=choice is QuitChoice.CANCEL_RUN)

    def ingestion_ended(self, summary: str) -> None:
        """The Ingestion screen's run ended (recorded); quit now if asked to wait for it."""
        if self._quit_after_run:
            self.exit(return_code=self._exit_code, message=f"workbench: {summary}")

    def _ingestion(self) -> IngestionScreen:
        return cast(IngestionScreen, self.get_screen("ingestion"))

    def action_leave_input(self) -> None:
        """Escape out of a text box, so single-key bindings (c, r, number keys) work again."""
        if isinstance(self.focused, Input):
            self.screen.set_focus(None)

    def action_help(self) -> None:
        from screens.help import HelpScreen  # Markdown and its parsers load on first use

        self.push_screen(HelpScreen(getattr(self.screen, "HELP", "")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key, (mode, purpose) in enumerate(SCREENS.items(), start=1):
            yield SystemCommand(
                f"Go to {TITLES.get(mode, mode.capitalize())} ({key})",
                purpose,
                lambda mode=mode: self.switch_mode(mode),
            )
        yield SystemCommand(
            "Explore an order, customer or seller",
            "Open the Explorer and type or paste an id (with completion)",
            self.action_find_in_explorer,
        )

    def open_saved_view(self, name: str) -> None:
        """Show a saved KPI view (from the command palette)."""
        try:
            saved = self.services.saved_views().get(name)
        except Exception as error:  # deleted meanwhile, or the store is unreachable
            self.report_error(error)
            return
        self.switch_mode("kpis")
        self.call_after_refresh(lambda: getattr(self.screen, "open_saved", lambda _: None)(saved))

    def action_find_in_explorer(self) -> None:
        self.switch_mode("explorer")
        self.call_after_refresh(self.screen.run_action, "focus_id")

    def explore(self, kind: str, key: str) -> None:
        """Open an order, customer or seller in the Explorer (drill-down target of every screen)."""
        self.switch_mode("explorer")
        opener = getattr(self.screen, "open_entity", None)
        if opener is not None:
            opener(kind, key)

    def open_in_console(self, sql: str) -> None:
        """Open `sql` in a new tab of the SQL console (the query behind another screen's table)."""
        self.switch_mode("sql")
        opener = getattr(self.screen, "open_sql", None)
        if opener is not None:
            opener(sql)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast is plain text: rule ids, saved-view names and errors come from a shared
        store, and a `[bold]` or `[/]` in them must show as typed, not become markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def report_error(self, error: BaseException) -> None:
        """A failed background job becomes a notification, never a traceback."""
        self.notify(user_message(error), title="Error", severity="error", timeout=10)
