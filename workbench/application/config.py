"""Effective configuration: CLI flags > WORKBENCH_* environment > TOML file > defaults.

Every value remembers where it came from, so `workbench config show` can say so.
"""

from __future__ import annotations

import os
import re
import socket
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from domain.entities.quality import KEPT_FAILING_ROWS
from domain.value_objects.purchase_window import DEFAULT_TOLERANCE_DAYS
from workbench.application.alerts import ALERTS_TABLE, AlertSettings, alert_settings
from workbench.application.config_paths import check_paths
from workbench.application.demo import SCALE_RULE, SEED_RULE, dataset_scale, dataset_seed
from workbench.application.errors import ConfigError
from workbench.application.secrets import mask, masked_dsn, read_dsn, remember_secrets

APP_NAME = "olist-workbench"
ENV_PREFIX = "WORKBENCH_"


def _positive_int(raw: Any) -> int:
    if isinstance(raw, bool | float):  # TOML `true` or `2.5` is no count
        raise ValueError
    value = int(raw)
    if value < 1:
        raise ValueError
    return value


def _whole_days(raw: Any) -> int:
    """A count of days, 0 or more, given as a whole number (1.5 is refused, not rounded)."""
    if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
        raise ValueError
    value = int(raw)
    if value < 0:
        raise ValueError
    return value


def _row_cap(raw: Any) -> int:
    """Rows kept per rule per run: 0 to 1000 (each run stores them for every failing rule)."""
    value = _whole_days(raw)
    if value > 1000:
        raise ValueError
    return value


