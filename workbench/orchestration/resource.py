"""The workbench as a Dagster resource: its settings, resolved like the command line's, and
a container for one run."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from workbench.application.config import Settings, load_settings
from workbench.container import Container, build_container, drain_alerts


class WorkbenchResource(dg.ConfigurableResource["WorkbenchResource"]):
    """The settings come from WORKBENCH_* variables and the config file, as for `workbench`;
    `data_dir` and `config_file` override them (empty: not overridden)."""

    data_dir: str = ""
    config_file: str = ""

    def settings(self) -> Settings:
        flags = {"data_dir": Path(self.data_dir)} if self.data_dir else {}
        return load_settings(
            flags, config_file=Path(self.config_file) if self.config_file else None
        )

    @contextmanager
    def container(self) -> Iterator[Container]:
        container = build_container(self.settings())
        try:
            yield container
        finally:
            drain_alerts(container)
            container.shutdown_resources()


def started_by(tags: Mapping[str, str]) -> str:
    """Who started a Dagster run, as the run history shows it."""
    if "dagster/sensor_name" in tags:
        return f"dagster: sensor {tags['dagster/sensor_name']}"
    if "dagster/schedule_name" in tags:
        return f"dagster: schedule {tags['dagster/schedule_name']}"
    return "dagster: user"
