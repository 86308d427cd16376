"""Quitting while an ingestion runs asks first, by every way to quit (q, ctrl+q, the palette's
Quit): cancel the run and quit, keep it running and quit when it ends, or stay. The app quits
only once the run is recorded, and shows the run's progress until then."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shown import exits
from textual.widgets import Input, Label

from domain.entities.ingestion_run import RunStatus
from domain.events.pipeline import StepCompleted
from screens.quit_dialog import QuitDialog
from workbench.app import WorkbenchApp
from workbench.container import Container


class HeldRun:
    """Holds the run after staging until released, so the test acts while it runs."""

    def __init__(self, container: Container) -> None:
        self.staged = threading.Event()
        self.release = threading.Event()
        container.events().subscribe(StepCompleted, self._hold)

    def _hold(self, event: StepCompleted) -> None:
        if event.step == "stage":
            self.staged.set()
            self.release.wait(30)

    async def wait_staged(self) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.staged.wait, 30)


@contextmanager
def released(run: HeldRun) -> Iterator[None]:
    try:
        yield
    finally:
        run.release.set()


async def start_run(pilot, source: Path, run: HeldRun) -> None:
    await pilot.press("i")
    pilot.app.screen.query_one("#source-path", Input).value = str(source)
    await pilot.press("enter")
    await run.wait_staged()


def progress(app: WorkbenchApp) -> str:
    return str(app.get_screen("ingestion").query_one("#progress-label", Label).render())


async def test_quit_during_a_run_asks_and_cancel_ends_it_recorded_then_quits(
    container: Container, small_source: Path
) -> None:
    run = HeldRun(container)
    app = WorkbenchApp(container)
    with released(run):
        async with app.run_test(size=(80, 24)) as pilot:
            await start_run(pilot, small_source, run)
            for ask in ("q", "ctrl+q"):
                await pilot.press("4" if ask == "q" else "1", ask)
                await pilot.pause()
                assert isinstance(app.screen, QuitDialog), ask
                assert "Run #1 is running. Quit anyway?" in str(
                    app.screen.query_one(".section-title", Label).render()
                )
                await pilot.press("s")  # stay
                await pilot.pause()
                assert not isinstance(app.screen, QuitDialog)
            await app.run_action("command_palette")
            await pilot.pause()
            await pilot.press(*"quit", "enter")  # the palette's Quit
            await pilot.pause()
            assert isinstance(app.screen, QuitDialog), "the palette's Quit asks too"

            await pilot.press("c")
            await pilot.pause()
            assert app.current_mode == "ingestion"
            assert "cancelling run #1 …" in progress(app)
            assert progress(app).endswith(" · then quits")
            assert app.is_running, "it waits for the run to be cleaned up"
            run.release.set()
            await exits(app)
    assert container.metadata_store().get_run(1).status is RunStatus.CANCELLED  # type: ignore[union-attr]
    assert not container.settings().warehouse_path.exists()
    assert app.return_code == 0


async def test_keep_running_quits_once_the_run_is_published(
    container: Container, small_source: Path
) -> None:
    run = HeldRun(container)
    app = WorkbenchApp(container)
    with released(run):
        async with app.run_test(size=(160, 48)) as pilot:
            await start_run(pilot, small_source, run)
            await pilot.press("q", "k")
            await pilot.pause()
            assert "run #1 goes on …" in progress(app)
            assert app.is_running
            run.release.set()
            await exits(app)
    assert container.metadata_store().get_run(1).status is RunStatus.SUCCEEDED  # type: ignore[union-attr]
    assert container.settings().warehouse_path.exists()


async def test_without_a_run_q_quits_at_once(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, QuitDialog)
    assert app.return_code == 0
