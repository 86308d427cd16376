"""The exit codes of every command (SPEC §10), in one table."""

from __future__ import annotations

from enum import IntEnum

from domain.entities.ingestion_run import RunStatus


class ExitCode(IntEnum):
    OK = 0
    QUALITY = 1  # the quality gate failed: a critical rule blocked publishing, or --fail-on
    USAGE = 2  # usage, configuration or input error; also any failure that is not the gate's
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


def of_run(status: RunStatus) -> ExitCode:
    """What an ingestion run's end means to a script."""
    if status is RunStatus.SUCCEEDED:
        return ExitCode.OK
    if status is RunStatus.BLOCKED:
        return ExitCode.QUALITY
    return ExitCode.USAGE
