"""Translate failures into one user-facing line; unexpected ones leave their traceback in a log."""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

import platformdirs

from domain.errors import DomainError
from infrastructure.metadata.errors import MetadataStoreError
from workbench.application.config import APP_NAME
from workbench.application.secrets import mask_dsn

# Errors whose message is written for the user: shown as is.
EXPECTED: tuple[type[Exception], ...] = (MetadataStoreError, DomainError)
# SPEC §10 knows three exit codes; a failure that is not the gate's is reported as code 2.
EXIT_FAILURE = 2


def user_message(error: BaseException) -> str:
    if isinstance(error, EXPECTED):
        return mask_dsn(str(error))
    return f"unexpected {type(error).__name__}: {mask_dsn(str(error))}"


def report_failure(error: Exception) -> int:
    if isinstance(error, EXPECTED):
        print(f"workbench: {user_message(error)}", file=sys.stderr)
        return EXIT_FAILURE
    where = ""
    try:  # a private, per-user log directory: never a shared, predictable path in /tmp
        folder = Path(platformdirs.user_log_dir(APP_NAME))
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        log = folder / f"error-{time.strftime('%Y%m%d-%H%M%S')}.log"
        with log.open("x", encoding="utf-8") as handle:
            handle.write(mask_dsn("".join(traceback.format_exception(error))))
        where = f" (details in {log})"
    except OSError:
        pass
    print(f"workbench: {user_message(error)}{where}", file=sys.stderr)
    return EXIT_FAILURE
