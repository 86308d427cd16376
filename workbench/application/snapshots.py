"""Kept snapshots: list them, verify them against the checksums taken at publish, restore one.

A checksum is taken of every snapshot when it is published (ChecksumRecorder, listening for
SnapshotPublished) and kept in the metadata store. A restore republishes a kept snapshot as a new
run, through the same protocol as an ingestion: under the data dir's ingestion lock, a copy is
built beside (stamped with the new run), the run is marked publishing, and the snapshot store
swaps it in with one atomic rename. The published warehouse is never absent: until the rename it
is the old file, from it on the restored one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from domain.entities.ingestion_run import IngestionRun, PipelineStep, RunStatus
from domain.entities.operations import SnapshotChecksum
from domain.entities.quality import FailingSample
from domain.errors import DomainError
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import RunFailed, RunStarted, SnapshotPublished
from domain.repositories.metadata_store import MetadataStore, QualityResultRecord
from workbench.application.errors import UsageError
from workbench.application.ports import SnapshotPublisher
from workbench.application.run_record import RunRecord


class SnapshotCorrupted(DomainError):
    """A kept snapshot's file no longer has the checksum it was published with."""


class ChecksumLog(Protocol):
    def record_checksum(self, checksum: SnapshotChecksum, warehouse_id: str) -> None: ...

    def checksums(self, warehouse_id: str = "") -> dict[int, SnapshotChecksum]: ...


class KeptSnapshot(Protocol):
    @property
    def run_id(self) -> int: ...

    @property
    def path(self) -> Path: ...


class SnapshotFiles(SnapshotPublisher, Protocol):
    """The snapshot store as restore sees it: the publisher, and the kept files."""

    def snapshots(self) -> Sequence[KeptSnapshot]: ...


Checksummer = Callable[[Path], tuple[str, int]]
Restamper = Callable[[Path, Path, Mapping[str, str]], None]


@dataclass(frozen=True)
class SnapshotInfo:
    run_id: int
    path: Path
    size_bytes: int
    published_at: datetime | None
    checksum: SnapshotChecksum | None
    published: bool  # the one the warehouse path holds now


@dataclass(frozen=True)
class Verification:
    run_id: int
    path: Path
    state: str  # ok, corrupted, unrecorded (published before checksums were taken), missing
    detail: str = ""

    @property
    def corrupted(self) -> bool:
        return self.state in ("corrupted", "missing")


@dataclass(frozen=True)
class Restored:
    run_id: int  # the new run that republished it
    restored_from: int
    path: Path
    warnings: tuple[str, ...] = ()


class ChecksumRecorder:
    """Takes the checksum of each snapshot as it is published, and records it."""

    def __init__(
        self,
        log: ChecksumLog,
        events: EventDispatcher,
        checksum: Checksummer,
        warehouse_id: str = "",
    ) -> None:
        self._log = log
        self._checksum = checksum
        self._warehouse_id = warehouse_id
        events.subscribe(SnapshotPublished, self.on_published)

    def on_published(self, event: SnapshotPublished) -> None:
        sha256, size = self._checksum(Path(event.path))
        self._log.record_checksum(
            SnapshotChecksum(int(event.aggregate_id), sha256, size), self._warehouse_id
        )


