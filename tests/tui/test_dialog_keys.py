"""A key pressed in a dialog acts in the dialog or does nothing: the number keys, the palette
(ctrl+p), reload (ctrl+r), help (?) and theme (ctrl+t) never act on the screens under it, and
the dialog stays on top. One test per kind of dialog, each opened as a user opens it.
Figures are those of tests/fixtures/olist_small/README.md."""

from __future__ import annotations

import re
from pathlib import Path

from shown import loads_done
from test_quit_during_run import HeldRun, released, start_run
from textual.binding import Binding
from textual.screen import Screen

from screens.help import GLOBAL_HELP, HelpScreen
from screens.ingestion import INGEST
from screens.kpi_definitions import KpiDefinitionsScreen
from screens.kpi_orders import KpiOrdersScreen
from screens.quality_edit import RuleEditDialog
from screens.quit_dialog import QuitDialog
from screens.saved_views import SaveViewDialog
from screens.widgets.export_dialog import ExportDialog
from screens.widgets.number_prompt import NumberPrompt
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
# The app's keys that act beside the screen shown: other screens, palette, reload, help, theme.
APP_KEYS = ("1", "2", "3", "4", "5", "ctrl+p", "ctrl+r", "question_mark", "ctrl+t")


async def settle(pilot, besides: tuple[str, ...] = ()) -> None:
    for _ in range(2):
        await loads_done(pilot, besides)
        await pilot.pause()


async def keys_stay_in(
    pilot,
    dialog_type: type[Screen],
    keys: tuple[str, ...] = APP_KEYS,
    besides: tuple[str, ...] = (),
) -> None:
    """Each of `keys` leaves `dialog_type` on screen and the mode as it was, once the loads it
    may have started are done (but those of the kinds `besides`, held on purpose)."""
    app: WorkbenchApp = pilot.app
    dialog = app.screen
    assert isinstance(dialog, dialog_type), type(dialog).__name__
    mode = app.current_mode
    for key in keys:
        await pilot.press(key)
        await settle(pilot, besides)
        shown = type(app.screen).__name__
        assert app.screen is dialog, f"{key} in {dialog_type.__name__} opened {shown}"
        assert app.current_mode == mode, f"{key} in {dialog_type.__name__} left {mode}"


async def test_help_keeps_the_app_keys(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await keys_stay_in(pilot, HelpScreen, tuple(k for k in APP_KEYS if k != "question_mark"))
        await pilot.press("escape")
        assert type(app.screen).__name__ == "IngestionScreen", "its own key still closes it"


async def test_kpi_dialogs_keep_the_app_keys(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("ctrl+s")  # saved view's name
        await keys_stay_in(pilot, SaveViewDialog)
        await pilot.press("escape")
        await pilot.press("d")  # definitions
        await keys_stay_in(pilot, KpiDefinitionsScreen)
        await pilot.press("escape")
        await pilot.press("l")  # sellers, then their minimum orders
        await settle(pilot)
        await pilot.press("m")
        await keys_stay_in(pilot, NumberPrompt)
        await pilot.press("escape")
        await pilot.press("x")  # executive: enter on the tiles lists their orders
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await keys_stay_in(pilot, KpiOrdersScreen)
        await pilot.press("e")  # and exporting them asks where
        await keys_stay_in(pilot, ExportDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, KpiOrdersScreen)
        await pilot.press("escape")
        assert app.current_mode == "kpis" and not app.screen.is_modal


async def test_rule_edit_and_export_keep_the_app_keys(container: Container) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("m")
        await keys_stay_in(pilot, RuleEditDialog)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("e")
        await keys_stay_in(pilot, ExportDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "quality" and not app.screen.is_modal
        await pilot.press("3")
        assert app.current_mode == "segments", "closed: the app's keys act again"


async def test_the_quit_dialog_keeps_the_app_keys(container: Container, small_source: Path) -> None:
    run = HeldRun(container)
    app = WorkbenchApp(container)
    with released(run):
        async with app.run_test(size=(80, 24)) as pilot:
            await start_run(pilot, small_source, run)
            await pilot.press("escape", "q")
            await pilot.pause()
            await keys_stay_in(pilot, QuitDialog, besides=(INGEST,))  # the run is held
            await pilot.press("s")
            await pilot.pause()
            assert not app.screen.is_modal and app.is_running
            run.release.set()
            await settle(pilot)


def test_the_help_lists_every_key_the_app_binds() -> None:
    """The help's table of the app's keys is written by hand: a key bound and not listed (the
    SQL console's `6` once) fails here."""
    listed = set(re.findall(r"^\| `([^`]+)` \|", GLOBAL_HELP, re.MULTILINE))
    written = {"question_mark": "?"}
    for binding in WorkbenchApp.BINDINGS:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            assert written.get(key, key) in listed, f"{key} ({binding.action}) is not in the help"
