"""TUI fixtures: the real app on a real container over tmp-dir settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from workbench.application.config import Settings
from workbench.container import Container, build_container


@pytest.fixture
def container(settings: Settings) -> Iterator[Container]:
    built = build_container(settings)
    yield built
    built.shutdown_resources()
