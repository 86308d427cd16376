"""What opening a screen does once: its widgets are styled as they mount (Textual styled them all
again on each of the two resumes of a mode's first switch, and parsed the whole CSS again from
scratch two or three times); its footer is one widget drawing the keys (Textual's footer was
rebuilt on each binding refresh: up to 10 on opening Segments, each removing, building and
styling ~20 key widgets again; kept as widgets, they still cost 25-30 ms of each opening),
and no animation runs after a key's
answer (a tab's underline slid for 0.3 s: ~20 more frames of the whole screen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from shown import counted_loads, footer, loads_done
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region

from screens.help import HelpScreen
from screens.widgets.keys_footer import KeysFooter
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def test_each_screen_shows_its_footer_keys_with_no_widget_per_key(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        screens = (("2", "Re-check"), ("3", "Definitions"), ("4", "Filters"), ("5", "Find id"))
        for key, shows in screens:
            await pilot.press(key)
            for _ in range(2):
                await loads_done(pilot)
                await pilot.pause()
            assert shows in footer(app), f"screen {key}'s keys are shown"
            assert not app.screen.query_one(KeysFooter).children, f"screen {key}: one widget"
            # its widgets were styled as they mounted: the two resumes of a mode's first
            # switch do not style them all again (the theme test below: later ones do)
            assert app.screen.restyles_skipped == 2, f"screen {key}"


async def test_a_footer_key_clicked_or_hovered_acts_as_a_key_widget_did(
    container: Container,
) -> None:
    """The footer draws its keys: the pointer over one highlights it (in another background),
    a click presses it (here: help)."""
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = app.screen.query_one(KeysFooter)
        help_region = keys.key_region("question_mark")
        assert help_region is not None and help_region.x == 0 and help_region.width == 8
        assert footer(app).startswith(" ? Help  ·  q Quit ")
        before = painted(keys)
        await pilot.hover(KeysFooter, offset=(1, 0))
        lit = painted(keys)
        assert keys.hovered == 0 and lit != before, "the key under the pointer is lit"
        assert lit[8:] == before[8:], "only that key"
        await pilot.click(KeysFooter, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def painted(widget: KeysFooter) -> list[tuple[str, object]]:
    """Each cell of the footer's line, with its style."""
    (strip,) = widget.render_lines(Region(0, 0, widget.size.width, 1))
    return [(char, segment.style) for segment in strip for char in segment.text]


def test_animations_are_off_unless_asked_for(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEXTUAL_ANIMATIONS", raising=False)
    assert WorkbenchApp(container).animation_level == "none"
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "full")
    assert WorkbenchApp(container).animation_level == "full"


async def test_opening_a_screen_does_not_parse_the_css_again(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen just made is styled by the app's CSS as it mounts: Textual parsed all of it again
    from scratch and restyled the whole app two or three times on a screen's first switch."""
    assert container.ingestion().ingest(FIXTURE).published
    reparsed: list[str] = []
    reparse = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        reparsed.append(app.screen.id or type(app.screen).__name__)
        reparse(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await loads_done(pilot)
        reparsed.clear()
        for key in ("2", "3", "4", "5", "escape", "1", "6"):  # and back to the first screen
            await pilot.press(key)
            await loads_done(pilot)
        assert reparsed == []


async def test_a_screen_opened_before_a_theme_change_shows_the_new_theme(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")  # Segments, made under the first theme
        await loads_done(pilot)
        await pilot.press("1")
        first = app.screen.query_one(KeysFooter).styles.background
        light = "textual-light" if app.current_theme.dark else "textual-dark"
        app.theme = light
        await pilot.pause()
        assert app.screen.query_one(KeysFooter).styles.background != first
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one(KeysFooter).styles.background != first, "restyled"
        await pilot.press("4")  # KPIs, made ahead under the first theme, opened under the new
        await loads_done(pilot)
        assert app.screen.query_one(KeysFooter).styles.background != first


async def test_each_screen_loads_its_data_once_on_opening(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual calls the mount handler of each class a screen is made of: a screen calling its
    base's as well loaded everything twice (Segments: its three loads, the migration ~1 s at
    scale 10)."""
    assert container.ingestion().ingest(FIXTURE).published
    loaded = counted_loads(monkeypatch)
    app = WorkbenchApp(container)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("2", "3", "4", "5", "escape", "6"):  # escape: leave the Explorer's id field
            await pilot.press(key)
            await loads_done(pilot)
            await pilot.pause()
        assert sorted(loaded) == sorted(
            ["QualityScreen", "SegmentsScreen", "KpiScreen", "ExplorerScreen", "SqlConsoleScreen"]
        )
