"""Exports: write a view or a frame to a file and record it in the metadata store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from domain.entities.ingestion_run import RunStatus
from workbench.application.errors import UsageError

if TYPE_CHECKING:  # polars loads when a frame is first built; the views and ports are only
    # named here, and the command line's parser (EXTENSIONS) must not wait for them
    import polars as pl

    from domain.repositories.metadata_store import MetadataStore
    from workbench.application.ports import FrameText, FrameWriter, WarehouseQueries
    from workbench.application.views import View

EXTENSIONS = {"csv": "csv", "parquet": "parquet", "json": "json", "md": "md"}


def output_dir(path: Path, flag: str = "--out", *, create: bool = True) -> Path:
    """The folder results go to, created now (unless not `create`: a run first decides whether
    anything is written): a usage error (one line) if it is a file or cannot be made."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{flag} {path} is a file: give a folder.")
    if not create:
        return path
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{flag} {path} cannot be created: {error.strerror}.") from None
    return path


@dataclass(frozen=True)
class ExportedFile:
    view: str
    path: Path
    rows: int


class ExportService:
    def __init__(
        self,
        store: MetadataStore,
        warehouse: WarehouseQueries,
        write: FrameWriter,
        text: FrameText,
        warehouse_id: str = "",
    ) -> None:
        self._warehouse_id = warehouse_id  # exports name the published run of this warehouse
        self._store = store
        self._warehouse = warehouse
        self._write = write
        self._text = text

    def text(self, frame: pl.DataFrame, fmt: str) -> str:
        """The frame as text for stdout (csv, json, md)."""
        return self._text(frame, fmt)

    def export_frame(
        self, name: str, frame: pl.DataFrame, fmt: str, path: Path, run_id: int | None = None
    ) -> ExportedFile:
        written = self._write(frame, path, fmt)
        if run_id is None:
            run_id = self._published_run_id()
        self._store.record_export(run_id, name, fmt, str(written), frame.height)
        return ExportedFile(name, written, frame.height)

    def export_views(
        self, views: tuple[View, ...], fmt: str, out_dir: Path, run_id: int | None = None
    ) -> list[ExportedFile]:
        """Every view to a file, recorded under `run_id` (default: the published run)."""
        if run_id is None:
            run_id = self._published_run_id()
        computed: dict[object, Mapping[str, pl.DataFrame]] = {}

        def frame(view: View) -> pl.DataFrame:
            if view.load_with_others is None:
                return view.load(self._warehouse)
            if view.load_with_others not in computed:
                computed[view.load_with_others] = view.load_with_others(self._warehouse)
            return computed[view.load_with_others][view.name]

        return [
            self.export_frame(
                view.name, frame(view), fmt, out_dir / f"{view.name}.{EXTENSIONS[fmt]}", run_id
            )
            for view in views
        ]

    def _published_run_id(self) -> int | None:
        published = self._store.latest_run(RunStatus.SUCCEEDED, self._warehouse_id)
        return published.run_id if published else None
