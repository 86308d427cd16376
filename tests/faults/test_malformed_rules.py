"""One malformed stored rule harms only itself, on SQLite and on the real PostgreSQL.

The rows are written straight into the store's database, as a teammate's hand-written `UPDATE`
or an old version could have left them; the rule validator then meets them on read.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from domain.entities.rule_definition import InvalidRule
from domain.repositories.metadata_store import MetadataStore, QualityRuleRecord
from infrastructure.metadata.postgres_store import PostgresMetadataStore
from infrastructure.metadata.queries import migrations
from infrastructure.metadata.sql_store import split_statements
from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from workbench.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"
KEY = '"key": ["order_id"]'
# rule id -> (kind, params as stored, threshold as stored, enabled as stored, backends, reason)
MALFORMED: dict[str, tuple[str, str, Any, Any, tuple[str, ...], str]] = {
    "bad.params_not_json": (
        "unique",
        '{"columns": ["order_id"',
        0,
        True,
        ("sqlite", "postgres"),
        "the parameters are not JSON",
    ),
    "bad.params_not_object": (
        "unique",
        '["order_id"]',
        0,
        True,
        ("sqlite", "postgres"),
        "the parameters must be a JSON object, not list",
    ),
    "bad.threshold_text": (
        "unique",
        '{"columns": ["order_id"]}',
        "lots",
        True,
        ("sqlite",),  # PostgreSQL's DOUBLE PRECISION cannot hold text
        "threshold must be 0 or more (a count of rows, 1 or more, or a share below 1), not 'lots'",
    ),
    "bad.threshold_nan": (
        "unique",
        '{"columns": ["order_id"]}',
        math.nan,
        True,
        ("postgres",),  # SQLite stores a NaN as NULL, which the column refuses
        "threshold must be 0 or more",
    ),
    "bad.threshold_negative": (
        "unique",
        '{"columns": ["order_id"]}',
        -1,
        True,
        ("sqlite", "postgres"),
        "not -1",
    ),
    "bad.threshold_infinite": (
        "unique",
        '{"columns": ["order_id"]}',
        math.inf,
        True,
        ("sqlite", "postgres"),
        "not inf",
    ),
    "bad.unknown_kind": (
        "telepathy",
        "{}",
        0,
        True,
        ("sqlite", "postgres"),
        "unknown rule kind 'telepathy'",
    ),
    "bad.missing_parameter": (
        "not_null",
        "{" + KEY + "}",
        0,
        True,
        ("sqlite", "postgres"),
        "the rule needs the parameter 'columns'",
    ),
    "bad.missing_column": (
        "not_null",
        '{"columns": ["no_such_column"], ' + KEY + "}",
        0,
        True,
        ("sqlite", "postgres"),
        "fct_orders has no column 'no_such_column'",
    ),
    "bad.unparsable_expression": (
        "expression",
        '{"predicate": "order_status = (", ' + KEY + "}",
        0,
        True,
        ("sqlite", "postgres"),
        "the predicate is not one SQL expression",
    ),
    "bad.enabled_text": (
        "unique",
        '{"columns": ["order_id"]}',
        0,
        "yes",
        ("sqlite",),  # PostgreSQL's BOOLEAN refuses it
        "enabled must be true or false, not 'yes'",
    ),
}


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """(backend, CLI flags of a data dir whose metadata store is on that backend, migrated)."""
    flags = ["--data-dir", str(tmp_path / "data")]
    if request.param == "sqlite":
        SqliteMetadataStore(tmp_path / "data" / "metadata.sqlite").close()
    else:
        dsn = request.getfixturevalue("pg_clean")
        flags += ["--metadata-dsn", dsn]
        store = PostgresMetadataStore(dsn)  # migrates a new database; pg_clean left the schema
        seeded = bool(store.list_rules())
        store.close()
        if not seeded:
            _reseed(dsn)
    yield request.param, flags


def _reseed(dsn: str) -> None:
    """pg_clean empties every table, the seeded rules too: put the migrations' rules back."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        for migration in migrations("postgres"):
            if migration.version >= 2 and "quality_rules" in migration.sql:
                for statement in split_statements(migration.sql):
                    connection.execute(statement)


def _flag(flags: list[str], name: str) -> str | None:
    return flags[flags.index(name) + 1] if name in flags else None


