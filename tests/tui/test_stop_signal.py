"""SIGTERM to the TUI process: a running ingestion is cancelled by it and recorded cancelled, its
files removed, and the app quits once the run is recorded, exiting 143. With no run it quits at
once. The signal is a real one, sent to this process: the app's handler is installed while it
runs and the one before is restored after."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from shown import exits
from test_quit_during_run import HeldRun, progress, released, start_run

from domain.entities.ingestion_run import RunStatus
from screens.quit_dialog import QuitDialog
from workbench.app import WorkbenchApp
from workbench.container import Container


async def test_sigterm_during_a_run_cancels_it_recorded_then_exits_143(
    container: Container, small_source: Path
) -> None:
    before = signal.getsignal(signal.SIGTERM)
    run = HeldRun(container)
    app = WorkbenchApp(container)
    with released(run):
        async with app.run_test(size=(80, 24)) as pilot:
            await start_run(pilot, small_source, run)
            await pilot.press("4", "q")  # a quit dialog open: the signal answers it
            await pilot.pause()
            assert isinstance(app.screen, QuitDialog)
            os.kill(os.getpid(), signal.SIGTERM)
            await pilot.pause()
            assert not isinstance(app.screen, QuitDialog)
            assert app.current_mode == "ingestion"
            assert "cancelling run #1 …" in progress(app)
            assert app.is_running, "it waits for the run to be recorded"
            run.release.set()
            await exits(app)
    stored = container.metadata_store().get_run(1)
    assert stored is not None and stored.status is RunStatus.CANCELLED
    assert stored.error.startswith("Cancelled by SIGTERM during the ")
    assert not container.settings().warehouse_path.exists()
    assert not list((container.settings().data_dir / ".building").glob("*"))
    assert app.return_code == 143
    assert signal.getsignal(signal.SIGTERM) is before


async def test_sigterm_with_no_run_quits_at_once_with_143(container: Container) -> None:
    app = WorkbenchApp(container)
    async with app.run_test(size=(80, 24)):
        os.kill(os.getpid(), signal.SIGTERM)
        await exits(app)
    assert app.return_code == 143


async def test_a_second_sigterm_quits_without_waiting_for_the_run(
    container: Container, small_source: Path
) -> None:
    run = HeldRun(container)
    app = WorkbenchApp(container)
    with released(run):
        async with app.run_test(size=(80, 24)) as pilot:
            await start_run(pilot, small_source, run)
            os.kill(os.getpid(), signal.SIGTERM)
            await pilot.pause()
            assert app.is_running and "cancelling run #1 …" in progress(app)
            os.kill(os.getpid(), signal.SIGTERM)  # the run is still held: no waiting for it
            await exits(app)
    assert app.return_code == 143
    # Released, the run's worker still ends it as cancelled (and is done before teardown).
    await asyncio.wait_for(recorded_cancelled(container, 1), 30)


async def recorded_cancelled(container: Container, run_id: int) -> None:
    while (run := container.metadata_store().get_run(run_id)) is None or (
        run.status is not RunStatus.CANCELLED
    ):
        await asyncio.sleep(0.01)
