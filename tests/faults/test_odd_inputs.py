"""Odd inputs to every command end in one line and exit 2, before anything is written.

Colliding paths, values no generator or clock can hold, folders that cannot be made: each is
refused by the command line as a user runs it (in process, so the cases stay quick), with
stderr checked for a single line and no "unexpected", and the data dir checked for leftovers.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench import cli


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*")} if folder.exists() else set()


def refused(args: list[str], capfd: pytest.CaptureFixture[str], *words: str) -> str:
    """Run the command; it must exit 2 with one line on stderr holding `words`."""
    try:
        code = cli.main(args)
    except SystemExit as parser_exit:  # argparse's own refusals leave this way
        code = int(parser_exit.code or 0)
    err = capfd.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "unexpected" not in err and "Traceback" not in err, err
    for word in words:
        assert word in err
    return err


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user of our own: no WORKBENCH_* variables, logs and config under tmp_path."""
    for key in [k for k in os.environ if k.startswith("WORKBENCH_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--warehouse", "{d}/metadata.sqlite"], ["'warehouse_path' (flag)", "same file"]),
        (["--sqlite-path", "{d}/warehouse.duckdb"], ["'sqlite_path' (flag)", "same file"]),
        (["--warehouse", "{d}/w", "--sqlite-path", "{d}/x/../w"], ["same file"]),
        (["--warehouse", "{d}"], ["'warehouse_path' (flag)", "is a directory"]),
        (["--sqlite-path", "{d}"], ["'sqlite_path' (flag)", "is a directory"]),
        (["--data-dir", "{d}/file"], ["'data_dir' (flag)", "is a file"]),
        (["--warehouse", "{d}/source.zip"], ["which is not a DuckDB file", "overwrite"]),
        (["--sqlite-path", "{d}/old.duckdb"], ["which is not a SQLite file", "overwrite"]),
    ],
)
@pytest.mark.parametrize("command", [["runs"], ["ingest", "{d}/source"], ["--batch"]])
def test_colliding_paths_are_refused_before_anything_is_written(
    home: Path,
    capfd: pytest.CaptureFixture[str],
    flags: list[str],
    words: list[str],
    command: list[str],
) -> None:
    data = home / "data"
    data.mkdir()
    (data / "file").write_text("not a folder")
    (data / "source.zip").write_bytes(b"PK\x03\x04 the user's own archive")
    (data / "old.duckdb").write_bytes(b"\x00" * 8 + b"DUCK" + b"\x00" * 52)  # a warehouse
    before = files_under(home)
    args = [a.format(d=data) for a in ["--data-dir", str(data), *flags, *command]]
    refused(args, capfd, *words)
    assert files_under(home) == before


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("WORKBENCH_DEMO_SCALE", "nan", ["demo_scale", "from 0.001 to 100"]),
        ("WORKBENCH_DEMO_SCALE", "inf", ["demo_scale"]),
        ("WORKBENCH_DEMO_SCALE", "-1", ["demo_scale"]),
        ("WORKBENCH_DEMO_SCALE", "0", ["demo_scale"]),
        ("WORKBENCH_DEMO_SEED", "-1", ["demo_seed", "an integer >= 0"]),
        ("WORKBENCH_CONNECT_TIMEOUT", "1e9", ["connect_timeout"]),
        ("WORKBENCH_RULE_TIME_LIMIT", "9" * 30, ["rule_time_limit", "86400"]),
        ("WORKBENCH_WAREHOUSE_PATH", "", ["warehouse_path", "a file path"]),
        ("WORKBENCH_DATA_DIR", " ", ["data_dir"]),
    ],
)
def test_values_no_run_can_use_are_configuration_errors(
    home: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    words: list[str],
) -> None:
    monkeypatch.setenv(variable, value)
    before = files_under(home)
    refused(["--demo"], capfd, f"from env {variable}", *words)
    assert files_under(home) == before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("demo_scale = nan\n", ["demo_scale", "from 0.001 to 100"]),
        ("snapshots_keep = true\n", ["snapshots_keep"]),
        ("workbench = 5\n", ["[workbench] must be a table"]),
        ("metadata_dsn = 5\n", ["metadata_dsn", 'missing "=" after "…"']),
        (None, ["cannot be read: Is a directory"]),
    ],
)
def test_odd_config_files_are_configuration_errors(
    home: Path, capfd: pytest.CaptureFixture[str], text: str | None, words: list[str]
) -> None:
    config = home / "c.toml"
    if text is None:
        config.mkdir()
    else:
        config.write_text(text, encoding="utf-8")
    refused(["--config", str(config), "config", "show"], capfd, str(config), *words)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["generate", "--scale", "nan"], ["--scale nan", "from 0.001 to 100"]),
        (["generate", "--scale", "inf"], ["--scale inf"]),
        (["generate", "--scale", "-1"], ["--scale"]),
        (["generate", "--scale", "0"], ["--scale"]),
        (["generate", "--scale", "1e6"], ["--scale"]),
        (["generate", "--scale", "0.01", "--seed", "-1"], ["--seed -1", "an integer >= 0"]),
        (["generate", "--scale", "ten"], ["argument --scale", "--help"]),
        (["generate", "--scale", "0.01", "--out", ""], ["argument --out", "an empty path"]),
        (["generate", "--scale", "0.01", "--out", "{d}/file"], ["is a file: give a folder"]),
        (["generate", "--scale", "0.01", "--out", "/proc/no/such"], ["cannot be created"]),
        (["ingest", ""], ["argument path", "an empty path"]),
        (["--batch", "--out", "{d}/file"], ["--out", "is a file"]),
        (["segments", "--out", "{d}/file"], ["--out", "is a file"]),
        (["shipping-fit", "--sample", str(10**20)], ["--sample must be from 1 to"]),
        (["shipping-fit", "--sample", "0"], ["--sample must be from 1 to"]),
        (["quality", "--format", "xml"], ["invalid choice: 'xml'"]),
        (["no-such-command"], ["invalid choice"]),
    ],
)
def test_odd_command_line_values_are_usage_errors(
    home: Path, capfd: pytest.CaptureFixture[str], args: list[str], words: list[str]
) -> None:
    data = home / "data"
    data.mkdir()
    (data / "file").write_text("not a folder")
    out = [] if "--out" in args or args[0] != "generate" else ["--out", str(home / "gen")]
    refused(["--data-dir", str(data), *(a.format(d=data) for a in args), *out], capfd, *words)
    assert not (home / "gen").exists()


