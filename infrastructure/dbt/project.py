"""Write a dbt project whose models ARE the builder's model files (its model and macro folders are
symbolic links into the installed package), with dbt-duckdb writing DIR/warehouse.duckdb, sources
reading the nine files, the public contract's descriptions and the critical rules as dbt tests.

Links, not paths: dbt writes each compiled model to target/.../<the model's path>, and an
absolute model path there is the model file itself - dbt would overwrite the package's files.

The project's YAML files are written as JSON (which YAML parsers read), so writing one needs no
YAML library in the default install.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from domain.errors import DomainError
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.dbt.dry_build import WarehouseShape, warehouse_shape
from infrastructure.dbt.quality_tests import critical_rule_tests
from infrastructure.source import SourceError, open_source
from infrastructure.source.archive import ArchiveLimits, extract_source_files
from infrastructure.source.contract import SOURCE_FILES
from infrastructure.source.csv_reader import source_reader
from infrastructure.warehouse.catalog import SOURCE_NAME, Model, all_models

PROJECT_NAME = "olist_workbench"
WAREHOUSE_FILE = "warehouse.duckdb"
MODELS_LINK = "models"  # -> the package's model folders
MACROS_LINK = "macros"  # -> the package's dbt macros (the duckdb_macro materialization)
PROPERTIES_DIR = "properties"  # sources.yml and schema.yml: the project's own model path
TESTS_DIR = "tests"
EXTRACTED_DIR = "source"  # where the nine files of a zip are extracted
PLUGIN_MODULE = "infrastructure.dbt.plugin"


@dataclass(frozen=True)
class DbtProject:
    path: Path
    source_files: dict[str, Path]  # contract table -> the CSV the source reads
    models: int
    tests: tuple[str, ...]  # generated quality tests
    skipped_rules: tuple[str, ...]  # critical rules that could not become tests, and why


def write_dbt_project(
    target: Path,
    source: Path,
    rules: Iterable[QualityRuleRecord],
    purchase_tolerance_days: int,
) -> DbtProject:
    """Write (or rewrite) the project in `target`; raises SourceError for a bad source (and
    leaves no folder it created)."""
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    try:
        files = _source_files(source.resolve(), target)
    except SourceError:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        raise
    shape = warehouse_shape()
    models = all_models()
    tests = critical_rule_tests(rules, shape.catalogue, datetime.now())
    _link(target / MODELS_LINK, _package_dir("infrastructure.warehouse.models"))
    _link(target / MACROS_LINK, _package_dir("infrastructure.dbt.macros"))
    _write_json(target / "dbt_project.yml", _project())
    _write_json(target / "profiles.yml", _profile(target, purchase_tolerance_days))
    (target / ".dbtignore").write_text("# the model folders are Python packages too\n*.py\n")
    properties = target / PROPERTIES_DIR
    properties.mkdir(exist_ok=True)
    _write_json(properties / "sources.yml", _sources(files))
    _write_json(properties / "schema.yml", _schema(models, shape))
    tests_dir = target / TESTS_DIR
    shutil.rmtree(tests_dir, ignore_errors=True)  # tests of rules since removed go too
    tests_dir.mkdir()
    for test in tests.tests:
        (tests_dir / f"{test.name}.sql").write_text(test.sql, encoding="utf-8")
    return DbtProject(
        target,
        files,
        len(models),
        tuple(test.name for test in tests.tests),
        tests.skipped,
    )


def _source_files(source: Path, target: Path) -> dict[str, Path]:
    """The nine files: a folder's own (flat or in one subfolder), or a zip's extracted into
    target/source with the checks the workbench's reader makes (unsafe paths, bombs)."""
    if source.is_file():
        extracted = target / EXTRACTED_DIR
        shutil.rmtree(extracted, ignore_errors=True)
        extracted.mkdir()
        wanted = [s.file_name for s in SOURCE_FILES]
        try:
            extract_source_files(source, wanted, extracted, ArchiveLimits())
        except SourceError:
            shutil.rmtree(extracted, ignore_errors=True)
            raise
        source = extracted
    with open_source(source) as files:
        files.validate()  # headers, delimiter, encoding: a bad file is named now, not by dbt
        return {table: path.resolve() for table, path in files.paths.items()}


