"""Fixtures of the fault tests: a workbench in a tmp folder, a dataset as folder and zip."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fault_harness import Workbench


@pytest.fixture
def workbench(tmp_path: Path) -> Workbench:
    return Workbench(tmp_path)


@pytest.fixture(scope="session")
def source_zip(small_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small generated dataset as one .zip, so a run extracts it to a temp folder."""
    folder = tmp_path_factory.mktemp("olist-zip")
    return Path(shutil.make_archive(str(folder / "olist"), "zip", small_source))
