"""The operations verbs' arguments (status, snapshots, alerts, metadata), kept apart from cli.py
so that file only calls `add_operations_commands`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

OPERATIONS_COMMANDS = ("status", "snapshots", "alerts", "metadata")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is from 1 to 65535, got {port}")
    return port


def _hours(text: str) -> float:
    try:
        hours = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of hours: {text!r}") from None
    if not hours > 0:
        raise argparse.ArgumentTypeError(f"hours must be above 0, got {text}")
    return hours


def _run_id(text: str) -> int:
    try:
        run_id = int(text.removeprefix("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a run id: {text!r}") from None
    if run_id < 1:
        raise argparse.ArgumentTypeError(f"a run id is 1 or more, got {text}")
    return run_id


def add_operations_commands(
    command: Callable[[str, str], argparse.ArgumentParser],
    path: Callable[[str], Path],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """`common` adds the configuration flags to a nested parser (snapshots ACTION), so they
    are taken after the action too."""
    status = command(
        "status",
        "health for cron and monitoring: last run, published snapshot, failing rules, steps; "
        "exit 1 when unhealthy",
    )
    status.add_argument(
        "--format",
        dest="status_format",
        choices=("text", "json", "prometheus"),
        default="text",
        help="text (default), json, or Prometheus exposition (node-exporter textfile)",
    )
    status.add_argument(
        "--max-age",
        type=_hours,
        metavar="HOURS",
        help="unhealthy when the published snapshot is older (default: status_max_age_hours)",
    )
    snapshots = command(
        "snapshots", "published warehouse snapshots: list, verify checksums, restore one"
    )
    action = snapshots.add_subparsers(dest="snapshots_action", metavar="ACTION", required=True)
    common(action.add_parser("list", help="kept snapshots: run, when, size, checksum"))
    common(
        action.add_parser(
            "verify",
            help="check every kept snapshot against its checksum taken at publish; exit 1 "
            "when one is corrupted",
        )
    )
    restore = action.add_parser(
        "restore", help="republish the kept snapshot of RUN atomically, as a new run"
    )
    common(restore)
    restore.add_argument("run", type=_run_id, metavar="RUN", help="run id (#12 or 12)")

    alerts = command(
        "alerts", "alert delivery attempts recorded in the metadata store, or send a test alert"
    )
    alerts.add_argument(
        "alerts_action",
        nargs="?",
        choices=("list", "test"),
        default="list",
        metavar="ACTION",
        help="list (default): recent attempts; test: send a test alert to [alerts]' notifiers",
    )
    alerts.add_argument("--limit", type=int, default=30, help="attempts to list (default 30)")

    metadata = command(
        "metadata", "back up the metadata store to a portable file, or restore one into it"
    )
    metadata.add_argument(
        "metadata_action",
        choices=("backup", "restore"),
        metavar="ACTION",
        help="backup: write FILE; restore: load FILE into an empty store",
    )
    metadata.add_argument(
        "file", type=path, metavar="FILE", help="the backup (JSON; .gz compresses it)"
    )

    status.add_argument(
        "--serve",
        type=_port,
        metavar="PORT",
        help="serve the metrics at http://127.0.0.1:PORT/metrics until stopped",
    )
