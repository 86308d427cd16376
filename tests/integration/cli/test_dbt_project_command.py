"""`workbench dbt-project DIR --source PATH`: the project from the metadata store's rules of now."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from workbench.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_tests_follow_the_stored_rules_when_the_project_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    project = tmp_path / "project"
    code, out, err = run(capsys, "dbt-project", str(project), "--source", str(FIXTURE), *data)
    assert code == 0, err
    assert f"dbt build --project-dir {project} --profiles-dir {project}" in out
    written = {p.stem for p in (project / "tests").glob("*.sql")}
    assert "quality_orders_key_unique" in written

    store = SqliteMetadataStore(tmp_path / "data" / "metadata.sqlite")
    try:
        store.update_rule("orders.key.unique", enabled=False)
    finally:
        store.close()
    code, out, err = run(capsys, "dbt-project", str(project), "--source", str(FIXTURE), *data)
    assert code == 0, err
    rewritten = {p.stem for p in (project / "tests").glob("*.sql")}
    assert rewritten == written - {"quality_orders_key_unique"}
    assert f"{len(rewritten)} tests from the critical quality rules" in out


def test_a_bad_source_is_one_line_and_leaves_no_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    project = tmp_path / "project"
    missing = tmp_path / "nowhere"
    code, _, err = run(capsys, "dbt-project", str(project), "--source", str(missing), *data)
    assert code == 2
    assert (
        err.strip()
        == f"workbench: {missing} does not exist. Check the path of the source folder or zip."
    )
    assert not project.exists()
