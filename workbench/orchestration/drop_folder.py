"""The exports waiting in the drop folder, and which of them a sensor has not started a run for.

An export is a folder holding the nine CSVs or a .zip; one still being copied is not complete
yet (a file missing, or a zip without its central directory, which is written last) and is left
for a later tick. Each export is known by a signature: its name, its newest modification time
and its size, so a re-copied or changed export is new while the same one is never new twice.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DroppedExport:
    path: Path
    signature: str
    modified_ns: int


def dropped_exports(drop_dir: Path, file_names: Collection[str]) -> list[DroppedExport]:
    """The complete exports in `drop_dir`, oldest first; none when the folder does not exist."""
    if not drop_dir.is_dir():
        return []
    exports = []
    for entry in sorted(drop_dir.iterdir()):
        files = _export_files(entry, file_names)
        if files:
            stats = [file.stat() for file in files]
            modified = max(stat.st_mtime_ns for stat in stats)
            size = sum(stat.st_size for stat in stats)
            exports.append(DroppedExport(entry, f"{entry.name}@{modified}:{size}", modified))
    return sorted(exports, key=lambda export: (export.modified_ns, export.path.name))


def _export_files(entry: Path, file_names: Collection[str]) -> list[Path]:
    if entry.is_file() and entry.suffix.lower() == ".zip":
        return [entry] if zipfile.is_zipfile(entry) else []
    if entry.is_dir():
        files = [entry / name for name in file_names]
        return files if all(file.is_file() for file in files) else []
    return []


@dataclass(frozen=True)
class SensorTick:
    """What one evaluation decides: the export to ingest (if any) and the cursor to keep."""

    export: DroppedExport | None
    cursor: str


def next_tick(exports: Iterable[DroppedExport], cursor: str | None) -> SensorTick:
    """The newest export not seen before, and a cursor naming every export seen.

    An export is a full copy of the data, so only the newest new one is run (older ones
    dropped at the same time are superseded by it). The cursor keeps the signatures of the
    exports still in the folder, so it stays as small as the folder.
    """
    present = list(exports)
    seen = set(json.loads(cursor)) if cursor else set()
    new = [export for export in present if export.signature not in seen]
    kept = sorted({export.signature for export in present} & (seen | {e.signature for e in new}))
    return SensorTick(new[-1] if new else None, json.dumps(kept))