class SnapshotService:
    def __init__(
        self,
        store: MetadataStore,
        log: ChecksumLog,
        snapshots: SnapshotFiles,
        events: EventDispatcher,
        checksum: Checksummer,
        restamp: Restamper,
        warehouse_id: str = "",
    ) -> None:
        self._store = store
        self._log = log
        self._snapshots = snapshots
        self._events = events
        self._checksum = checksum
        self._restamp = restamp
        self._warehouse_id = warehouse_id

    def kept(self) -> list[SnapshotInfo]:
        """Kept snapshots, newest first, with when they were published and their checksum."""
        recorded = self._log.checksums(self._warehouse_id)
        published = self._published_run()
        found = []
        for kept in self._snapshots.snapshots():
            run = self._store.get_run(kept.run_id)
            try:
                size = kept.path.stat().st_size
            except OSError:
                size = 0
            found.append(
                SnapshotInfo(
                    kept.run_id,
                    kept.path,
                    size,
                    run.finished_at if run else None,
                    recorded.get(kept.run_id),
                    kept.run_id == published,
                )
            )
        return found

    def verify(self) -> list[Verification]:
        """Each kept snapshot's file against the checksum recorded when it was published."""
        recorded = self._log.checksums(self._warehouse_id)
        kept = self._snapshots.snapshots()
        checks = [self._verify(each, recorded.get(each.run_id)) for each in kept]
        published = self._store.latest_run(RunStatus.SUCCEEDED, self._warehouse_id)
        path = self._snapshots.warehouse_path
        if published is not None and not any(_same_file(k.path, path) for k in kept):
            # no hard link to a kept snapshot (a copy was kept instead): check the file itself
            checks.insert(
                0, self._verify(_File(published.run_id, path), recorded.get(published.run_id))
            )
        return checks

    def _verify(self, kept: KeptSnapshot, expected: SnapshotChecksum | None) -> Verification:
        try:
            sha256, size = self._checksum(kept.path)
        except OSError as error:
            return Verification(kept.run_id, kept.path, "missing", error.strerror or str(error))
        if expected is None:
            return Verification(
                kept.run_id, kept.path, "unrecorded", "no checksum was taken when it was published"
            )
        if sha256 != expected.sha256 or size != expected.size_bytes:
            return Verification(
                kept.run_id,
                kept.path,
                "corrupted",
                f"sha256 {sha256[:12]}… ({size:,} bytes), published as "
                f"{expected.sha256[:12]}… ({expected.size_bytes:,} bytes)",
            )
        return Verification(kept.run_id, kept.path, "ok", f"sha256 {sha256[:12]}…")

    def restore(self, run_id: int) -> Restored:
        """Republish the kept snapshot of `run_id` as a new run.

        A snapshot whose checksum does not match is refused (SnapshotCorrupted), never published.
        """
        with self._snapshots.exclusive():
            kept = next((s for s in self._snapshots.snapshots() if s.run_id == run_id), None)
            if kept is None:
                kept_ids = ", ".join(f"#{s.run_id}" for s in self._snapshots.snapshots())
                raise UsageError(
                    f"No kept snapshot of run #{run_id}"
                    + (f"; kept: {kept_ids}." if kept_ids else "; none is kept.")
                )
            check = self._verify(kept, self._log.checksums(self._warehouse_id).get(run_id))
            if check.corrupted:
                raise SnapshotCorrupted(
                    f"Snapshot of run #{run_id} ({kept.path}) is {check.state}: {check.detail}; "
                    "not restored, the published warehouse is unchanged."
                )
            warnings = []
            if check.state == "unrecorded":
                warnings.append(
                    f"snapshot of run #{run_id} has no recorded checksum (published before "
                    "checksums were taken): restored unverified"
                )
            return self._republish(kept, self._store.get_run(run_id), warnings)

    def _republish(
        self, kept: KeptSnapshot, old: IngestionRun | None, warnings: list[str]
    ) -> Restored:
        source = f"restore of run #{kept.run_id}"
        record = RunRecord.start(self._store, Path(source), self._warehouse_id)
        key = str(record.run_id)
        target = self._snapshots.build_path(record.run_id)
        self._events.publish(
            RunStarted(aggregate_id=key, source=source, steps=(PipelineStep.PUBLISH,))
        )
        as_of = old.as_of if old else None
        counts = dict(old.row_counts) if old else {}
        try:
            self._restamp(kept.path, target, {"run_id": key, "restored_from": str(kept.run_id)})
            results = self._store.results_for_run(kept.run_id)
            if results:  # the same data, so the same verdicts: the report shows the restored run's
                rows = self._store.failing_sample  # the failing rows it kept, moved along
                self._store.save_results(
                    [_moved(r, record.run_id, rows(r.run_id, r.rule_id)) for r in results]
                )
            record.publishing(self._snapshots.warehouse_path, as_of, counts)
            published = self._snapshots.publish(target, record.run_id)
            record.swapped()
        except BaseException as error:
            self._snapshots.discard(target)
            why = (
                str(error) if isinstance(error, DomainError) else f"{type(error).__name__}: {error}"
            )
            message = f"Restore of run #{kept.run_id} failed: {why}"
            record.finished(RunStatus.FAILED, message, PipelineStep.PUBLISH)
            self._events.publish(
                RunFailed(
                    aggregate_id=key,
                    status=RunStatus.FAILED,
                    message=message,
                    step=PipelineStep.PUBLISH,
                )
            )
            raise
        record.step_done(PipelineStep.PUBLISH, 0, 0.0, f"restored from run #{kept.run_id}")
        record.published(published, as_of, counts)
        warnings += record.warnings
        for failure in self._events.publish(
            SnapshotPublished(aggregate_id=key, path=str(published), as_of=as_of, row_counts=counts)
        ):
            warnings.append(
                f"{failure.handler} failed: {type(failure.error).__name__}: {failure.error}"
            )
        return Restored(record.run_id, kept.run_id, published, tuple(warnings))

    def _published_run(self) -> int | None:
        stamp = self._snapshots.published_stamp()
        try:
            return int(stamp.get("run_id", ""))
        except ValueError:
            return None


@dataclass(frozen=True)
class _File:
    run_id: int
    path: Path


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def _moved(
    result: QualityResultRecord, run_id: int, kept: FailingSample | None
) -> QualityResultRecord:
    return QualityResultRecord(
        run_id,
        result.rule_id,
        result.status,
        result.failing_count,
        result.severity,
        result.sample_keys,
        result.duration_ms,
        result.message,
        kept,
    )
