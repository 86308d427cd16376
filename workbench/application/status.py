"""What the status line says: which snapshot is loaded (run, as-of, rows) and which store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from domain.entities.ingestion_run import IngestionRun, RunStatus
from domain.entities.quality import RuleStatus, Severity
from domain.errors import WarehouseNotPublished
from domain.repositories.metadata_store import MetadataStore
from workbench.application.ports import WarehouseQueries
from workbench.application.runs import RunHistoryService


@dataclass(frozen=True)
class LoadedSnapshot:
    run_id: int
    as_of: datetime | None
    orders: int
    items: int
    customers: int


@dataclass(frozen=True)
class StatusInfo:
    warehouse: str
    store: str
    loaded: LoadedSnapshot | None
    published: IngestionRun | None
    latest: IngestionRun | None
    problem: str = ""  # why no snapshot could be loaded, when one was published

    def describe(self, width: int | None = None) -> str:
        """The status as one line; within `width` characters, the parts that fit, the most
        telling first: the snapshot, a newer one to load, the last run, then the counts, the
        warehouse and the store (a part that does not fit is left out whole; only the snapshot, when
        it alone is wider, is cut with "…")."""
        parts = self._parts()
        if width is None:
            return " · ".join(text for _, text in parts)
        kept: set[int] = set()
        for index in sorted(range(len(parts)), key=lambda i: parts[i][0]):
            trial = kept | {index}
            if index == 0 or len(" · ".join(parts[i][1] for i in sorted(trial))) <= width:
                kept = trial
        line = " · ".join(parts[i][1] for i in sorted(kept))
        return line if len(line) <= width else line[: max(width - 1, 0)] + "…"

    def _parts(self) -> list[tuple[int, str]]:
        """(rank, text) of each part in the order shown; rank 0 is the most telling."""
        parts = [(0, self._snapshot())]
        if self.loaded is not None:
            snap = self.loaded
            parts.append(
                (3, f"{snap.orders:,} orders, {snap.items:,} items, {snap.customers:,} customers")
            )
        if (
            self.published is not None
            and not self.problem
            and (self.loaded is None or self.published.run_id > self.loaded.run_id)
        ):
            parts.append((1, f"newer snapshot #{self.published.run_id} published: ctrl+r loads it"))
        if self.latest is not None and self.latest.run_id not in (
            self.published.run_id if self.published else None,
            self.loaded.run_id if self.loaded else None,
        ):
            parts.append((2, f"last run #{self.latest.run_id} {self.latest.status}"))
        parts += [(4, f"warehouse {self.warehouse}"), (5, self.store)]
        return parts

    def _snapshot(self) -> str:
        if self.loaded is None:
            return (
                f"no snapshot loaded: {self.problem}"
                if self.problem
                else ("no snapshot published yet")
            )
        snap = self.loaded
        as_of = f"as of {snap.as_of:%Y-%m-%d}" if snap.as_of else "as of ?"
        return f"snapshot run #{snap.run_id} {as_of}"


UNHEALTHY_RUNS = (RunStatus.FAILED, RunStatus.BLOCKED, RunStatus.INTERRUPTED)


@dataclass(frozen=True)
class Health:
    """What `workbench status` reports for cron checks and monitoring (SPEC: issue 20)."""

    checked_at: datetime
    max_age_s: float
    warehouse: str
    store: str
    last_run: IngestionRun | None
    published: IngestionRun | None
    snapshot_size: int | None  # bytes of the published file; None when it is missing
    failing: dict[str, int] = field(default_factory=dict)  # severity -> failing rules
    failing_run: int | None = None  # the run whose results `failing` counts
    steps: tuple[tuple[str, float], ...] = ()  # the last run's steps: (name, seconds)
    problems: tuple[str, ...] = ()
    store_reachable: bool = True  # False: nothing of the store is known (runs, rules, steps)

    @property
    def healthy(self) -> bool:
        return not self.problems

    @classmethod
    def store_unreachable(
        cls, checked_at: datetime, max_age_s: float, warehouse: str, store: str, reason: str
    ) -> Health:
        """The health when the metadata store cannot be read: unhealthy, saying why, with what
        the file system still tells (the published file's size) — so a cron check fails and a
        textfile collector gets `workbench_healthy 0` instead of going stale."""
        try:
            size: int | None = Path(warehouse).stat().st_size
        except OSError:
            size = None
        return cls(
            checked_at,
            max_age_s,
            warehouse,
            store,
            None,
            None,
            size,
            failing={},
            problems=(f"the metadata store is unreachable: {reason}",),
            store_reachable=False,
        )

    @property
    def last_run_age_s(self) -> float | None:
        run = self.last_run
        return None if run is None else _age(self.checked_at, run.finished_at or run.started_at)

    @property
    def snapshot_age_s(self) -> float | None:
        run = self.published
        return None if run is None else _age(self.checked_at, run.finished_at or run.started_at)


def _age(now: datetime, then: datetime) -> float:
    return max(0.0, (now - then).total_seconds())


class StatusService:
    def __init__(
        self,
        runs: RunHistoryService,
        warehouse: WarehouseQueries,
        path: str,
        store: str,
        metadata: MetadataStore | None = None,
        warehouse_id: str = "",
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._runs = runs
        self._warehouse = warehouse
        self._path = path
        self._store = store
        self._metadata = metadata
        self._warehouse_id = warehouse_id
        self._clock = clock

    def health(self, max_age_s: float) -> Health:
        """Last run, published snapshot, failing rules and step durations, read from the store
        and the file system only (no warehouse query), so a scrape is cheap; `problems` says why
        it is unhealthy: no or a missing snapshot, one older than `max_age_s`, a last run that
        failed, was blocked or interrupted."""
        now = self._clock()
        latest, published = self._runs.latest(), self._runs.latest_published()
        try:
            size: int | None = Path(self._path).stat().st_size
        except OSError:
            size = None
        problems = []
        if published is None:
            problems.append("no snapshot was ever published")
        elif size is None:
            problems.append(f"the published warehouse {self._path} is missing")
        if latest is not None and latest.status in UNHEALTHY_RUNS:
            problems.append(f"the last run #{latest.run_id} {latest.status}")
        failing: dict[str, int] = {str(s): 0 for s in Severity}
        failing_run = None
        steps: tuple[tuple[str, float], ...] = ()
        if self._metadata is not None:
            results = self._metadata.recent_results(1, self._warehouse_id)
            for result in results:
                failing_run = result.run_id
                if result.status is not RuleStatus.PASS:
                    failing[str(result.severity)] += 1
            if latest is not None:
                steps = tuple(
                    (str(step.name), step.duration_ms / 1000)
                    for step in self._metadata.run_steps(latest.run_id)
                )
        health = Health(
            now,
            max_age_s,
            self._path,
            self._store,
            latest,
            published,
            size,
            failing,
            failing_run,
            steps,
        )
        age = health.snapshot_age_s
        if age is not None and age > max_age_s:
            problems.append(
                f"the published snapshot is {age / 3600:.1f} h old (limit {max_age_s / 3600:g} h)"
            )
        return replace(health, problems=tuple(problems))

    def loaded_snapshot(self) -> LoadedSnapshot | None:
        row = self._warehouse.records("snapshot_stamp")[0]
        return LoadedSnapshot(
            int(row["run_id"] or 0), row["as_of"], row["orders"], row["items"], row["customers"]
        )

    def current(self) -> StatusInfo:
        published = self._runs.latest_published()
        try:
            loaded, problem = self.loaded_snapshot(), ""
        except WarehouseNotPublished as error:
            loaded, problem = None, (str(error) if published is not None else "")
        return StatusInfo(self._path, self._store, loaded, published, self._runs.latest(), problem)
