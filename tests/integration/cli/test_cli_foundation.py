"""The command line as a user runs it: a real subprocess, real files, the real PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def workbench(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**base, **(env or {})},
    )


def test_help_lists_the_commands() -> None:
    result = workbench("--help")
    assert result.returncode == 0
    for word in ("generate", "config", "--batch", "--demo", "--metadata-dsn"):
        assert word in result.stdout


def test_config_show_tells_values_and_origins_with_password_masked(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("snapshots_keep = 5\n", encoding="utf-8")
    result = workbench(
        "config",
        "show",
        "--config",
        str(config),
        "--data-dir",
        str(tmp_path),
        env={"WORKBENCH_METADATA_DSN": "postgresql://a:topsecret@h:5432/m"},
    )
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "(flag)" in lines["data_dir"]
    assert f"(file {config})" in lines["snapshots_keep"]
    assert "(env WORKBENCH_METADATA_DSN)" in lines["metadata_dsn"]
    assert "(default)" in lines["demo_seed"]
    assert "topsecret" not in result.stdout + result.stderr
    assert "user=a password=*** dbname=m host=h port=5432" in result.stdout


def test_invalid_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("snapshots_keep = 'many'\n", encoding="utf-8")
    result = workbench("config", "show", "--config", str(config))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "snapshots_keep" in result.stderr and str(config) in result.stderr


def test_unreachable_postgres_is_one_line_exit_2_without_password(tmp_path: Path) -> None:
    result = workbench(
        "runs",
        "--data-dir",
        str(tmp_path),
        "--metadata-dsn",
        "postgresql://postgres:pa55word@127.0.0.1:1/meta",
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "pa55word" not in result.stderr
    assert "host 127.0.0.1 port 1 database meta" in result.stderr


@pytest.mark.usefixtures("pg_clean")
def test_team_postgres_store_is_created_and_used(pg_dsn: str, tmp_path: Path) -> None:
    result = workbench("runs", "--data-dir", str(tmp_path), env={"WORKBENCH_METADATA_DSN": pg_dsn})
    assert result.returncode == 0, result.stderr
    assert "no runs recorded yet" in result.stdout


def test_generate_out_ending_in_zip_writes_that_archive(tmp_path: Path) -> None:
    target = tmp_path / "X.zip"
    result = workbench("generate", "--scale", "0.002", "--out", str(target), "--zip")
    assert result.returncode == 0, result.stderr
    assert target.is_file(), "the archive itself, not a folder holding one"
    assert f"to {target} " in result.stdout

    (tmp_path / "old.zip").mkdir()
    refused = workbench("generate", "--scale", "0.002", "--out", str(tmp_path / "old.zip"))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "old.zip: a folder of that name" in refused.stderr
