"""Named SQL of the metadata store, read once from queries.sql and migrations/<dialect>/*.sql."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from infrastructure.sql_files import sql_file

_NAME = re.compile(r"^-- name: (\w+)\s*$", re.M)
_MIGRATION_FILE = re.compile(r"^(\d{4})_(\w+)\.sql$")


@cache
def named_queries(file: str = "queries.sql") -> dict[str, str]:
    """The `-- name: x` blocks of one .sql file of the metadata package, by name."""
    text = sql_file("infrastructure.metadata", file)
    parts = _NAME.split(text)[1:]
    return {name: body.strip() for name, body in zip(parts[::2], parts[1::2], strict=True)}


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def migrations(dialect: str) -> tuple[Migration, ...]:
    """Forward-only migrations of one dialect (its own folder plus `common/`), in version order."""
    found: dict[int, Migration] = {}
    for folder_name in ("common", dialect):
        folder = resources.files(__package__).joinpath("migrations", folder_name)
        for entry in folder.iterdir():
            match = _MIGRATION_FILE.match(entry.name)
            if not match:
                continue
            version = int(match[1])
            if version in found:
                raise ValueError(f"migration {version} exists twice ({folder_name}/{entry.name})")
            sql = sql_file("infrastructure.metadata", f"migrations/{folder_name}/{entry.name}")
            found[version] = Migration(version, match[2], sql)
    return tuple(found[version] for version in sorted(found))
