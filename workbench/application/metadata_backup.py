"""`workbench metadata backup FILE` / `restore FILE`: the store's whole content as one portable,
schema-versioned file, restorable into an empty store of either backend."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from domain.entities.operations import BackupSummary
from domain.repositories.metadata_store import MetadataStore

Transfer = Callable[[MetadataStore, Path], BackupSummary]


class MetadataBackupService:
    def __init__(self, store: MetadataStore, write: Transfer, read: Transfer) -> None:
        self._store = store
        self._write = write
        self._read = read

    def backup(self, path: Path) -> BackupSummary:
        return self._write(self._store, path)

    def restore(self, path: Path) -> BackupSummary:
        return self._read(self._store, path)
