"""Records of running the workbench unattended: snapshot checksums and alert deliveries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import DomainError


@dataclass(frozen=True)
class SnapshotChecksum:
    """The SHA-256 of a published snapshot file, taken when it was published."""

    run_id: int
    sha256: str
    size_bytes: int
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class AlertAttempt:
    """One attempt to deliver one alert through one notifier (webhook or command)."""

    alert_key: str  # the alert's id: the attempts of one alert share it
    kind: str
    severity: str
    run_id: int | None
    summary: str
    notifier: str
    attempt: int
    ok: bool
    detail: str = ""
    attempted_at: datetime | None = None
    warehouse_id: str = ""


class AlertNotDelivered(DomainError):
    """One delivery attempt failed; the message says why in one line (never a secret URL)."""


@dataclass(frozen=True)
class BackupSummary:
    """What a metadata backup holds, or what a restore wrote: rows per table."""

    path: str
    schema_version: int
    backend: str  # the store it was taken from
    rows: dict[str, int]


class BackupRejected(DomainError):
    """A metadata backup cannot be written or restored; the message says why in one line."""
