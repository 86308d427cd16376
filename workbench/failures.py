"""Translate failures into one user-facing line; unexpected ones leave their traceback in a log."""

from __future__ import annotations

import sys
import tempfile
import traceback
from pathlib import Path

from domain.errors import DomainError
from infrastructure.metadata.errors import MetadataStoreError
from workbench.secrets import mask_dsn

# Errors whose message is written for the user: shown as is, exit code 2.
EXPECTED: tuple[type[Exception], ...] = (MetadataStoreError, DomainError)


def user_message(error: BaseException) -> str:
    if isinstance(error, EXPECTED):
        return mask_dsn(str(error))
    return f"unexpected {type(error).__name__}: {mask_dsn(str(error))}"


def report_failure(error: Exception) -> int:
    if isinstance(error, EXPECTED):
        print(f"workbench: {user_message(error)}", file=sys.stderr)
        return 2
    log = Path(tempfile.gettempdir()) / "workbench-error.log"
    try:
        log.write_text(mask_dsn("".join(traceback.format_exception(error))), encoding="utf-8")
        where = f" (details in {log})"
    except OSError:
        where = ""
    print(f"workbench: {user_message(error)}{where}", file=sys.stderr)
    return 3