class DbtProjectError(DomainError):
    """The project cannot be written where asked (a file of ours is in the way)."""


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def _link(link: Path, to: Path) -> None:
    if link.is_symlink():
        link.unlink()
    elif link.exists():
        raise DbtProjectError(
            f"{link} exists and is not a link: the project links it to the workbench's own "
            "files. Move it away or write the project into another folder."
        )
    link.symlink_to(to, target_is_directory=True)


def _project() -> dict[str, Any]:
    return {
        "name": PROJECT_NAME,
        "version": "1.0.0",
        "config-version": 2,
        "profile": PROJECT_NAME,
        # Referenced, not copied: the installed workbench's own model files and dbt macros.
        "model-paths": [MODELS_LINK, PROPERTIES_DIR],
        "macro-paths": [MACROS_LINK],
        "test-paths": [TESTS_DIR],
        "seed-paths": [],
        "snapshot-paths": [],
        "analysis-paths": [],
        "target-path": "target",
        "clean-targets": ["target"],
        "models": {
            PROJECT_NAME: {
                "+materialized": "table",
                "+persist_docs": {"relation": True, "columns": True},
            }
        },
    }


def _profile(target: Path, purchase_tolerance_days: int) -> dict[str, Any]:
    output = {
        "type": "duckdb",
        "path": str((target / WAREHOUSE_FILE).resolve()),
        "threads": 1,
        "plugins": [
            {
                "module": PLUGIN_MODULE,
                "alias": "workbench",
                "config": {"purchase_tolerance_days": purchase_tolerance_days},
            }
        ],
    }
    return {PROJECT_NAME: {"target": "warehouse", "outputs": {"warehouse": output}}}


def _sources(files: dict[str, Path]) -> dict[str, Any]:
    tables = []
    for source in SOURCE_FILES:
        staged = f"stg_{source.table}"
        tables.append(
            {
                "name": source.table,
                "description": f"{source.file_name}, read as the contract types it "
                f"({staged} stages it).",
                # dbt-duckdb puts the read_csv(...) call where the models say source(...),
                # formatted as a string.Template: the call holds braces ({'column': 'TYPE'}),
                # and a `$` (only ever in a path) is written `$$`.
                "meta": {
                    "external_location": source_reader(source, files[source.table]).replace(
                        "$", "$$"
                    ),
                    "formatter": "template",
                },
            }
        )
    return {"version": 2, "sources": [{"name": SOURCE_NAME, "tables": tables}]}


def _schema(models: Iterable[Model], shape: WarehouseShape) -> dict[str, Any]:
    entries = []
    for model in models:
        entry: dict[str, Any] = {"name": model.name}
        description = shape.descriptions.get((model.name, None))
        if description:
            entry["description"] = description
        columns = [
            {"name": column, "description": text}
            for (table, column), text in shape.descriptions.items()
            if table == model.name and column is not None
        ]
        if columns:
            entry["columns"] = columns
        config = _config(model)
        if config:
            entry["config"] = config
        entries.append(entry)
    return {"version": 2, "models": entries}


def _config(model: Model) -> dict[str, Any]:
    if model.parameters:  # kept as a DuckDB macro, created by the same statement as the builder's
        head, tail = model.macro_enclosure(replace=True)
        kind = "macro" if model.scalar else "macro table"
        meta = {"macro_head": head, "macro_tail": tail, "comment_on": f"{kind} {model.name}"}
        return {"materialized": "duckdb_macro", "meta": meta}
    if model.temporary:  # an intermediate step the builder keeps out of the file
        return {"materialized": "ephemeral"}
    return {}


def _write_json(path: Path, content: dict[str, Any]) -> None:
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
