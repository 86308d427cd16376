"""The warehouse, the SQLite metadata file and the data dir must not collide.

Checked when the configuration is read, before anything is written: a warehouse pointed at the
metadata file (or the other way round) would be overwritten by the next publish, and a file path
that names a directory fails only half-way through a run.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workbench.application.errors import ConfigError

_FILES = ("warehouse_path", "sqlite_path")


def check_paths(values: Mapping[str, Any], sources: Mapping[str, str]) -> None:
    """ConfigError (one line, naming the keys, their origins and the path) on any collision."""

    def named(key: str) -> str:
        return f"'{key}' ({sources[key]})"

    data_dir = Path(values["data_dir"])
    if data_dir.exists() and not data_dir.is_dir():
        raise ConfigError(f"{named('data_dir')} is {data_dir}, which is a file: give a directory.")
    for key in _FILES:
        path = Path(values[key])
        if path.is_dir() or _same(path, data_dir):
            raise ConfigError(f"{named(key)} is {path}, which is a directory: give a file path.")
    warehouse, sqlite = (Path(values[key]) for key in _FILES)
    if _same(warehouse, sqlite):
        raise ConfigError(
            f"{named('warehouse_path')} and {named('sqlite_path')} are the same file "
            f"({warehouse}): the warehouse and the metadata store need a file each."
        )


def _same(one: Path, other: Path) -> bool:
    """The same place once `..`, symbolic links and relative paths are resolved."""
    return one.resolve() == other.resolve()
