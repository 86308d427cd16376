"""The start of every process: settle what runs of dead processes left behind.

The publish protocol's recovery step. A run is marked `publishing` before its snapshot is swapped
in, so a process killed at any instant leaves either a running run (nothing published: it is
interrupted) or a publishing one, settled by the stamp inside the published file: the run whose
snapshot is published is the run recorded as published. Half-built files and extracted source
folders of dead runs are removed.

Each run this start settles as interrupted is announced once as a RunFailed event (status
interrupted), so the alerts see a killed run as they see a failed one; the listeners only queue.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass

from domain.entities.ingestion_run import IngestionRun, RunStatus
from domain.errors import DataDirUnwritable, IngestionBusy
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import RunFailed, SnapshotPublished
from domain.repositories.metadata_store import MetadataStore
from workbench.application.ports import SnapshotPublisher

DIED_RUNNING = "The process running it stopped unexpectedly; nothing was published."

# Removes the extracted source folders of processes that are no longer alive; returns how many.
ExtractionCleaner = Callable[[Callable[[int], bool]], int]


@dataclass(frozen=True)
class Recovered:
    published: tuple[int, ...] = ()  # publishing runs whose snapshot is the published one
    interrupted: tuple[int, ...] = ()
    removed_files: int = 0


class StartupRecovery:
    def __init__(
        self,
        store: MetadataStore,
        snapshots: SnapshotPublisher,
        clean_extractions: ExtractionCleaner,
        warehouse_id: str,
        events: EventDispatcher | None = None,
    ) -> None:
        self._events = events  # told of a run settled as published, like a publish tells it
        self._store = store
        self._snapshots = snapshots
        self._clean_extractions = clean_extractions
        self._warehouse_id = warehouse_id

    def run(self) -> Recovered:
        with contextlib.ExitStack() as held:
            try:
                held.enter_context(self._snapshots.exclusive())
                idle = True
            except (IngestionBusy, DataDirUnwritable):
                idle = False
            return self._settle(idle)

    def _settle(self, idle: bool) -> Recovered:
        """`idle`: this process holds the data dir's ingestion lock, which every run of this
        warehouse holds from its start to its end: a run of it still marked running or
        publishing is then dead, even when its pid names a live process (pids are reused, and
        after a reboot soon). Other runs are judged by their pid."""
        host = socket.gethostname()
        dead = [
            run
            for run in self._store.list_runs(limit=200)
            if run.status in (RunStatus.RUNNING, RunStatus.PUBLISHING)
            and run.host == host
            and (
                not process_alive(run.pid)
                or (idle and bool(self._warehouse_id) and run.warehouse_id == self._warehouse_id)
            )
        ]
        published, interrupted = self._settle_publishing(
            [run for run in dead if run.status is RunStatus.PUBLISHING]
        )
        # One run at a time: the update only takes a run still `running`, so of two processes
        # starting at once only the one that settled a run announces it.
        running = tuple(
            run.run_id
            for run in dead
            if run.status is RunStatus.RUNNING
            and self._store.mark_interrupted([run.run_id], DIED_RUNNING)
        )
        for run_id, message in (*interrupted, *((run_id, DIED_RUNNING) for run_id in running)):
            self._announce(run_id, message)
        removed = self._remove_leftovers() if idle else 0
        return Recovered(published, (*(run_id for run_id, _ in interrupted), *running), removed)

    def _announce(self, run_id: int, message: str) -> None:
        if self._events is not None:
            self._events.publish(
                RunFailed(aggregate_id=str(run_id), status=RunStatus.INTERRUPTED, message=message)
            )

    def _settle_publishing(
        self, runs: list[IngestionRun]
    ) -> tuple[tuple[int, ...], tuple[tuple[int, str], ...]]:
        """(published run ids, (interrupted run id, why) pairs)."""
        mine = [run for run in runs if run.warehouse_id == self._warehouse_id]
        if not mine:  # another data dir's runs are settled by its own next start
            return (), ()
        stamp = self._snapshots.published_stamp()
        in_file = stamp.get("run_id", "")
        published: list[int] = []
        interrupted: list[tuple[int, str]] = []
        for run in mine:
            if in_file == str(run.run_id) and stamp.get("warehouse_id") == run.warehouse_id:
                self._store.finish_run(
                    run.run_id,
                    RunStatus.SUCCEEDED,
                    warehouse_path=run.warehouse_path,
                    as_of=run.as_of,
                    row_counts=run.row_counts,
                )
                published.append(run.run_id)
                self._tell_published(run)
            else:
                still = (
                    f"the published warehouse is still run #{in_file}'s"
                    if in_file
                    else "no warehouse is published"
                )
                why = (
                    "The process stopped while publishing, before its snapshot was "
                    f"swapped in; {still}."
                )
                self._store.finish_run(run.run_id, RunStatus.INTERRUPTED, error=why)
                self._snapshots.forget(run.run_id)
                interrupted.append((run.run_id, why))
        return tuple(published), tuple(interrupted)

    def _tell_published(self, run: IngestionRun) -> None:
        """What a publish announces (its segment snapshot is recorded on it), which the killed
        process never got to; a listener's failure is its own (the dispatcher reports it)."""
        if self._events is not None:
            self._events.publish(
                SnapshotPublished(
                    aggregate_id=str(run.run_id),
                    path=str(self._snapshots.warehouse_path),
                    as_of=run.as_of,
                    row_counts=run.row_counts,
                )
            )

    def _remove_leftovers(self) -> int:
        """Files of dead runs, while this process holds the data dir's ingestion lock."""
        return self._snapshots.clean_abandoned_builds(set()) + self._clean_extractions(
            process_alive
        )


def process_alive(pid: int) -> bool:
    """Whether a process of this host with this id runs (one we may not signal counts)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
