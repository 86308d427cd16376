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
# How each file the workbench keeps starts (its format's magic bytes, at an offset): an existing
# file that starts otherwise is someone else's, and a publish or a migration would overwrite it.
_FORMATS = {
    "warehouse_path": ("DuckDB", 8, b"DUCK"),
    "sqlite_path": ("SQLite", 0, b"SQLite format 3"),
}


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
    for key in _FILES:
        kind, offset, magic = _FORMATS[key]
        path = Path(values[key])
        if not _starts_with(path, offset, magic):
            raise ConfigError(
                f"{named(key)} is {path}, which is not a {kind} file: the workbench would "
                "overwrite it. Give a new path or the workbench's own file."
            )


def _starts_with(path: Path, offset: int, magic: bytes) -> bool:
    """True for a file of that format, and for a path with nothing (or an empty file) there."""
    try:
        with path.open("rb") as handle:
            head = handle.read(offset + len(magic))
    except FileNotFoundError:
        return True
    except OSError:  # unreadable: the store or the reader will say why, in its own words
        return True
    return not head or head[offset:] == magic


def _same(one: Path, other: Path) -> bool:
    """The same place once `..`, symbolic links and relative paths are resolved."""
    return one.resolve() == other.resolve()
