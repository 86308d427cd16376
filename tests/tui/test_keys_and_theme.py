"""Key bindings remapped from the config's [keys] table, and the theme chosen in the UI and
remembered for the next session."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from shown import loads_done
from textual.widgets import ContentSwitcher, Static

from workbench.app import WorkbenchApp
from workbench.application.config import Settings
from workbench.application.errors import ConfigError
from workbench.container import build_container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settle(pilot) -> None:
    for _ in range(2):
        await loads_done(pilot)
        await pilot.pause()


async def test_keys_remapped_in_the_config_act_and_the_old_ones_do_not(
    settings: Settings,
) -> None:
    keys = {"app.kpis": "k", "kpis.grain": "w", "kpis.states": "S"}
    container = build_container(replace(settings, keys=keys))
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.press("4")
            await pilot.pause()
            assert type(app.screen).__name__ == "IngestionScreen", "4 no longer opens the KPIs"
            await pilot.press("k")
            await settle(pilot)
            assert type(app.screen).__name__ == "KpiScreen"
            bar = app.screen.query_one("#kpi-view-bar", Static)
            await pilot.press("w")
            await settle(pilot)
            assert "by day" in str(bar.render())
            await pilot.press("S")
            await pilot.pause()
            assert app.screen.query_one(ContentSwitcher).current == "states"
    finally:
        container.shutdown_resources()


def test_an_unknown_binding_id_stops_the_start_with_one_line(settings: Settings) -> None:
    container = build_container(replace(settings, keys={"kpis.gran": "w"}))
    try:
        with pytest.raises(ConfigError, match=r"Unknown binding id 'kpis\.gran' in \[keys\]"):
            WorkbenchApp(container)
    finally:
        container.shutdown_resources()


async def test_the_theme_picked_in_the_palette_is_remembered(settings: Settings) -> None:
    container = build_container(settings)
    try:
        app = WorkbenchApp(container)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+t")
            await pilot.pause()
            await pilot.press(*"nord")
            await loads_done(pilot)
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert app.theme == "nord"
        again = WorkbenchApp(container)
        async with again.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert again.theme == "nord"
    finally:
        container.shutdown_resources()
