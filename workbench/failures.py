"""Translate failures into one user-facing line; unexpected ones leave their traceback in a log."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

import platformdirs

from domain.errors import DomainError
from workbench.application.config import APP_NAME
from workbench.application.errors import WorkbenchError
from workbench.application.secrets import mask
from workbench.exit_codes import ExitCode

# Errors whose message is written for the user: shown as is.
EXPECTED: tuple[type[Exception], ...] = (WorkbenchError, DomainError)


def user_message(error: BaseException) -> str:
    if isinstance(error, EXPECTED):
        return mask(str(error))
    return f"unexpected {type(error).__name__}: {mask(str(error))}"


def report_failure(error: Exception) -> ExitCode:
    """Print the failure in one line on stderr; a failure that is not the gate's is code 2."""
    where = ""
    if not isinstance(error, EXPECTED):
        where = _log_traceback(error)
    print(f"workbench: {user_message(error)}{where}", file=sys.stderr)
    return ExitCode.USAGE


def _log_traceback(error: Exception) -> str:
    """Write the traceback to a private, per-user log file; say where, or nothing if it failed."""
    try:  # never a shared, predictable path in /tmp
        folder = Path(platformdirs.user_log_dir(APP_NAME))
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # the second's stamp sorts the logs; mkstemp's suffix keeps two of one second apart
        handle, name = tempfile.mkstemp(
            prefix=f"error-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".log", dir=folder
        )
        with os.fdopen(handle, "w", encoding="utf-8") as log:
            log.write(mask("".join(traceback.format_exception(error))))
    except OSError:
        return ""
    return f" (details in {name})"