def _switch(raw: Any) -> bool:
    """On or off: TOML true/false, or true/false/yes/no/on/off/1/0 in the environment."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise ValueError


def _seconds(raw: Any) -> int:
    """Whole seconds from 1 to a day: beyond that a limit is no limit, and drivers overflow."""
    value = _positive_int(raw)
    if value > 86_400:
        raise ValueError
    return value


def _path(raw: Any) -> Path:
    """A path; an empty one would silently mean the current directory."""
    text = str(raw)
    if not text.strip():
        raise ValueError
    return Path(text).expanduser()


def _dsn(raw: Any) -> str:
    """Empty (SQLite) or a connection string libpq reads; its reason never quotes the DSN."""
    text = str(raw).strip()
    if text:
        read_dsn(text)
    return text


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)\s*$", re.IGNORECASE)
_GIB = 2**30


def _warehouse_name(raw: Any) -> str:
    """Empty, or a name of up to 200 printable characters (`runs --all` and alerts show it)."""
    text = str(raw).strip()
    if len(text) > 200 or not text.isprintable():
        raise ValueError
    return text


def _memory_size(raw: Any) -> str:
    """A size DuckDB reads, e.g. "8GB" or "512MiB" (1000- or 1024-based units)."""
    match = _SIZE.match(str(raw))
    if match is None or float(match[1]) <= 0:
        raise ValueError
    number, unit = match[1], match[2].upper().replace("I", "i")
    return f"{number}{unit}"


def _optional_path(raw: Any) -> Path | None:
    text = str(raw).strip()
    return Path(text).expanduser() if text else None


def machine_threads() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def machine_memory_limit() -> str:
    """A third of the machine's RAM, at least 256 MiB and at most 8 GiB: the TUI, polars and the
    other programs of an analyst's machine keep the rest."""
    try:
        ram = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # not on a POSIX system
        return "2GiB"
    mib = max(256, min(ram // 3, 8 * _GIB) // 2**20)
    return f"{mib // 1024}GiB" if mib % 1024 == 0 else f"{mib}MiB"


@dataclass(frozen=True)
class Option:
    """One configurable key: its parser, what it allows (for messages) and its default."""

    key: str
    parse: Callable[[Any], Any]
    allowed: str
    default: Callable[[dict[str, Any]], Any]
    help: str


def _data_dir_default(_: dict[str, Any]) -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


OPTIONS: tuple[Option, ...] = (
    Option(
        "data_dir",
        _path,
        "a directory path",
        _data_dir_default,
        "where the warehouse, demo data and SQLite metadata live",
    ),
    Option(
        "warehouse_path",
        _path,
        "a file path",
        lambda v: v["data_dir"] / "warehouse.duckdb",
        "the published DuckDB warehouse",
    ),
    Option(
        "warehouse_name",
        _warehouse_name,
        "empty, or a name of up to 200 printable characters",
        lambda v: "",
        "this warehouse's name in the metadata store, kept when its data dir moves or its host "
        "is renamed (empty: the host and the warehouse file's path); one name per data dir",
    ),
    Option(
        "metadata_dsn",
        _dsn,
        "empty (SQLite), a postgresql:// URL or libpq key=value pairs",
        lambda v: "",
        "team PostgreSQL metadata store; empty means the embedded SQLite file",
    ),
    Option(
        "sqlite_path",
        _path,
        "a file path",
        lambda v: v["data_dir"] / "metadata.sqlite",
        "the embedded SQLite metadata file",
    ),
    Option(
        "snapshots_keep",
        _positive_int,
        "an integer >= 1",
        lambda v: 3,
        "how many published warehouse snapshots to keep",
    ),
    Option(
        "demo_scale",
        dataset_scale,
        SCALE_RULE,
        lambda v: 0.1,
        "size of the generated demo dataset (1 = real size)",
    ),
    Option(
        "demo_seed", dataset_seed, SEED_RULE, lambda v: 42, "seed of the generated demo dataset"
    ),
    Option(
        "connect_timeout",
        _seconds,
        "an integer from 1 to 86400 (seconds)",
        lambda v: 5,
        "how long to wait for PostgreSQL before giving up",
    ),
    Option(
        "statement_timeout",
        _positive_int,
        "an integer >= 1 (seconds)",
        lambda v: 30,
        "how long one PostgreSQL statement may run; with no answer for this plus "
        "connect_timeout the store counts as lost",
    ),
    Option(
        "pool_timeout",
        _positive_int,
        "an integer >= 1 (seconds)",
        lambda v: 10,
        "how long to wait for a working PostgreSQL connection from the pool",
    ),
    Option(
        "keepalives_idle",
        _positive_int,
        "an integer >= 1 (seconds)",
        lambda v: 10,
        "TCP keepalive: seconds of silence before PostgreSQL's connection is probed",
    ),
    Option(
        "keepalives_interval",
        _positive_int,
        "an integer >= 1 (seconds)",
        lambda v: 5,
        "TCP keepalive: seconds between unanswered probes",
    ),
    Option(
        "keepalives_count",
        _positive_int,
        "an integer >= 1",
        lambda v: 3,
        "TCP keepalive: unanswered probes before the connection counts as dead",
    ),
    Option(
        "rule_time_limit",
        _seconds,
        "an integer from 1 to 86400 (seconds)",
        lambda v: 120,
        "how long one quality rule may run before it is stopped and counted as an error",
    ),
    Option(
        "purchase_date_tolerance_days",
        _whole_days,
        "a whole number of days >= 0",
        lambda v: DEFAULT_TOLERANCE_DAYS,
        "how long after the export's latest recorded event a purchase date is still plausible",
    ),
    Option(
        "duckdb_memory_limit",
        _memory_size,
        'a size such as "4GB" or "512MiB"',
        lambda v: machine_memory_limit(),
        "memory each DuckDB connection may use before it spills (default: 1/3 of RAM, <= 8 GiB)",
    ),
    Option(
        "duckdb_threads",
        _positive_int,
        "an integer >= 1",
        lambda v: machine_threads(),
        "threads each DuckDB connection may use (default: the machine's cores)",
    ),
    Option(
        "duckdb_temp_directory",
        _optional_path,
        "a directory path, or empty",
        lambda v: None,
        "where DuckDB spills what does not fit in memory; empty: beside the file a build writes",
    ),
    Option(
        "dagster_drop_dir",
        _path,
        "a directory path",
        lambda v: v["data_dir"] / "drop",
        "where Dagster's drop_folder sensor looks for new exports (a folder of the nine CSVs "
        "or a .zip)",
    ),
    Option(
        "status_max_age_hours",
        _positive_int,
        "an integer >= 1 (hours)",
        lambda v: 26,
        "`workbench status` is unhealthy when the published snapshot is older than this",
    ),
    Option(
        "quality_sample_rows",
        _row_cap,
        "a whole number from 0 to 1000",
        lambda v: KEPT_FAILING_ROWS,
        "failing rows kept per rule per run, to open a past run's failures (0 keeps none)",
    ),
    Option(
        "sql_fetch_limit",
        _positive_int,
        "an integer >= 1 (rows)",
        lambda v: 10_000,
        "rows the SQL console's result table holds at most (it tells the true total; "
        "exports write every row)",
    ),
    Option(
        "kpi_load_ahead",
        _switch,
        "true or false",
        lambda v: True,
        "the KPI screen loads the views not shown yet in the background, one at a time, once "
        "the view shown is painted (false: each view loads when shown)",
    ),
)
OPTION_BY_KEY = {o.key: o for o in OPTIONS}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    warehouse_path: Path
    metadata_dsn: str
    sqlite_path: Path
    snapshots_keep: int
    demo_scale: float
    demo_seed: int
    connect_timeout: int
    statement_timeout: int
    pool_timeout: int
    keepalives_idle: int
    keepalives_interval: int
    keepalives_count: int
    rule_time_limit: int
    purchase_date_tolerance_days: int
    duckdb_memory_limit: str
    duckdb_threads: int
    duckdb_temp_directory: Path | None
    status_max_age_hours: int
    dagster_drop_dir: Path
    quality_sample_rows: int
    sql_fetch_limit: int
    kpi_load_ahead: bool
    warehouse_name: str = ""
    config_file: Path | None = None
    sources: Mapping[str, str] = field(default_factory=dict)
    keys: Mapping[str, str] = field(default_factory=dict)  # binding id -> key(s), from [keys]
    alerts: AlertSettings = field(default_factory=AlertSettings)  # from [alerts]

    @property
    def warehouse_id(self) -> str:
        """The warehouse's identity in the metadata store: its runs, results and snapshots are
        this warehouse's history. Its `warehouse_name` when set, else this host and the file's
        absolute path (a data dir moved, or a host renamed, as containers are at each start,
        then begins a new history)."""
        return self.warehouse_name or f"{socket.gethostname()}:{self.warehouse_path.resolve()}"

    @property
    def metadata_backend(self) -> str:
        return "postgres" if self.metadata_dsn else "sqlite"

    @property
    def metadata_label(self) -> str:
        """Where metadata lives, safe to show (password masked)."""
        if self.metadata_dsn:
            return f"PostgreSQL {masked_dsn(self.metadata_dsn)}"
        return f"SQLite {self.sqlite_path}"

    def shown(self) -> list[tuple[str, str, str]]:
        """(key, value, origin) rows for `config show`, with any DSN password masked."""
        rows = []
        for option in OPTIONS:
            value = getattr(self, option.key)
            text = (
                masked_dsn(value)
                if option.key == "metadata_dsn" and value
                else ("" if value is None else str(value))
            )
            rows.append((option.key, text, self.sources[option.key]))
        return rows


def default_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def load_settings(
    flags: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Resolve every option by precedence; ConfigError names file, key and what is allowed."""
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    env = os.environ if env is None else env
    explicit_file = config_file is not None or f"{ENV_PREFIX}CONFIG" in env
    path = config_file or Path(env.get(f"{ENV_PREFIX}CONFIG", "") or default_config_file())
    file_values = _read_toml(path, must_exist=explicit_file)
    keys = _keys(file_values.pop(KEYS_TABLE, {}), path)
    alerts = alert_settings(file_values.pop(ALERTS_TABLE, {}), path)

    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for option in OPTIONS:
        env_key = ENV_PREFIX + option.key.upper()
        if option.key in flags:
            raw, origin = flags[option.key], "flag"
        elif env_key in env:
            raw, origin = env[env_key], f"env {env_key}"
        elif option.key in file_values:
            raw, origin = file_values[option.key], f"file {path}"
        else:
            values[option.key] = option.default(values)
            sources[option.key] = "default"
            continue
        if option.key == "metadata_dsn":
            remember_secrets(str(raw).strip(), env)
        try:
            values[option.key] = option.parse(raw)
        except (TypeError, ValueError) as error:
            where = f"in {path}" if origin.startswith("file") else f"from {origin}"
            raise ConfigError(_invalid(option, raw, where, error)) from None
        sources[option.key] = origin
    remember_secrets("", env)
    check_paths(values, sources)
    return Settings(
        **values,
        config_file=path if path.exists() else None,
        sources=sources,
        keys=keys,
        alerts=alerts,
    )


def _invalid(option: Option, raw: Any, where: str, error: Exception) -> str:
    """One line: the value (a DSN never: libpq's reason instead), the key, what is allowed."""
    if option.key == "metadata_dsn":
        return f"Invalid value for '{option.key}' {where}: {error}; expected {option.allowed}."
    shown = mask(repr(str(raw)))
    return f"Invalid value {shown} for '{option.key}' {where}: expected {option.allowed}."


def _read_toml(path: Path, *, must_exist: bool) -> dict[str, Any]:
    if not path.exists():
        if must_exist:
            raise ConfigError(f"Config file {path} does not exist.")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"Config file {path} is not valid TOML: {error}.") from None
    except OSError as error:
        raise ConfigError(f"Config file {path} cannot be read: {error.strerror}.") from None
    chosen = data.get("workbench", data)
    if not isinstance(chosen, dict):
        raise ConfigError(f"In {path}, [workbench] must be a table of keys, not {chosen!r}.")
    section = dict(chosen)
    for table in (KEYS_TABLE, ALERTS_TABLE):
        if table in data:
            section[table] = data[table]
    unknown = sorted(set(section) - set(OPTION_BY_KEY) - {KEYS_TABLE, ALERTS_TABLE})
    if unknown:
        allowed = ", ".join([*OPTION_BY_KEY, f"[{KEYS_TABLE}]", f"[{ALERTS_TABLE}]"])
        raise ConfigError(f"Unknown key {unknown[0]!r} in {path}: allowed keys are {allowed}.")
    return section


KEYS_TABLE = "keys"
_KEY = re.compile(r"^[A-Za-z0-9_+\-]+(,[A-Za-z0-9_+\-]+)*$")


def _keys(table: Any, path: Path) -> dict[str, str]:
    """The [keys] table: binding id -> key (Textual key names, several separated by commas).
    Which ids exist is checked by the app, which knows its bindings."""
    if not isinstance(table, dict):
        raise ConfigError(f'[{KEYS_TABLE}] in {path} must be a table of binding id = "key".')
    keys = {}
    for binding_id, key in table.items():
        text = key.replace(" ", "") if isinstance(key, str) else ""
        if not _KEY.match(text):
            raise ConfigError(
                f"Invalid key {key!r} for {binding_id!r} in [{KEYS_TABLE}] of {path}: expected "
                'a key name such as "w", "ctrl+s" or "f5,ctrl+r".'
            )
        keys[binding_id] = text
    return keys
