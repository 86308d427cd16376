"""Metadata backup and restore for both backends: one portable JSON file, versioned with the schema.

The file holds every table of the store (read in one transaction) as columns and rows, in values
JSON keeps exactly: text, integers, floats, booleans, timestamps as ISO text, and bytes as base64
(`{"$bytes": ...}`). A restore writes them into an empty store of the same schema version, in one
transaction, converting to what the target's columns are (a SQLite 0/1 into a PostgreSQL boolean,
ISO text into a timestamp), so SQLite → PostgreSQL → SQLite loses nothing. ".gz" compresses it.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from domain.entities.operations import BackupRejected, BackupSummary
from domain.repositories.metadata_store import MetadataStore
from infrastructure.metadata.queries import named_queries
from infrastructure.metadata.sql_store import Session, SqlMetadataStore
from infrastructure.sql_files import Sql, identifier, quote_identifier, render


def _queries() -> dict[str, str]:
    return named_queries("backup.sql")


FORMAT = "olist-workbench-metadata"
FORMAT_VERSION = 1
SEEDED = ("quality_rules",)  # rows the migrations write: replaced by the backup's
FIRST = ("ingestion_runs",)  # the tables the others' foreign keys point at


def _sql_store(store: MetadataStore) -> SqlMetadataStore:
    if not isinstance(store, SqlMetadataStore):
        raise BackupRejected(f"A backup needs a SQL metadata store, not {type(store).__name__}.")
    return store


class _Catalogue:
    """The store's tables and their columns' types, read from its own catalogue."""

    def __init__(self, session: Session, backend: str) -> None:
        self._session = session
        self.backend = backend
        rows = session.run(_queries()[f"tables_{backend}"])
        self.tables = sorted((str(r[0]) for r in rows), key=lambda t: (t not in FIRST, t))

    def columns(self, table: str) -> dict[str, str]:
        rows = self._session.run(_queries()[f"columns_{self.backend}"], {"table": table})
        return {str(name): str(kind) for name, kind in rows}

    def ref(self, table: str) -> Sql:
        return identifier(table, self.tables, "table")

    def count(self, table: str) -> int:
        query = render(_queries()["count_rows"], table_ref=self.ref(table))
        return int(self._session.run(query)[0][0])


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decode(value: Any, kind: str) -> Any:
    """A value of the file as the target column (its catalogue type) takes it."""
    if isinstance(value, dict) and "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    if value is None:
        return None
    if kind == "boolean":
        return bool(value)
    return value


def _open(path: Path, mode: str, compressed: bool) -> IO[str]:
    if compressed:
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8")


def backup(store: MetadataStore, path: Path) -> BackupSummary:
    """Write every table of `store` to `path` (atomically: a temp file renamed into place)."""
    sql_store = _sql_store(store)
    tables: dict[str, Any] = {}
    with sql_store._session() as session:
        catalogue = _Catalogue(session, store.backend)
        version = int(session.run(named_queries()["schema_version"])[0][0])
        for table in catalogue.tables:
            columns = list(catalogue.columns(table))
            query = render(
                _queries()["select_all"],
                columns=Sql.join(", ", map(quote_identifier, columns)),
                table_ref=catalogue.ref(table),
            )
            rows = [[_encode(v) for v in row] for row in session.run(query)]
            tables[table] = {"columns": columns, "rows": rows}
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": version,
        "backend": store.backend,
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "tables": tables,
    }
    partial = path.with_name(path.name + ".partial")
    try:
        with _open(partial, "w", path.suffix == ".gz") as handle:
            json.dump(document, handle, separators=(",", ":"))
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupRejected(f"Cannot write the backup {path}: {error.strerror}.") from None
    return BackupSummary(
        str(path), version, store.backend, {t: len(v["rows"]) for t, v in tables.items()}
    )


def read_backup(path: Path) -> dict[str, Any]:
    try:
        with _open(path, "r", path.suffix == ".gz") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise BackupRejected(f"Backup file {path} does not exist.") from None
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupRejected(f"{path} is not a readable metadata backup: {error}.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupRejected(f"{path} is not a workbench metadata backup (no {FORMAT!r} format).")
    if document.get("format_version") != FORMAT_VERSION:
        raise BackupRejected(
            f"{path} is backup format {document.get('format_version')!r}; this workbench reads "
            f"format {FORMAT_VERSION}."
        )
    return document


def restore(store: MetadataStore, path: Path) -> BackupSummary:
    """Write the backup at `path` into `store`, which must be empty and of its schema version."""
    document = read_backup(path)
    sql_store = _sql_store(store)
    wanted = int(document["schema_version"])
    have = store.schema_version()
    if wanted != have:
        raise BackupRejected(
            f"{path} is of metadata schema version {wanted}, this store is at {have}: restore it "
            "with the workbench version that wrote it, into a store of that version."
        )
    written: dict[str, int] = {}
    with sql_store._session() as session:
        catalogue = _Catalogue(session, store.backend)
        tables: dict[str, Any] = document["tables"]
        missing = sorted(set(tables) - set(catalogue.tables))
        if missing:
            raise BackupRejected(f"{path} has table {missing[0]!r}, which this store lacks.")
        used = [t for t in catalogue.tables if t not in SEEDED and catalogue.count(t)]
        if used:
            raise BackupRejected(
                f"The metadata store is not empty ({used[0]} has rows): restore into an empty "
                "store (a new SQLite file, or an empty PostgreSQL database)."
            )
        for table in catalogue.tables:
            if table in tables:
                written[table] = _insert(session, catalogue, table, tables[table], path)
        if store.backend == "postgres":
            _reset_identities(session, catalogue)
    return BackupSummary(str(path), wanted, str(document.get("backend", "?")), written)


def _insert(
    session: Session, catalogue: _Catalogue, table: str, content: dict[str, Any], path: Path
) -> int:
    have = catalogue.columns(table)
    columns: list[str] = list(content["columns"])
    unknown = [c for c in columns if c not in have]
    if unknown:
        raise BackupRejected(f"{path}: column {table}.{unknown[0]} is not in this store.")
    ref = catalogue.ref(table)
    if table in SEEDED:
        session.run(render(_queries()["delete_all"], table_ref=ref))
    query = render(
        _queries()["insert_row"],
        table_ref=ref,
        columns=Sql.join(", ", (identifier(c, have, "column") for c in columns)),
        values=Sql(", ".join(f"$c{i}" for i in range(len(columns)))),
    )
    kinds = [have[c] for c in columns]
    for row in content["rows"]:
        session.run(query, {f"c{i}": _decode(v, kinds[i]) for i, v in enumerate(row)})
    return len(content["rows"])


def _reset_identities(session: Session, catalogue: _Catalogue) -> None:
    """PostgreSQL identity columns go on after the restored ids (SQLite's follow by itself)."""
    for table in catalogue.tables:
        for (column,) in session.run(_queries()["identity_postgres"], {"table": table}):
            session.run(
                render(
                    _queries()["reset_identity_postgres"],
                    table_ref=catalogue.ref(table),
                    column_ref=quote_identifier(str(column)),
                ),
                {"table": table, "column": str(column)},
            )
