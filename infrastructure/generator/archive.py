"""Packs the generated files into a zip, nested in one folder, byte-identical for a seed."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # no wall-clock time in the archive: same seed, same bytes
_COPY_BUFFER = 1 << 20


def write_archive(target: Path, folder: str, files: Iterable[Path]) -> None:
    """Write `files` into `target` as `folder/<name>`, deflated (zip64 when large)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            entry = zipfile.ZipInfo(f"{folder}/{path.name}", date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            large = path.stat().st_size >= zipfile.ZIP64_LIMIT
            with path.open("rb") as source, archive.open(entry, "w", force_zip64=large) as sink:
                shutil.copyfileobj(source, sink, _COPY_BUFFER)
