"""The configured DuckDB resources reach every connection the workbench opens, build included."""

from __future__ import annotations

from pathlib import Path

from domain.entities.ingestion_run import RunStatus
from infrastructure.duckdb_connection import DuckDbResources, connect_duckdb, size_in_bytes
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


def test_work_on_a_small_input_is_capped_below_a_large_configured_limit() -> None:
    """A build or check keeps what its input needs, not every block it wrote (RSS at scale 10)."""
    configured = DuckDbResources(threads=2, memory_limit="8GiB")
    capped = configured.for_input(1_270_000_000)  # scale 10: 1.27 GB of CSV
    assert capped.memory_limit == "1509MiB"
    assert (capped.threads, capped.temp_directory) == (2, None)
    con = connect_duckdb(capped)
    try:
        assert con.execute("SELECT current_setting('memory_limit')").fetchone() == ("1.4 GiB",)
    finally:
        con.close()
    assert configured.for_input(40_000_000_000) is configured  # never above the configured limit
    small = DuckDbResources(memory_limit="300MiB")
    assert small.for_input(10) is small
    unusual = DuckDbResources(memory_limit="80%")  # a form not parsed here: left as configured
    assert unusual.for_input(10) is unusual


def test_sizes_are_read_in_decimal_and_binary_units() -> None:
    assert size_in_bytes("8GB") == 8_000_000_000
    assert size_in_bytes("512MiB") == 512 * 2**20
    assert size_in_bytes("1.5 GiB") == int(1.5 * 2**30)
    assert size_in_bytes("10B") == 10
    assert size_in_bytes("lots") is None
