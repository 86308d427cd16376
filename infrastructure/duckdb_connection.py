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
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # DuckDB loads with the first connection, not with the settings (first paint)
    import duckdb

_spill_numbers = itertools.count(1)
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(i?)B\s*$", re.IGNORECASE)
_MIB = 2**20
# What a build or a quality check holds beyond its input: DuckDB keeps every block it wrote or
# read cached up to its memory limit, though a written block is on disk and costs only a re-read
# from the OS page cache. Hash tables and sorts grow with the input, so the cap does too: by
# 0.4 of it, as a quarter ran out of memory at scale 100 (12.7 GB of CSV, a 4.0 GiB cap: fct_orders
# holds five hash joins of 10M orders at once, and DuckDB could not spill enough of them). The
# same models at scale 10 fail under a limit of 0.35x the input and pass, spilling, at 0.42x.
BASE_WORKING_MEMORY = 2**30
WORKING_MEMORY_PER_INPUT_BYTE = 0.4


def size_in_bytes(size: str) -> int | None:
    """The bytes of a size DuckDB reads ("8GB", "512MiB", "2 GiB"), or None if not of that form."""
    match = _SIZE.match(size)
    if match is None:
        return None
    number, prefix, binary = float(match[1]), match[2].upper(), bool(match[3])
    power = " KMGT".index(prefix) if prefix else 0
    return int(number * (1024 if binary else 1000) ** power)


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

    def for_input(self, input_bytes: int) -> DuckDbResources:
        """These resources with the memory limit lowered to what work on `input_bytes` of input
        needs (1 GiB + 0.4 of the input), when that is below the configured limit.

        Measured at scale 10 (1.27 GB of CSV): with the 8 GiB default the build's RSS reached
        2.0 GB, mostly cached blocks of tables it had already written; capped at 1 GB it peaked
        at 1.1 GB for the same CPU time."""
        configured = size_in_bytes(self.memory_limit)
        needed = BASE_WORKING_MEMORY + int(input_bytes * WORKING_MEMORY_PER_INPUT_BYTE)
        if configured is None or needed >= configured:
            return self
        return replace(self, memory_limit=f"{-(-needed // _MIB)}MiB")


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
    import duckdb

    return duckdb.connect(target, read_only=read_only, config=config)
