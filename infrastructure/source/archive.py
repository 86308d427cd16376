"""Safe extraction of the source CSVs from a zip: no path escapes, no decompression bombs."""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from infrastructure.source.errors import SourceError

_CHUNK = 1 << 20
_RATIO_CHECK_FROM_BYTES = 1 << 20  # tiny files compress absurdly well and are harmless


@dataclass(frozen=True)
class ArchiveLimits:
    """Refuse entries larger than max_entry_bytes once unpacked, or compressed suspiciously well."""

    max_entry_bytes: int = 2 * 1024**3
    max_compression_ratio: float = 200.0


def extract_source_files(
    archive: Path, wanted: Collection[str], dest: Path, limits: ArchiveLimits
) -> dict[str, Path]:
    """Extract the wanted files (flat or in one folder) into dest; return file name -> path."""
    try:
        with zipfile.ZipFile(archive) as zf:
            entries = zf.infolist()
            for entry in entries:
                _refuse_unsafe_name(archive, entry.filename)
            chosen = _entries_in_best_folder(entries, wanted)
            return {name: _extract(zf, entry, dest, limits) for name, entry in chosen.items()}
    except zipfile.BadZipFile as exc:
        raise SourceError(
            f"{archive.name} is not a readable zip archive ({exc}). "
            "Download the archive again or unzip it and point to the folder."
        ) from exc


def _refuse_unsafe_name(archive: Path, name: str) -> None:
    windows = PureWindowsPath(name)
    unsafe = (
        PurePosixPath(name).is_absolute()
        or windows.is_absolute()
        or bool(windows.drive)
        or name.startswith(("/", "\\"))
        or ".." in windows.parts
    )
    if unsafe:
        raise SourceError(
            f"{archive.name} contains an unsafe path {name!r} (absolute or with '..'): it could "
            "write outside the extraction folder, so the archive was refused. "
            "Use the original Olist archive or unzip it yourself and point to the folder.",
            file_name=archive.name,
            value=name,
        )


def _entries_in_best_folder(
    entries: list[zipfile.ZipInfo], wanted: Collection[str]
) -> dict[str, zipfile.ZipInfo]:
    """Group wanted files by folder (root or one level deep) and keep the folder holding most."""
    by_folder: dict[str, dict[str, zipfile.ZipInfo]] = {}
    for entry in entries:
        parts = PurePosixPath(entry.filename.replace("\\", "/")).parts
        if entry.is_dir() or len(parts) > 2 or parts[0] == "__MACOSX" or parts[-1] not in wanted:
            continue
        folder = parts[0] if len(parts) == 2 else ""
        by_folder.setdefault(folder, {})[parts[-1]] = entry
    if not by_folder:
        return {}
    best = max(sorted(by_folder), key=lambda folder: len(by_folder[folder]))
    return by_folder[best]


def _extract(
    zf: zipfile.ZipFile, entry: zipfile.ZipInfo, dest: Path, limits: ArchiveLimits
) -> Path:
    name = PurePosixPath(entry.filename).name
    too_big = (
        f"{name} in the archive unpacks to more than {limits.max_entry_bytes:,} bytes; refused as "
        "a possible zip bomb. Unzip it yourself and point to the folder if the file is genuine."
    )
    if entry.file_size > limits.max_entry_bytes:
        raise SourceError(too_big, file_name=name)
    ratio = entry.file_size / max(entry.compress_size, 1)
    if entry.file_size >= _RATIO_CHECK_FROM_BYTES and ratio > limits.max_compression_ratio:
        raise SourceError(
            f"{name} in the archive is compressed {ratio:.0f}:1 (limit "
            f"{limits.max_compression_ratio:.0f}:1); refused as a possible zip bomb. "
            "Unzip it yourself and point to the folder if the file is genuine.",
            file_name=name,
        )
    target = dest / name
    written = 0
    try:
        with zf.open(entry) as src, target.open("wb") as out:
            while chunk := src.read(_CHUNK):
                written += len(chunk)
                if written > limits.max_entry_bytes:  # the header may lie about the size
                    raise SourceError(too_big, file_name=name)
                out.write(chunk)
    except (RuntimeError, NotImplementedError, zipfile.BadZipFile) as exc:
        raise SourceError(
            f"{name} could not be extracted from the archive ({exc}). "
            "Unzip it with another tool and point to the folder.",
            file_name=name,
        ) from exc
    return target
