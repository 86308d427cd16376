"""`workbench sql` as a script uses it: formats, --out, --limit, stdin, --file, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pytest

from workbench.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
STATUS = "select order_status, count(*) as n from fct_orders group by all order by n desc, 1"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    flags = ["--data-dir", str(tmp_path_factory.mktemp("sql-cli") / "data")]
    assert main(["ingest", str(FIXTURE), *flags]) == 0
    return flags


def test_table_on_stdout_timing_on_stderr(data, capsys) -> None:
    capsys.readouterr()
    assert main(["sql", STATUS, *data]) == 0
    out, err = capsys.readouterr()
    assert "delivered" in out and "10" in out
    assert "rows in" not in out and " s" not in out.splitlines()[-1]
    assert err.startswith("6 rows in ")


def test_csv_json_jsonl_md(data, capsys) -> None:
    capsys.readouterr()
    assert main(["sql", STATUS, "--format", "csv", *data]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["order_status,n", "delivered,10"]
    assert main(["sql", STATUS, "--format", "json", *data]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {"order_status": "delivered", "n": 10} and len(rows) == 6
    assert main(["sql", STATUS, "--format", "jsonl", *data]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert json.loads(lines[0]) == {"order_status": "delivered", "n": 10} and len(lines) == 6
    assert main(["sql", STATUS, "--format", "md", *data]) == 0
    md = capsys.readouterr().out.splitlines()
    assert md[0].replace(" ", "") == "|order_status|n|" and len(md) == 8


def test_limit_tells_the_true_total(data, capsys) -> None:
    capsys.readouterr()
    assert main(["sql", "from range(500)", "--limit", "3", "--format", "csv", *data]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["range", "0", "1", "2"]
    assert err.startswith("showing 3 of 500 rows in ")


def test_out_file_whole_result_equals_copy(data, capsys, tmp_path: Path) -> None:
    query = "select * from fct_order_items"
    out = tmp_path / "items.parquet"
    assert main(["sql", query, "--out", str(out), *data]) == 0  # format from the extension
    warehouse = Path(data[1]) / "warehouse.duckdb"
    reference = tmp_path / "copy.parquet"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute(f"COPY ({query}) TO '{reference}' (FORMAT parquet)")
        assert (
            con.sql(f"from '{out}' order by all").fetchall()
            == con.sql(f"from '{reference}' order by all").fetchall()
        )
    assert f"wrote 16 rows to {out}" in capsys.readouterr().err


def test_stdin_and_file(data, capsys, monkeypatch, tmp_path: Path) -> None:
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("select 41 + 1 as answer"))
    assert main(["sql", "-", "--format", "csv", *data]) == 0
    assert capsys.readouterr().out == "answer\n42\n"
    query = tmp_path / "q.sql"
    query.write_text("-- a saved query\nselect 'file' as source;\n")
    assert main(["sql", "--file", str(query), "--format", "csv", *data]) == 0
    assert capsys.readouterr().out == "source\nfile\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["select nope from fct_orders"], 'Referenced column "nope" not found'),
        (["select 1 from fct_orders where (1"], "Parser Error: syntax error"),
        (["update fct_orders set order_status = 'x'"], "read-only: UPDATE statements"),
        (["--file", "/nonexistent/q.sql"], "--file /nonexistent/q.sql: No such file"),
        (["select 1", "--format", "parquet"], "parquet is binary: give --out FILE"),
        ([], "Give the SQL to run"),
    ],
)
def test_errors_are_one_line_exit_2(data, capsys, args: list[str], said: str) -> None:
    capsys.readouterr()
    assert main(["sql", *args, *data]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and said in err
    assert "Traceback" not in err


def test_headless_queries_are_kept_in_the_history(data, capsys) -> None:
    from workbench.application.config import load_settings
    from workbench.container import build_container

    assert main(["sql", "select 7 as kept_seven", *data]) == 0
    assert main(["sql", "select kept_nope from fct_orders", *data]) == 2
    capsys.readouterr()
    container = build_container(load_settings({"data_dir": Path(data[1])}, env={}))
    try:
        found = container.sql_console().history("kept_", limit=5)
    finally:
        container.shutdown_resources()
    assert [(q.sql, q.rows) for q in found] == [
        ("select kept_nope from fct_orders", None),
        ("select 7 as kept_seven", 1),
    ]
    assert 'Referenced column "kept_nope" not found' in found[0].error
