"""Configuration precedence, origins, validation messages and password masking."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.application.config import load_settings, machine_memory_limit, machine_threads
from workbench.application.errors import ConfigError
from workbench.application.secrets import masked_dsn


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_need_no_server_and_live_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings({"data_dir": tmp_path}, env={}, config_file=None)
    assert settings.metadata_backend == "sqlite"
    assert settings.warehouse_path == tmp_path / "warehouse.duckdb"
    assert settings.sqlite_path == tmp_path / "metadata.sqlite"
    assert settings.sources["snapshots_keep"] == "default"
    assert settings.snapshots_keep == 3


def test_flag_beats_env_beats_file_beats_default(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "snapshots_keep = 5\ndemo_seed = 7\ndemo_scale = 0.5\n")
    env = {"WORKBENCH_SNAPSHOTS_KEEP": "4", "WORKBENCH_DEMO_SEED": "8"}
    settings = load_settings(
        {"snapshots_keep": 9, "data_dir": tmp_path}, env=env, config_file=config
    )
    assert settings.snapshots_keep == 9 and settings.sources["snapshots_keep"] == "flag"
    assert settings.demo_seed == 8 and settings.sources["demo_seed"] == "env WORKBENCH_DEMO_SEED"
    assert settings.demo_scale == 0.5 and settings.sources["demo_scale"] == f"file {config}"
    assert settings.connect_timeout == 5 and settings.sources["connect_timeout"] == "default"
    assert settings.rule_time_limit == 120 and settings.sources["rule_time_limit"] == "default"


def test_workbench_section_and_env_config_path_are_honoured(tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", '[workbench]\nmetadata_dsn = "postgresql://a@h/db"\n')
    settings = load_settings({"data_dir": tmp_path}, env={"WORKBENCH_CONFIG": str(config)})
    assert settings.metadata_backend == "postgres"
    assert settings.config_file == config


def test_data_dir_moves_the_derived_defaults(tmp_path: Path) -> None:
    settings = load_settings({}, env={"WORKBENCH_DATA_DIR": str(tmp_path / "d")})
    assert settings.warehouse_path == tmp_path / "d" / "warehouse.duckdb"


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("snapshots_keep = 0\n", "Invalid value '0' for 'snapshots_keep' in "),
        ("demo_scale = -1\n", "expected a number from 0.001 to 100"),
        ("rule_time_limit = 0\n", "expected an integer from 1 to 86400 (seconds)"),
        ('metadata_dsn = "mysql://x"\n', "expected empty (SQLite), a postgresql:// URL"),
        ("colour = 'red'\n", "Unknown key 'colour'"),
        ("snapshots_keep = \n", "is not valid TOML"),
    ],
)
def test_invalid_file_names_file_key_and_what_is_allowed(
    tmp_path: Path, toml: str, fragment: str
) -> None:
    config = write(tmp_path / "bad.toml", toml)
    with pytest.raises(ConfigError) as caught:
        load_settings({"data_dir": tmp_path}, env={}, config_file=config)
    assert fragment in str(caught.value)
    assert str(config) in str(caught.value)


def test_missing_explicit_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings({}, env={}, config_file=tmp_path / "nope.toml")


def test_invalid_env_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="from env WORKBENCH_CONNECT_TIMEOUT"):
        load_settings({"data_dir": tmp_path}, env={"WORKBENCH_CONNECT_TIMEOUT": "soon"})


def test_passwords_are_masked_everywhere_they_are_shown(tmp_path: Path) -> None:
    dsn = "postgresql://analyst:hunter2@db.example:5432/meta"
    settings = load_settings({"data_dir": tmp_path, "metadata_dsn": dsn}, env={})
    shown = dict((key, value) for key, value, _ in settings.shown())
    masked = "user=analyst password=*** dbname=meta host=db.example port=5432"
    assert shown["metadata_dsn"] == masked
    assert "hunter2" not in settings.metadata_label
    assert masked_dsn("host=h password=hunter2 user=u") == "user=u password=*** host=h"
    assert masked_dsn("postgresql://u@h/db") == "user=u dbname=db host=h"


def test_invalid_dsn_in_message_is_masked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"data_dir": tmp_path}, env={"WORKBENCH_METADATA_DSN": "mysql://u:pw@h/d"})
    assert "pw" not in str(caught.value).replace("expected", "")


def test_the_keys_table_maps_binding_ids_to_keys(tmp_path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[workbench]\nsnapshots_keep = 2\n[keys]\n"app.quit" = "ctrl+q"\n')
    settings = load_settings(env={}, config_file=path)
    assert settings.keys == {"app.quit": "ctrl+q"} and settings.snapshots_keep == 2
    path.write_text('[keys]\n"app.quit" = "ctrl + q, f10"\n')
    assert load_settings(env={}, config_file=path).keys == {"app.quit": "ctrl+q,f10"}


def test_a_bad_key_is_named_with_its_id_and_file(tmp_path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"app.quit" = 5\n')
    with pytest.raises(ConfigError, match=r"Invalid key 5 for 'app.quit' in \[keys\] of .*config"):
        load_settings(env={}, config_file=path)


STORE_WAITS = {
    "connect_timeout": 5,
    "statement_timeout": 30,
    "pool_timeout": 10,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}


def test_every_wait_on_the_postgresql_store_has_a_default_and_is_configurable(
    tmp_path: Path,
) -> None:
    defaults = load_settings({"data_dir": tmp_path}, env={})
    assert {key: getattr(defaults, key) for key in STORE_WAITS} == STORE_WAITS
    config = write(
        tmp_path / "c.toml", "[workbench]\nstatement_timeout = 7\nkeepalives_count = 2\n"
    )
    env = {"WORKBENCH_POOL_TIMEOUT": "4", "WORKBENCH_KEEPALIVES_IDLE": "20"}
    settings = load_settings({"data_dir": tmp_path}, env=env, config_file=config)
    shown = {key: (value, origin) for key, value, origin in settings.shown()}
    assert shown["statement_timeout"] == ("7", f"file {config}")
    assert shown["keepalives_count"] == ("2", f"file {config}")
    assert shown["pool_timeout"] == ("4", "env WORKBENCH_POOL_TIMEOUT")
    assert shown["keepalives_idle"] == ("20", "env WORKBENCH_KEEPALIVES_IDLE")
    assert shown["keepalives_interval"] == ("5", "default")


@pytest.mark.parametrize("key", list(STORE_WAITS))
def test_a_store_wait_below_one_second_is_refused(tmp_path: Path, key: str) -> None:
    with pytest.raises(
        ConfigError, match=f"for '{key}' from env WORKBENCH_{key.upper()}: expected"
    ):
        load_settings({"data_dir": tmp_path}, env={f"WORKBENCH_{key.upper()}": "0"})


def test_duckdb_resources_default_to_the_machine(tmp_path: Path) -> None:
    settings = load_settings({"data_dir": tmp_path}, env={})
    assert settings.duckdb_threads == machine_threads() >= 1
    assert settings.duckdb_memory_limit == machine_memory_limit()
    assert settings.duckdb_temp_directory is None
    shown = {key: (value, origin) for key, value, origin in settings.shown()}
    assert shown["duckdb_threads"] == (str(machine_threads()), "default")
    assert shown["duckdb_temp_directory"] == ("", "default")


def test_machine_memory_limit_is_a_third_of_ram_within_bounds() -> None:
    limit = machine_memory_limit()
    number, unit = float(limit[:-3]), limit[-3:]
    mib = number * (1024 if unit == "GiB" else 1)
    assert unit in ("GiB", "MiB") and 256 <= mib <= 8 * 1024


def test_duckdb_resources_from_file_and_env(tmp_path: Path) -> None:
    config = write(
        tmp_path / "c.toml",
        f'[workbench]\nduckdb_memory_limit = "3 gb"\nduckdb_temp_directory = "{tmp_path}/spill"\n',
    )
    settings = load_settings(
        {"data_dir": tmp_path}, env={"WORKBENCH_DUCKDB_THREADS": "1"}, config_file=config
    )
    assert settings.duckdb_memory_limit == "3GB"
    assert settings.duckdb_threads == 1
    assert settings.duckdb_temp_directory == tmp_path / "spill"
    assert settings.sources["duckdb_threads"] == "env WORKBENCH_DUCKDB_THREADS"


@pytest.mark.parametrize(
    ("key", "raw", "allowed"),
    [
        ("DUCKDB_MEMORY_LIMIT", "lots", 'a size such as "4GB" or "512MiB"'),
        ("DUCKDB_MEMORY_LIMIT", "0GB", 'a size such as "4GB" or "512MiB"'),
        ("DUCKDB_MEMORY_LIMIT", "80%", 'a size such as "4GB" or "512MiB"'),
        ("DUCKDB_THREADS", "0", "an integer >= 1"),
    ],
)
def test_invalid_duckdb_resources_name_the_variable(
    tmp_path: Path, key: str, raw: str, allowed: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"data_dir": tmp_path}, env={f"WORKBENCH_{key}": raw})
    assert f"from env WORKBENCH_{key}: expected {allowed}." in str(caught.value)


def test_the_sql_consoles_fetch_limit_is_a_setting(tmp_path: Path) -> None:
    default = load_settings({"data_dir": tmp_path}, env={}, config_file=None)
    assert default.sql_fetch_limit == 10_000 and default.sources["sql_fetch_limit"] == "default"
    assert ("sql_fetch_limit", "10000", "default") in default.shown()
    config = write(tmp_path / "c.toml", "sql_fetch_limit = 500\n")
    assert load_settings({"data_dir": tmp_path}, env={}, config_file=config).sql_fetch_limit == 500
    env = {"WORKBENCH_SQL_FETCH_LIMIT": "250"}
    assert load_settings({"data_dir": tmp_path}, env=env, config_file=None).sql_fetch_limit == 250
    with pytest.raises(
        ConfigError, match=r"'sql_fetch_limit' in .*expected an integer >= 1 \(rows\)"
    ):
        load_settings(
            {"data_dir": tmp_path}, env={}, config_file=write(config, "sql_fetch_limit = 0\n")
        )


def test_a_warehouse_name_is_its_identity_and_must_be_printable(tmp_path: Path) -> None:
    named = load_settings({"data_dir": tmp_path}, env={"WORKBENCH_WAREHOUSE_NAME": " nightly "})
    assert named.warehouse_id == "nightly"
    unnamed = load_settings({"data_dir": tmp_path}, env={})
    assert unnamed.warehouse_id.endswith(f":{(tmp_path / 'warehouse.duckdb').resolve()}")
    for bad in ("night\x1b[2Jly", "x" * 201):
        with pytest.raises(ConfigError, match="for 'warehouse_name' from env"):
            load_settings({"data_dir": tmp_path}, env={"WORKBENCH_WAREHOUSE_NAME": bad})
