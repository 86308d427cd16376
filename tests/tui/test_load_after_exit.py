"""A load's answer that arrives once the app is exiting is dropped: Textual detaches every
node then and removes the screens' widgets, and a handler's query for one raised on the way
out (CI: the KPI screen's view bar, its load failing with no snapshot while the app closed)."""

from __future__ import annotations

import threading

from shown import exits

from screens.kpis import KpiScreen
from screens.loads import Loaded, LoadFailed
from workbench.app import WorkbenchApp
from workbench.container import Container


async def test_a_load_failing_while_the_app_exits_is_not_handled(container: Container) -> None:
    app = WorkbenchApp(container)
    release = threading.Event()

    def held() -> Loaded:
        release.wait(10)
        raise RuntimeError("the answer after the exit")

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        screen = app.screen
        assert isinstance(screen, KpiScreen)
        screen.start_load("late", held, "a late answer")
        answer = LoadFailed(RuntimeError("the answer after the exit"))
        answer.kind, answer.token = "late", screen._running_loads()["late"]  # as its worker
        app.exit()
        assert screen.settle(answer) is False, "an exiting app's screen takes no answer"
        release.set()
        await exits(app)
    assert app.return_code == 0
