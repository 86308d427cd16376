"""A warehouse published from the hand-made olist_small export, for the SQL console's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.entities.ingestion_run import RunStatus
from workbench.application.config import load_settings
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


@pytest.fixture(scope="package")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    data_dir = tmp_path_factory.mktemp("console") / "data"
    container = build_container(load_settings({"data_dir": data_dir}, env={}, config_file=None))
    outcome = container.ingestion().ingest(FIXTURE)
    assert outcome.status is RunStatus.SUCCEEDED, outcome.message
    yield container
    container.shutdown_resources()
