"""The exit codes of every command (SPEC §10), in one table."""

from __future__ import annotations

import signal
from enum import IntEnum

from domain.entities.ingestion_run import RunStatus


class ExitCode(IntEnum):
    OK = 0
    QUALITY = 1  # the quality gate failed: a critical rule blocked publishing, or --fail-on
    USAGE = 2  # usage, configuration or input error; also any failure that is not the gate's
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT (128 + 2)
    TERMINATED = 143  # SIGTERM (128 + 15)


def of_signal(signum: signal.Signals) -> ExitCode:
    """What a process stopped by SIGINT or SIGTERM exits with (128 + the signal's number)."""
    return ExitCode.TERMINATED if signum is signal.SIGTERM else ExitCode.INTERRUPTED


def of_run(status: RunStatus, signum: signal.Signals | None = None) -> ExitCode:
    """What an ingestion run's end means to a script; a cancel says which signal caused it."""
    if status is RunStatus.SUCCEEDED:
        return ExitCode.OK
    if status is RunStatus.BLOCKED:
        return ExitCode.QUALITY
    if status is RunStatus.CANCELLED:
        return ExitCode.TERMINATED if signum is signal.SIGTERM else ExitCode.INTERRUPTED
    return ExitCode.USAGE
