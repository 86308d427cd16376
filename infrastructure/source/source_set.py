"""A source export opened for reading: the nine CSV files, from a folder or a safe zip extract."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from domain.entities.monitor import SourceColumn
from infrastructure.source.archive import ArchiveLimits, extract_source_files
from infrastructure.source.contract import SOURCE_FILES, SourceFile
from infrastructure.source.errors import SourceError
from infrastructure.source.fingerprint import fingerprint
from infrastructure.source.header_check import check_header


@dataclass(frozen=True)
class SourceSet:
    """The nine files of one export; valid only inside the open_source() block that made it."""

    origin: Path
    paths: Mapping[str, Path]  # contract table name -> CSV file

    def path(self, table: str) -> Path:
        return self.paths[table]

    def files(self) -> Iterator[tuple[SourceFile, Path]]:
        """Each contract file with its path, in contract order."""
        for source in SOURCE_FILES:
            yield source, self.paths[source.table]

    def validate(self) -> str:
        """Check each file's header, delimiter and encoding; raise SourceError on a fault.

        Returns what was checked, in words (files, bytes, headers); the values are checked as
        the files are staged."""
        checked, size = 0, 0
        for source, path in self.files():
            check_header(path, source)
            checked += 1
            size += path.stat().st_size
        return (
            f"{checked} files, {_size(size)}: {checked} headers match the contract "
            "(UTF-8, comma-separated)"
        )

    @property
    def size_bytes(self) -> int:
        """The bytes of the nine files together."""
        return sum(path.stat().st_size for _, path in self.files())

    def source_columns(self) -> tuple[SourceColumn, ...]:
        """Each file's columns as found, with the type a sample of its values reads as."""
        import duckdb  # the start-up's clean-up of dead extractions imports this module

        from infrastructure.source.source_columns import file_columns

        with duckdb.connect() as con:
            return tuple(
                c for source, path in self.files() for c in file_columns(con, source, path)
            )

    @cached_property
    def fingerprint(self) -> str:
        """Content hash of the nine files (same data from a folder or a zip gives the same hash)."""
        return fingerprint((source.file_name, path) for source, path in self.files())


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1e6:,.1f} MB"
    return f"{size / 1e3:,.1f} kB" if size >= 1_000 else f"{size} bytes"


@contextmanager
def open_source(
    path: Path, *, limits: ArchiveLimits | None = None, temp_dir: Path | None = None
) -> Iterator[SourceSet]:
    """Open a folder or .zip holding the nine Olist files (flat or in one subfolder).

    A zip is checked for unsafe paths and bombs, and only the nine files are extracted to a
    temporary folder removed on exit. Raises SourceError for a missing file or a bad archive.
    """
    if path.is_dir():
        yield _source_set(path, _find_in_folder(path))
    elif path.is_file() and (path.suffix.lower() == ".zip" or zipfile.is_zipfile(path)):
        prefix = f"{EXTRACTED_PREFIX}{os.getpid()}-"  # whose it is, for remove_dead_extractions
        with tempfile.TemporaryDirectory(prefix=prefix, dir=temp_dir) as extracted:
            wanted = [source.file_name for source in SOURCE_FILES]
            found = extract_source_files(path, wanted, Path(extracted), limits or ArchiveLimits())
            yield _source_set(path, found)
    elif path.exists():
        raise SourceError(
            f"{path} is neither a folder nor a .zip archive. "
            "Point to the folder holding the nine Olist CSV files or to the Kaggle zip."
        )
    else:
        raise SourceError(f"{path} does not exist. Check the path of the source folder or zip.")


def _find_in_folder(root: Path) -> dict[str, Path]:
    """The wanted files found in root, or in the one subfolder holding more of them."""
    folders = [root, *sorted(p for p in root.iterdir() if p.is_dir())]
    found_per_folder = [
        {
            s.file_name: folder / s.file_name
            for s in SOURCE_FILES
            if (folder / s.file_name).is_file()
        }
        for folder in folders
    ]
    return max(found_per_folder, key=len)


def _source_set(origin: Path, found: Mapping[str, Path]) -> SourceSet:
    missing = [s.file_name for s in SOURCE_FILES if s.file_name not in found]
    if missing:
        raise SourceError(
            f"{origin} is missing {len(missing)} of the {len(SOURCE_FILES)} Olist files: "
            f"{', '.join(missing)}. Add them, or point to the folder or zip holding all "
            f"{len(SOURCE_FILES)} files.",
            file_name=missing[0],
        )
    return SourceSet(origin, {s.table: found[s.file_name] for s in SOURCE_FILES})


EXTRACTED_PREFIX = "olist-source-"


def remove_dead_extractions(alive: Callable[[int], bool], temp_dir: Path | None = None) -> int:
    """Remove extracted source folders whose process is gone (killed before it could)."""
    root = Path(temp_dir or tempfile.gettempdir())
    removed = 0
    for folder in root.glob(f"{EXTRACTED_PREFIX}*"):
        pid = folder.name.removeprefix(EXTRACTED_PREFIX).split("-", 1)[0]
        if folder.is_dir() and pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
