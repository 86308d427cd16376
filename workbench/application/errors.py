"""User-facing errors of the application: each message says what was wrong and what to do."""

from __future__ import annotations


class WorkbenchError(Exception):
    """An error whose message is shown to the user as is (one line, no traceback)."""


class ConfigError(WorkbenchError):
    """The configuration (flag, environment or file) is invalid."""


class UsageError(WorkbenchError):
    """The command line asks for something impossible."""
