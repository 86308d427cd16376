"""How an error from a driver (DuckDB, psycopg) is told in one line."""

from __future__ import annotations


def first_line(error: BaseException) -> str:
    """The error's first non-blank line; its type's name when the message is empty."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
