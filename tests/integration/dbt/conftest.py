"""Fixtures: a small generated export, the stored rules, the dbt command of this environment."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest

from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.generator.generation import generate
from infrastructure.metadata.sqlite_store import SqliteMetadataStore

SCALE = 0.02  # ~2,000 orders: every model has rows, a dbt build takes seconds
SEED = 11


@pytest.fixture(scope="session")
def dbt_command() -> Path:
    """The `dbt` command of this environment (the [dbt] extra). Without it the tests that run dbt
    skip, except under CI=true, where .ci/run installs the extra and its absence is a failure."""
    command = Path(sys.executable).parent / "dbt"
    try:
        import dbt.adapters.duckdb  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("the [dbt] extra is not installed (.ci/run installs it)")
        pytest.skip("the [dbt] extra is not installed: pip install -e '.[test,dbt]'")
    return command


@pytest.fixture(scope="session")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    generate(folder, SCALE, SEED)
    return folder


@pytest.fixture(scope="session")
def export_zip(export: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("zipped") / "brazilian-ecommerce.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for csv in sorted(export.glob("*.csv")):
            zf.write(csv, f"olist/{csv.name}")
    return archive


@pytest.fixture(scope="session")
def stored_rules(tmp_path_factory: pytest.TempPathFactory) -> list[QualityRuleRecord]:
    """The default rule catalogue, as a new metadata store holds it."""
    store = SqliteMetadataStore(tmp_path_factory.mktemp("metadata") / "metadata.sqlite")
    try:
        return store.list_rules()
    finally:
        store.close()
