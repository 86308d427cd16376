"""The configured DuckDB resources reach every connection the workbench opens, build included."""

from __future__ import annotations

from pathlib import Path

from domain.entities.ingestion_run import RunStatus
from infrastructure.duckdb_connection import DuckDbResources, connect_duckdb
from infrastructure.quality.connection import checking_connection
from workbench.application.config import load_settings
from workbench.container import Container, build_container

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
SETTINGS_SQL = (
    "SELECT current_setting('threads'), current_setting('memory_limit'), "
    "current_setting('temp_directory')"
)


def container_with(data_dir: Path, **env: str) -> Container:
    variables = {f"WORKBENCH_{key.upper()}": value for key, value in env.items()}
    return build_container(load_settings({"data_dir": data_dir}, env=variables))


def test_the_reader_and_the_checks_use_the_configured_resources(
    tmp_path: Path,
) -> None:
    spill = tmp_path / "spill"
    container = container_with(
        tmp_path / "data",
        duckdb_threads="1",
        duckdb_memory_limit="300MiB",
        duckdb_temp_directory=str(spill),
    )
    try:
        assert container.ingestion().ingest(FIXTURE).published
        threads, memory, temp = container.warehouse().rows(SETTINGS_SQL)[0]
        assert (threads, memory) == (1, "300.0 MiB")
        assert Path(temp).parent == spill
        resources = container.duckdb_resources()
        warehouse = container.settings().warehouse_path
        with checking_connection(warehouse, resources) as con:
            assert con.execute(SETTINGS_SQL).fetchone()[:2] == (1, "300.0 MiB")  # type: ignore[index]
    finally:
        container.shutdown_resources()


def test_a_build_over_its_memory_limit_fails_in_one_clear_line(tmp_path: Path) -> None:
    container = container_with(tmp_path / "data", duckdb_memory_limit="1MB")
    try:
        outcome = container.ingestion().ingest(FIXTURE)
    finally:
        container.shutdown_resources()
    assert outcome.status is RunStatus.FAILED
    assert "ran out of memory" in outcome.message
    assert "duckdb_memory_limit 1MB" in outcome.message
    assert "\n" not in outcome.message
    assert not list((tmp_path / "data").glob("**/*.duckdb*"))


def test_each_connection_spills_into_a_directory_of_its_own_removed_on_close(
    tmp_path: Path,
) -> None:
    resources = DuckDbResources(threads=1, memory_limit="64MiB", temp_directory=tmp_path / "t")
    first, second = connect_duckdb(resources), connect_duckdb(resources)
    folders = [Path(c.execute(SETTINGS_SQL).fetchone()[2]) for c in (first, second)]  # type: ignore[index]
    assert folders[0] != folders[1] and {f.parent for f in folders} == {tmp_path / "t"}
    # 4M hashes (about 200 MB) do not fit in 64 MiB: they spill
    first.execute("CREATE TABLE t AS SELECT md5(range::VARCHAR) s FROM range(4000000)")
    first.execute("CREATE TABLE sorted AS SELECT s FROM t ORDER BY s")
    assert folders[0].is_dir() and any(folders[0].iterdir())
    first.close()
    second.close()
    assert list((tmp_path / "t").iterdir()) == []
