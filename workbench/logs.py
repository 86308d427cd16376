"""Where the log records of libraries go: the workbench's log file, never the terminal.

psycopg_pool reports each broken, discarded or re-made connection as a warning through
`logging`. With no handler configured, Python prints those on stderr: under the command line's
one-line error, and over the terminal UI. They belong in a file the user can read afterwards.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from workbench.application.config import APP_NAME
from workbench.application.secrets import mask

LOG_NAME = "workbench.log"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME))


class _LogFile(RotatingFileHandler):
    """The workbench's log: created (private) on the first record, kept under a megabyte."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=1_000_000, backupCount=1, encoding="utf-8", delay=True)
        self.setLevel(logging.WARNING)
        self.setFormatter(_Masked("%(asctime)s pid %(process)d %(name)s %(levelname)s %(message)s"))

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written is no reason to print on the terminal."""


class _Masked(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


def route_library_logs(folder: Path | None = None) -> Path:
    """Send warnings of every library to the log file in `folder` (default: the user log dir).

    Idempotent: a second call (e.g. `main()` run twice in one process) changes nothing."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, _LogFile):
            return Path(handler.baseFilename)
    handler = _LogFile((folder or log_dir()) / LOG_NAME)
    root.addHandler(handler)
    return Path(handler.baseFilename)