def insert_rows(flags: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Write rule rows straight into the store's tables, past every check of the application."""
    sql = (
        "INSERT INTO quality_rules (rule_id, description, kind, model, params, severity, "
        "threshold, enabled, updated_at) VALUES ({0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}, {0})"
    )
    stamped = [(*row, "2018-01-01 00:00:00") for row in rows]
    dsn = _flag(flags, "--metadata-dsn")
    if dsn is None:
        path = Path(str(_flag(flags, "--data-dir"))) / "metadata.sqlite"
        with sqlite3.connect(path) as connection:
            connection.executemany(sql.format("?"), stamped)
        connection.close()
    else:
        with psycopg.connect(dsn, autocommit=True) as pg:
            pg.cursor().executemany(sql.format("%s"), stamped)


def malformed_rows(backend: str, severity: str) -> list[tuple[Any, ...]]:
    return [
        (rule_id, f"a rule left as {rule_id}", kind, "fct_orders", params, severity, limit, on)
        for rule_id, (kind, params, limit, on, backends, _) in MALFORMED.items()
        if backend in backends
    ]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_store(flags: list[str]) -> MetadataStore:
    dsn = _flag(flags, "--metadata-dsn")
    if dsn is not None:
        return PostgresMetadataStore(dsn)
    return SqliteMetadataStore(Path(str(_flag(flags, "--data-dir"))) / "metadata.sqlite")


def test_each_malformed_row_is_its_own_error_and_everyone_else_keeps_working(
    backend: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    name, flags = backend
    rows = malformed_rows(name, "warning")
    insert_rows(flags, rows)

    store = open_store(flags)
    try:
        read = {rule.rule_id: rule for rule in store.list_rules()}
    finally:
        store.close()
    assert {row[0] for row in rows} <= set(read)
    assert not read["orders.key.unique"].defect  # the seeded rules are read as they were

    code, out, err = run(capsys, *flags, "ingest", str(FIXTURE))
    assert code == 0, err
    assert "Traceback" not in err and "unexpected" not in err.lower()

    code, out, err = run(capsys, *flags, "quality", "--format", "json")
    assert code == 0, err
    shown = {rule["rule_id"]: rule for rule in json.loads(out)["rules"]}
    for rule_id, *_ in rows:
        reason = MALFORMED[rule_id][-1]
        assert shown[rule_id]["status"] == "error", rule_id
        assert reason in shown[rule_id]["message"], (rule_id, shown[rule_id]["message"])
    assert shown["orders.key.unique"]["status"] == "pass"
    assert shown["reconciliation.source_to_warehouse"]["status"] == "pass"
    assert shown["invariant.no_items"]["status"] == "fail"  # the fixture's known anomaly

    code, out, err = run(capsys, *flags, "quality")
    assert code == 0 and "| bad.params_not_json | warning | error |" in out


def test_a_malformed_critical_rule_blocks_with_its_name_and_reason_and_keeps_the_published(
    backend: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    flags = backend[1]
    assert run(capsys, *flags, "ingest", str(FIXTURE))[0] == 0
    warehouse = Path(str(_flag(flags, "--data-dir"))) / "warehouse.duckdb"
    published = checksum(warehouse)
    insert_rows(
        flags,
        [("bad.critical", "a key rule", "unique", "fct_orders", "{oops", "critical", 0, True)],
    )

    code, out, err = run(capsys, *flags, "ingest", str(FIXTURE))
    assert code == 1
    said = out + err
    assert (
        "critical quality rules failed: bad.critical (could not be checked: malformed rule: "
        "the parameters are not JSON: '{oops')" in said
    )
    assert "Traceback" not in said
    assert checksum(warehouse) == published
    assert run(capsys, *flags, "quality")[0] == 0


@pytest.mark.parametrize(
    "change",
    [
        {"params": {"columns": "order_id"}},
        {"params": {}},
        {"kind": "telepathy"},
        {"threshold": math.nan},
        {"threshold": -0.5},
        {"threshold": math.inf},
        {"severity": "fatal"},
    ],
)
def test_the_store_refuses_to_write_a_malformed_rule(
    backend: tuple[str, list[str]], change: dict[str, Any]
) -> None:
    store = open_store(backend[1])
    try:
        good = QualityRuleRecord(
            "test.rule", "ids unique", "unique", "fct_orders", {"columns": ["order_id"]}
        )
        before = store.list_rules()
        fields = {**good.__dict__, **change}
        with pytest.raises(InvalidRule):
            store.save_rule(QualityRuleRecord(**fields))
        assert store.list_rules() == before
        if "threshold" in change:
            with pytest.raises(InvalidRule, match="threshold must be 0 or more"):
                store.update_rule("orders.key.unique", threshold=change["threshold"])
            assert store.list_rules() == before
    finally:
        store.close()