@pytest.fixture(scope="module")
def published(small_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the small generated dataset published."""
    data = tmp_path_factory.mktemp("published")
    assert cli.main(["--data-dir", str(data), "ingest", str(small_source)]) == 0
    return data


@pytest.mark.parametrize(
    ("dates", "words"),
    [
        (["--from", "0001-01-01"], ["'from' date 0001-01-01 is out of range", "1900-01-01"]),
        (["--to", "9999-12-31"], ["'to' date 9999-12-31 is out of range"]),
        (["--from", "1899-12-31", "--to", "2018-01-01"], ["out of range"]),
        (["--from", "2018-02-30"], ["is not a day"]),
        (["--to", "10000-01-01"], ["is not a day"]),
        (["--from", "2018-05-01", "--to", "2018-01-01"], ["cannot start (2018-05-01) after"]),
    ],
)
def test_out_of_range_dates_and_reversed_ranges_are_usage_errors(
    home: Path,
    published: Path,
    capfd: pytest.CaptureFixture[str],
    dates: list[str],
    words: list[str],
) -> None:
    capfd.readouterr()
    refused(["--data-dir", str(published), "kpis", *dates], capfd, *words)


def test_the_widest_allowed_range_still_reports(
    home: Path, published: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The first and last allowed days work, comparison period included (no overflow)."""
    capfd.readouterr()
    args = ["--data-dir", str(published), "kpis", "--from", "1900-01-01", "--to", "2999-12-31"]
    assert cli.main(args) == 0, capfd.readouterr().err
