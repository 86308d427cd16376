"""The one place DuckDB connections are opened: every one gets the configured resources.

`DuckDbResources` carries the memory limit, the threads and the spill directory (the composition
root fills it from the configuration). With a spill directory configured, each connection spills
into a subdirectory of its own there (DuckDB names its spill files alike in every database
instance, so two connections must not share one), which DuckDB removes when it closes; without
one, a build spills beside the file it writes (`<file>.tmp`, removed with a failed build's
leftovers) and a read-only connection uses DuckDB's own default.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

_spill_numbers = itertools.count(1)


@dataclass(frozen=True)
class DuckDbResources:
    threads: int = 2
    memory_limit: str = "2GB"  # any size DuckDB reads: "512MiB", "8GB", ...
    temp_directory: Path | None = None

    def spill_directory(self, beside: Path | None) -> Path | None:
        """Where one new connection spills: its own subdirectory of the configured directory,
        else `<beside>.tmp` for a connection writing the file `beside`, else DuckDB's default."""
        if self.temp_directory is not None:
            self.temp_directory.mkdir(parents=True, exist_ok=True)
            name = beside.name if beside is not None else "read"
            return self.temp_directory / f"{name}-{os.getpid()}-{next(_spill_numbers)}.tmp"
        if beside is not None:
            return beside.with_name(beside.name + ".tmp")
        return None


DEFAULT_RESOURCES = DuckDbResources()


def connect_duckdb(
    resources: DuckDbResources = DEFAULT_RESOURCES,
    database: Path | None = None,
    *,
    read_only: bool = False,
    writes: Path | None = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the configured threads, memory limit and spill directory.

    `database` None opens a private in-memory database (files are then ATTACHed to it);
    `writes` is the file this connection will build, so its spill lands beside it by default.
    """
    config: dict[str, Any] = {"threads": resources.threads, "memory_limit": resources.memory_limit}
    spill = resources.spill_directory(writes)
    if spill is not None:
        config["temp_directory"] = str(spill)
    target = ":memory:" if database is None else str(database)
    return duckdb.connect(target, read_only=read_only, config=config)
