"""`workbench --demo` prepares its warehouse before the UI opens: the run says the demo made it."""

from __future__ import annotations

from pathlib import Path

from workbench.application.config import load_settings
from workbench.commands import prepare_demo
from workbench.container import build_container


def test_the_demo_run_is_recorded_as_started_by_the_demo(tmp_path: Path) -> None:
    settings = load_settings({"data_dir": tmp_path, "demo_scale": 0.01, "demo_seed": 3}, env={})
    container = build_container(settings)
    try:
        prepare_demo(container)
        runs = container.run_history().recent()
    finally:
        container.shutdown_resources()
    assert [run.started_by for run in runs] == ["workbench: demo"]
