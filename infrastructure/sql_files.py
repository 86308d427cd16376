"""The project's SQL files: one loader and one placeholder style, `$name`.

A value is always bound as a parameter: DuckDB binds `$name` itself, and `to_paramstyle` writes
the same text in the style of the metadata stores' drivers. An identifier (a table or a column)
cannot be bound: `identifier` checks it against the names that exist (the warehouse catalogue, or
a closed enum) and quotes it, and `render` puts such checked pieces (`Sql`) into a file's `$name`
placeholders. Text from a user or a store never becomes `Sql`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Literal

# Quoted text and comments are skipped whole, so a `$` or `%` inside them is left alone.
_TOKEN = re.compile(
    r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/|\$([A-Za-z_]\w*)|%""", re.S
)


@cache
def sql_file(package: str, name: str) -> str:
    """The text of `name` (e.g. "queries/kpi_monthly.sql") in `package`, read once."""
    return resources.files(package).joinpath(*name.split("/")).read_text(encoding="utf-8")


class UnknownIdentifier(ValueError):
    """A table or column name that is not among the known ones: never put into SQL."""


@dataclass(frozen=True)
class Sql:
    """SQL written by the project: a quoted identifier, a literal, or pieces of the project's own
    files and code joined together. Never built from a user's or a store's text."""

    text: str

    def __str__(self) -> str:
        return self.text

    @staticmethod
    def join(separator: str, parts: Iterable[Sql]) -> Sql:
        return Sql(separator.join(_checked_piece(part).text for part in parts))


def quote_identifier(name: str) -> Sql:
    """`name` double-quoted; use `identifier` unless the name comes from the project's own code."""
    return Sql('"' + name.replace('"', '""') + '"')


def identifier(name: object, known: Collection[str] | Mapping[str, str], what: str) -> Sql:
    """The quoted name of one of the `known` names (case-insensitive, in its known spelling);
    anything else raises UnknownIdentifier naming `what` was looked for."""
    spellings = {str(k).lower(): str(k) for k in known}
    if not isinstance(name, str) or name.lower() not in spellings:
        raise UnknownIdentifier(f"there is no {what} {name!r}")
    return quote_identifier(spellings[name.lower()])


def literal(text: str) -> Sql:
    """A string literal, for the one place DuckDB takes no parameter: the arguments of a view's
    table function (`read_csv` of a temp view)."""
    return Sql("'" + text.replace("'", "''") + "'")


def value_literal(value: object) -> Sql:
    """A value written as a DuckDB literal, for SQL that runs where nothing can be bound (a dbt
    test): NULL, a boolean, a number, text, a timestamp or a list of those."""
    if value is None:
        return Sql("NULL")
    if isinstance(value, bool):
        return Sql("true" if value else "false")
    if isinstance(value, int | float):
        return Sql(repr(value))
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, datetime):
        return Sql(f"TIMESTAMP {literal(value.isoformat(sep=' '))}")
    if isinstance(value, list | tuple):
        return Sql("[" + Sql.join(", ", (value_literal(v) for v in value)).text + "]")
    raise TypeError(f"no SQL literal for {type(value).__name__}")


def placeholders(sql: str) -> set[str]:
    """The `$name` placeholders of a text, outside quotes and comments."""
    return {match[1] for match in _TOKEN.finditer(sql) if match[1]}


def render(sql: str, **pieces: Sql) -> str:
    """Put checked pieces into the `$name` placeholders they are named after; every other
    placeholder stays, to be bound as a value. A piece the text has no placeholder for, or one
    that is not `Sql`, is a programming error."""
    missing = set(pieces) - placeholders(sql)
    if missing:
        raise KeyError(f"no placeholder for {sorted(missing)}")
    checked = {name: _checked_piece(piece).text for name, piece in pieces.items()}

    def replace(match: re.Match[str]) -> str:
        name = match[1]
        return checked[name] if name in checked else match[0]

    return _TOKEN.sub(replace, sql)


def to_paramstyle(sql: str, style: Literal["named", "pyformat"]) -> str:
    """The same statement with its `$name` placeholders in a driver's style (PEP 249 names):
    `:name` for sqlite3, `%(name)s` for psycopg, which also needs every literal `%` doubled."""

    def replace(match: re.Match[str]) -> str:
        token, name = match[0], match[1]
        if style == "named":
            return f":{name}" if name else token
        if name:
            return f"%({name})s"
        return token.replace("%", "%%")

    return _TOKEN.sub(replace, sql)


def _checked_piece(piece: object) -> Sql:
    if not isinstance(piece, Sql):
        raise TypeError(f"only Sql pieces go into SQL text, not {type(piece).__name__}")
    return piece
