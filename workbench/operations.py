"""What the operations verbs do (issue 20): status, snapshots, alerts, metadata backup."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

from domain.entities.operations import AlertAttempt
from domain.repositories.metadata_store import MetadataStoreError
from workbench.application.errors import UsageError
from workbench.application.snapshots import SnapshotCorrupted
from workbench.application.status import Health
from workbench.container import Container
from workbench.exit_codes import ExitCode


def operations(container: Container, args: argparse.Namespace) -> int:
    if args.command == "status":
        return status(container, args)
    if args.command == "snapshots":
        return snapshots(container, args.snapshots_action, getattr(args, "run", None))
    if args.command == "alerts":
        return alerts(container, args.alerts_action, args.limit)
    if args.command == "metadata":
        return metadata(container, args.metadata_action, args.file)
    raise AssertionError(f"not an operations command: {args.command}")


def status(container: Container, args: argparse.Namespace) -> int:
    """Print the health in the chosen format; exit 1 when unhealthy. With --serve, serve it."""
    # prometheus-client loads only here: it costs a quarter of a second at every start-up
    from workbench.application.status_formats import render, serve

    hours = args.max_age or container.settings().status_max_age_hours
    if args.serve:
        # Scrapes come on server threads, maybe two at once; the container's resources open
        # lazily and not thread-safely: one scrape at a time, the first one on this thread.
        lock = threading.Lock()

        def scrape() -> Health:
            with lock:
                return _health(container, hours * 3600)

        scrape()
        try:
            server, _ = serve(scrape, args.serve)
        except OSError as error:
            raise UsageError(
                f"Cannot serve the metrics on 127.0.0.1:{args.serve}: {error.strerror or error}."
            ) from None
        print(
            f"serving the status metrics at http://127.0.0.1:{args.serve}/metrics (Ctrl-C stops)",
            file=sys.stderr,
        )
        try:
            while True:
                time.sleep(3600)
        finally:
            server.shutdown()
    health = _health(container, hours * 3600)
    sys.stdout.write(render(health, args.status_format))
    if not health.store_reachable:  # cron mails stderr; stdout may be a textfile
        print(f"workbench: {health.problems[0]}", file=sys.stderr)
    return ExitCode.OK if health.healthy else ExitCode.QUALITY


def _health(container: Container, max_age_s: float) -> Health:
    """The health; an unreachable metadata store is an unhealthy status (exit 1, metrics saying
    `workbench_store_up 0`), not a command that failed: monitoring needs the answer most then.
    Each call tries the store again, so `--serve` recovers when it comes back.

    Like every start it first settles runs of dead processes (an interrupted run alerts then):
    a nightly run killed outright would otherwise read as `running`, healthy, until its
    snapshot went stale."""
    try:
        container.recovery().run()
        return container.status().health(max_age_s)
    except MetadataStoreError as error:
        settings = container.settings()
        return Health.store_unreachable(
            datetime.now(),
            max_age_s,
            str(settings.warehouse_path),
            settings.metadata_label,
            str(error).splitlines()[0] if str(error) else type(error).__name__,
        )


def snapshots(container: Container, action: str, run_id: int | None) -> int:
    service = container.snapshot_service()
    if action == "list":
        kept = service.kept()
        if not kept:
            print("no snapshots kept yet")
            return ExitCode.OK
        print(f"{'run':<6} {'published':<16}  {'size':>14}  {'sha256':<16}  file")
        for snap in kept:
            when = f"{snap.published_at:%Y-%m-%d %H:%M}" if snap.published_at else "-"
            checksum = snap.checksum.sha256[:16] if snap.checksum else "(not recorded)"
            mark = "  (published)" if snap.published else ""
            print(
                f"#{snap.run_id:<5} {when:<16}  {snap.size_bytes:>14,}  {checksum:<16}  "
                f"{snap.path}{mark}"
            )
        return ExitCode.OK
    if action == "verify":
        checks = service.verify()
        if not checks:
            print("no snapshots kept yet")
        for check in checks:
            print(f"#{check.run_id:<5} {check.state:<10}  {check.path}  {check.detail}")
        bad = [c for c in checks if c.corrupted]
        if bad:
            print(
                f"workbench: {len(bad)} of {len(checks)} snapshots corrupted or missing: "
                + ", ".join(f"#{c.run_id}" for c in bad),
                file=sys.stderr,
            )
            return ExitCode.QUALITY
        return ExitCode.OK
    assert run_id is not None
    container.recovery().run()
    try:
        restored = service.restore(run_id)
    except SnapshotCorrupted as error:
        print(f"workbench: {error}", file=sys.stderr)
        return ExitCode.QUALITY
    for warning in restored.warnings:
        print(f"workbench: warning: {warning}", file=sys.stderr)
    print(
        f"run #{restored.run_id} restored the snapshot of run #{restored.restored_from}; "
        f"published {restored.path}"
    )
    return ExitCode.OK


def alerts(container: Container, action: str, limit: int) -> int:
    service = container.alerts()
    if action == "test":
        if not service.configured:
            where = container.settings().config_file or "the config file"
            raise UsageError(
                f"No notifier configured: set webhook_url and/or command in [alerts] of {where}."
            )
        attempts = service.deliver(service.test_alert())
        for attempt in attempts:
            print(_attempt_line(attempt))
        failed = {a.notifier for a in attempts} - {a.notifier for a in attempts if a.ok}
        if failed:
            print(f"workbench: not delivered to: {', '.join(sorted(failed))}", file=sys.stderr)
            return ExitCode.QUALITY
        return ExitCode.OK
    if limit < 1:
        raise UsageError(f"--limit must be 1 or more, got {limit}.")
    history = service.history(limit)
    if not history:
        print("no alerts sent yet")
        return ExitCode.OK
    for attempt in history:
        print(_attempt_line(attempt))
    return ExitCode.OK


def _attempt_line(attempt: AlertAttempt) -> str:
    when = f"{attempt.attempted_at:%Y-%m-%d %H:%M:%S}" if attempt.attempted_at else "-"
    run = f"#{attempt.run_id}" if attempt.run_id is not None else "-"
    outcome = "sent" if attempt.ok else "FAILED"
    return (
        f"{when}  {attempt.kind:<18} {attempt.severity:<8} {run:<6} {attempt.notifier}  "
        f"try {attempt.attempt} {outcome} ({attempt.detail})  {attempt.summary}"
    )


def metadata(container: Container, action: str, file: Path) -> int:
    service = container.metadata_backup()
    label = container.settings().metadata_label
    if action == "backup":
        summary = service.backup(file)
        verb = f"backed up {label} to {summary.path}"
    else:
        summary = service.restore(file)
        verb = f"restored {summary.path} ({summary.backend} backup) into {label}"
    rows = sum(summary.rows.values())
    print(
        f"{verb}: {rows:,} rows in {len(summary.rows)} tables, schema version "
        f"{summary.schema_version}"
    )
    return ExitCode.OK
