"""The metadata store's logic, written once over a small connection hook each dialect provides."""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol

from domain.entities.ingestion_run import (
    IngestionRun,
    PipelineStep,
    RunStatus,
    RunStep,
    StepStatus,
)
from domain.entities.quality import FailingSample, RuleStatus, Severity
from domain.entities.rule_definition import (
    check_rule,
    checked_enabled,
    checked_severity,
    checked_threshold,
    stored_rule,
)
from domain.repositories.metadata_store import (
    ExportRecord,
    MetadataStore,
    PackedAssignments,
    QualityResultRecord,
    QualityRuleRecord,
    SavedViewRecord,
    SegmentSize,
)
from infrastructure.metadata import segment_codec
from infrastructure.metadata.queries import migrations, named_queries


class Session(Protocol):
    """One transaction: run a named query with $name parameters, get rows as tuples."""

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]: ...


def _now() -> str:
    return datetime.now().isoformat(sep=" ", timespec="microseconds")


def _ts(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _read_ts(value: Any) -> datetime | None:
    """A stored timestamp; None for one no version of ours writes (a hand-edited row)."""
    try:
        return _ts(value)
    except ValueError:
        return None


def _read_json(text: Any, kind: type[dict[str, int]] | type[list[Any]]) -> Any:
    """Stored JSON of `kind` (an object or a list); empty for text that is not (a hand-edited
    row, an old version's): one odd run row on a shared store must not stop everyone's runs."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return kind()
    return value if isinstance(value, kind) else kind()


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(sep=" ", timespec="microseconds")


class SqlMetadataStore(MetadataStore):
    """MetadataStore over any SQL backend that can run the shared named queries."""

    @abstractmethod
    def _session(self) -> AbstractContextManager[Session]:
        """A transaction that commits on success and rolls back on error."""

    def _one(self, query: str, **params: Any) -> tuple[Any, ...] | None:
        with self._session() as session:
            rows = session.run(named_queries()[query], params)
        return rows[0] if rows else None

    def _all(self, query: str, **params: Any) -> list[tuple[Any, ...]]:
        with self._session() as session:
            return session.run(named_queries()[query], params)

    def schema_version(self) -> int:
        row = self._one("schema_version")
        return int(row[0]) if row else 0

    # -- ingestion runs -------------------------------------------------------------------------
    def start_run(
        self,
        source_path: str,
        fingerprint: str,
        host: str,
        pid: int,
        warehouse_id: str = "",
        started_by: str = "",
    ) -> int:
        row = self._one(
            "start_run",
            source_path=source_path,
            fingerprint=fingerprint,
            host=host,
            pid=pid,
            started_at=_now(),
            warehouse_id=warehouse_id,
            started_by=started_by,
        )
        assert row is not None
        return int(row[0])

    def record_fingerprint(self, run_id: int, fingerprint: str) -> None:
        self._all("record_fingerprint", run_id=run_id, fingerprint=fingerprint)

    def record_step(self, run_id: int, step: RunStep) -> None:
        self._all(
            "record_step",
            run_id=run_id,
            seq=step.seq,
            name=step.name,
            status=step.status,
            rows=step.rows,
            duration_ms=step.duration_ms,
            detail=step.detail,
        )

    def finish_run(
        self,
        run_id: int,
        status: RunStatus,
        *,
        error: str = "",
        warehouse_path: str = "",
        as_of: datetime | None = None,
        row_counts: Mapping[str, int] | None = None,
        blocking_rules: Sequence[str] = (),
    ) -> None:
        self._all(
            "finish_run",
            run_id=run_id,
            status=str(status),
            finished_at=_now(),
            error=error,
            warehouse_path=warehouse_path,
            as_of=_iso(as_of),
            row_counts=json.dumps(dict(row_counts or {})),
            blocking_rules=json.dumps(list(blocking_rules)),
        )

    def mark_publishing(
        self,
        run_id: int,
        warehouse_path: str,
        as_of: datetime | None,
        row_counts: Mapping[str, int],
    ) -> None:
        self._all(
            "mark_publishing",
            run_id=run_id,
            warehouse_path=warehouse_path,
            as_of=_iso(as_of),
            row_counts=json.dumps(dict(row_counts)),
        )

    def get_run(self, run_id: int) -> IngestionRun | None:
        row = self._one("get_run", run_id=run_id)
        return None if row is None else _run(row)

    def list_runs(self, limit: int = 50, warehouse_id: str = "") -> list[IngestionRun]:
        rows = self._all("list_runs", limit=limit, warehouse_id=warehouse_id)
        return [_run(row) for row in rows]

    def latest_run(
        self, status: RunStatus | None = None, warehouse_id: str = ""
    ) -> IngestionRun | None:
        if status is None:
            row = self._one("latest_run_of_warehouse", warehouse_id=warehouse_id)
        else:
            row = self._one("latest_run_with_status", status=str(status), warehouse_id=warehouse_id)
        return None if row is None else _run(row)

    def previous_run(self, run_id: int, status: RunStatus) -> IngestionRun | None:
        row = self._one("previous_run_with_status", run_id=run_id, status=str(status))
        return None if row is None else _run(row)

    def run_steps(self, run_id: int) -> list[RunStep]:
        return [
            RunStep(PipelineStep(name), int(seq), StepStatus(status), int(rows), float(ms), detail)
            for name, seq, status, rows, ms, detail in self._all("run_steps", run_id=run_id)
        ]

    def mark_interrupted(self, run_ids: Sequence[int], reason: str) -> int:
        query = named_queries()["mark_interrupted"]
        with self._session() as session:
            return sum(
                len(session.run(query, {"run_id": run_id, "finished_at": _now(), "reason": reason}))
                for run_id in run_ids
            )

    # -- quality ----------------------------------------------------------------------------------
    def list_rules(self) -> list[QualityRuleRecord]:
        """Every stored rule; a malformed row is read as a rule with its defect, never raises."""
        return [stored_rule(*row) for row in self._all("list_rules")]

    def save_rule(self, rule: QualityRuleRecord) -> None:
        check_rule(rule)
        self._all(
            "save_rule",
            rule_id=rule.rule_id,
            description=rule.description,
            kind=rule.kind,
            model=rule.model,
            params=json.dumps(dict(rule.params), sort_keys=True),
            severity=rule.severity,
            threshold=rule.threshold,
            enabled=rule.enabled,
            updated_at=_now(),
        )

    def update_rule(
        self,
        rule_id: str,
        *,
        severity: Severity | None = None,
        threshold: float | None = None,
        enabled: bool | None = None,
    ) -> None:
        self._all(
            "update_rule",
            rule_id=rule_id,
            severity=None if severity is None else checked_severity(severity),
            threshold=None if threshold is None else checked_threshold(threshold),
            enabled=None if enabled is None else checked_enabled(enabled),
            updated_at=_now(),
        )

    def save_results(self, results: Sequence[QualityResultRecord]) -> None:
        """Each result replaces the rule's earlier one of that run, its failing rows too."""
        queries = named_queries()
        executed_at = _now()
        with self._session() as session:
            for r in results:
                session.run(
                    queries["save_result"],
                    {
                        "run_id": r.run_id,
                        "rule_id": r.rule_id,
                        "status": r.status,
                        "severity": r.severity,
                        "failing_count": r.failing_count,
                        "sample_keys": json.dumps(list(r.sample_keys)),
                        "duration_ms": r.duration_ms,
                        "message": r.message,
                        "executed_at": executed_at,
                    },
                )
                key = {"run_id": r.run_id, "rule_id": r.rule_id}
                session.run(queries["delete_failing_sample"], key)
                if r.failing_sample is not None and r.failing_sample.rows:
                    session.run(
                        queries["save_failing_sample"],
                        {
                            **key,
                            "column_names": json.dumps(list(r.failing_sample.columns)),
                            "row_values": json.dumps([list(row) for row in r.failing_sample.rows]),
                        },
                    )

    def failing_sample(self, run_id: int, rule_id: str) -> FailingSample | None:
        row = self._one("failing_sample", run_id=run_id, rule_id=rule_id)
        if row is None:
            return None
        columns = [str(name) for name in _read_json(row[0], list)]
        rows = [
            tuple(None if value is None else str(value) for value in values)
            for values in _read_json(row[1], list)
            if isinstance(values, list) and len(values) == len(columns)
        ]
        return FailingSample(tuple(columns), tuple(rows))

    def results_for_run(self, run_id: int) -> list[QualityResultRecord]:
        return [_result(row) for row in self._all("results_for_run", run_id=run_id)]

    def recent_results(self, runs: int, warehouse_id: str = "") -> list[QualityResultRecord]:
        rows = self._all("recent_results", runs=runs, warehouse_id=warehouse_id)
        return [_result(row) for row in rows]

    # -- segments ---------------------------------------------------------------------------------
    def save_segment_snapshot(
        self,
        run_id: int,
        sizes: Sequence[SegmentSize],
        assignments: Sequence[tuple[str, str]],
    ) -> None:
        encoding, payload = segment_codec.encode(assignments)
        queries = named_queries()
        with self._session() as session:
            session.run(queries["delete_segment_sizes"], {"run_id": run_id})
            session.run(queries["forget_segment_migrations"], {"run_id": run_id})
            for size in sizes:
                session.run(
                    queries["save_segment_size"],
                    {
                        "run_id": run_id,
                        "segment": size.segment,
                        "customers": size.customers,
                        "revenue": size.revenue,
                    },
                )
            session.run(
                queries["save_segment_assignments"],
                {
                    "run_id": run_id,
                    "encoding": encoding,
                    "customers": len(assignments),
                    "payload": payload,
                },
            )

    def segment_sizes(self, run_id: int) -> list[SegmentSize]:
        return [
            SegmentSize(segment, int(customers), str(revenue))
            for segment, customers, revenue in self._all("segment_sizes", run_id=run_id)
        ]

    def segment_assignments(self, run_id: int) -> dict[str, str]:
        row = self._one("segment_assignments", run_id=run_id)
        return {} if row is None else segment_codec.decode(row[0], bytes(row[1]))

    def packed_segment_assignments(self, run_id: int) -> PackedAssignments | None:
        row = self._one("segment_assignments", run_id=run_id)
        return None if row is None else segment_codec.packed(row[0], bytes(row[1]))

    def save_segment_migration(
        self, previous_run: int, current_run: int, counts: Mapping[tuple[str, str], int]
    ) -> None:
        queries = named_queries()
        pair = {"previous_run": previous_run, "current_run": current_run}
        with self._session() as session:
            session.run(queries["delete_segment_migration"], pair)
            for (from_segment, to_segment), customers in counts.items():
                if customers:
                    session.run(
                        queries["save_segment_migration"],
                        pair
                        | {
                            "from_segment": from_segment,
                            "to_segment": to_segment,
                            "customers": customers,
                        },
                    )

    def segment_migration(
        self, previous_run: int, current_run: int
    ) -> dict[tuple[str, str], int] | None:
        rows = self._all("segment_migration", previous_run=previous_run, current_run=current_run)
        return {(str(was), str(now)): int(n) for was, now, n in rows} or None

    def segment_snapshot_runs(self, limit: int = 50, warehouse_id: str = "") -> list[int]:
        rows = self._all("segment_snapshot_runs", limit=limit, warehouse_id=warehouse_id)
        return [int(row[0]) for row in rows]

    def prune_segment_assignments(self, keep: int, warehouse_id: str = "") -> int:
        return len(self._all("prune_segment_assignments", keep=keep, warehouse_id=warehouse_id))

    # -- exports ----------------------------------------------------------------------------------
    def record_export(self, run_id: int | None, view: str, fmt: str, path: str, rows: int) -> int:
        row = self._one(
            "record_export",
            run_id=run_id,
            view=view,
            format=fmt,
            path=path,
            rows=rows,
            created_at=_now(),
        )
        assert row is not None
        return int(row[0])

    def list_exports(self, limit: int = 50) -> list[ExportRecord]:
        return [
            ExportRecord(
                int(export_id),
                None if run_id is None else int(run_id),
                view,
                fmt,
                path,
                int(rows),
                _ts(created_at) or datetime.min,
            )
            for export_id, run_id, view, fmt, path, rows, created_at in self._all(
                "list_exports", limit=limit
            )
        ]

    # -- saved views ------------------------------------------------------------------------------
    def save_view(self, view: SavedViewRecord) -> None:
        self._all(
            "save_view",
            name=view.name,
            view=view.view,
            grain=view.grain,
            filters=json.dumps(dict(view.filters), sort_keys=True),
            saved_by=view.saved_by,
            saved_at=_iso(view.saved_at) or _now(),
        )

    def saved_views(self) -> list[SavedViewRecord]:
        return [
            SavedViewRecord(name, view, grain, json.loads(filters), saved_by, _ts(saved_at))
            for name, view, grain, filters, saved_by, saved_at in self._all("list_saved_views")
        ]

    def delete_view(self, name: str) -> bool:
        return bool(self._all("delete_saved_view", name=name))


def _result(row: tuple[Any, ...]) -> QualityResultRecord:
    run_id, rule_id, status, failing, severity, samples, ms, message = row
    if severity not in tuple(Severity):  # a hand-edited row: said, never a crash
        message = f"{message} (the stored severity {severity!r} is not one we know)".strip()
        severity = Severity.ERROR
    return QualityResultRecord(
        int(run_id),
        rule_id,
        RuleStatus(status),
        int(failing),
        Severity(severity),
        tuple(_read_json(samples, list)),
        float(ms),
        message,
    )


def _run(row: tuple[Any, ...]) -> IngestionRun:
    (
        run_id,
        status,
        source_path,
        fingerprint,
        host,
        pid,
        started_at,
        finished_at,
        warehouse_path,
        as_of,
        row_counts,
        error,
        blocking_rules,
        warehouse_id,
        publishing,
        started_by,
    ) = row
    if publishing and status == RunStatus.RUNNING:
        status = RunStatus.PUBLISHING  # stored as a flag on a running run (migration 0005)
    return IngestionRun(
        run_id=int(run_id),
        status=RunStatus(status),
        source_path=source_path,
        source_fingerprint=fingerprint,
        host=host,
        pid=int(pid),
        started_at=_read_ts(started_at) or datetime.min,
        finished_at=_read_ts(finished_at),
        warehouse_path=warehouse_path,
        as_of=_read_ts(as_of),
        row_counts={
            table: count
            for table, count in _read_json(row_counts, dict).items()
            if isinstance(count, int) and not isinstance(count, bool)
        },
        error=error,
        blocking_rules=tuple(_read_json(blocking_rules, list)),
        warehouse_id=warehouse_id,
        started_by=started_by,
    )


def apply_migrations(session: Session, dialect: str, timestamp_type: str) -> None:
    """Create the schema-version table if needed and apply every pending migration in order.

    The caller holds the lock that serialises processes starting together.
    """
    session.run(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
        f"name TEXT NOT NULL, applied_at {timestamp_type} NOT NULL)"
    )
    current = session.run(named_queries()["schema_version"])[0][0]
    for migration in migrations(dialect):
        if migration.version <= current:
            continue
        for statement in split_statements(migration.sql):
            session.run(statement)
        session.run(
            named_queries()["record_migration"],
            {"version": migration.version, "name": migration.name, "applied_at": _now()},
        )


def split_statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (our migrations hold plain DDL and DML)."""
    statement: list[str] = []
    for line in script.splitlines():
        if not statement and (not line.strip() or line.lstrip().startswith("--")):
            continue
        statement.append(line)
        if line.rstrip().endswith(";"):
            yield "\n".join(statement)
            statement = []
    if any(s.strip() for s in statement):
        yield "\n".join(statement)
