"""Command line: parse, resolve configuration, dispatch; turn every failure into one clear line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, cast

from domain.entities.quality import Severity
from workbench import commands
from workbench.application.config import load_settings
from workbench.application.exports import EXTENSIONS
from workbench.exit_codes import ExitCode
from workbench.failures import report_failure
from workbench.logs import route_library_logs
from workbench.operations_cli import add_operations_commands
from workbench.web import add_serve_arguments


def path(text: str) -> Path:
    """A path argument; an empty one (which would silently mean the current folder) is refused."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path: give a file or folder")
    return Path(text).expanduser()


class Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line, like every other error of the workbench.

    A command whose arguments need heavy imports (the KPI views' names need the KPI service)
    gets them in `arguments_later`, added when that command is parsed: the terminal UI, the
    command with no verb, does not wait for them before its first frame."""

    arguments_later: Callable[[argparse.ArgumentParser], None] | None = None

    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self.arguments_later is not None:
            add, self.arguments_later = self.arguments_later, None
            add(self)
        return super().parse_known_args(args, namespace)


_COMMON = (
    ("--config", {"type": path, "help": "TOML config file (default: user config dir)"}),
    ("--data-dir", {"type": path, "help": "directory for warehouse, demo data and SQLite"}),
    ("--warehouse", {"dest": "warehouse_path", "type": path, "help": "published DuckDB file"}),
    ("--metadata-dsn", {"help": "postgresql://user@host:port/db of a team metadata store"}),
    ("--sqlite-path", {"type": path, "help": "embedded SQLite metadata file"}),
    ("--snapshots-keep", {"type": int, "help": "published snapshots to keep (default 3)"}),
)
CONFIG_FLAGS = ("data_dir", "warehouse_path", "metadata_dsn", "sqlite_path", "snapshots_keep")


def _add_common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    group = parser.add_argument_group("configuration")
    for flag, options in _COMMON:
        extra: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
        group.add_argument(flag, **options, **extra)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="workbench",
        description="Olist Analyst Workbench: warehouse, quality, segments and KPIs "
        "from the Olist e-commerce CSVs. Without a command it opens the terminal UI.",
    )
    _add_common(parser, suppress=False)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="generate (once) and ingest the demo dataset, then open the UI",
    )
    parser.add_argument(
        "--batch", action="store_true", help="headless run: ingest, quality, segments, exports"
    )
    parser.add_argument("--source", type=path, help="with --batch: dataset folder or .zip")
    parser.add_argument(
        "--out", type=path, help="with --batch: directory for exports (default ./workbench-out)"
    )
    parser.add_argument(
        "--format",
        choices=tuple(EXTENSIONS),
        default="csv",
        help="with --batch: export format (default csv)",
    )
    parser.add_argument(
        "--fail-on",
        choices=[str(severity) for severity in Severity],
        default="critical",
        help="with --batch: exit 1 when a rule of this severity or above fails",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        child = sub.add_parser(name, help=help_text, description=help_text)
        _add_common(child, suppress=True)
        return child

    config = command("config", "inspect the configuration")
    config.add_argument("action", choices=("show",), help="show: effective values and origins")

    generate = command("generate", "write a synthetic dataset in the exact Olist format")
    generate.add_argument("--scale", type=float, default=1.0, help="1 = real size (default 1)")
    generate.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    generate.add_argument(
        "--out",
        type=path,
        required=True,
        help="output directory, or the archive itself when it ends in .zip",
    )
    generate.add_argument(
        "--zip", action="store_true", help="write DIR/brazilian-ecommerce.zip instead of CSVs"
    )

    ingest = command("ingest", "load a dataset folder or .zip and publish the warehouse")
    ingest.add_argument("path", type=path, help="folder of the nine Olist CSVs, or the Kaggle zip")

    dbt = command(
        "dbt-project",
        "write a dbt project (dbt-duckdb) building this warehouse from the workbench's own models",
    )
    dbt.add_argument("dir", type=path, help="the project folder (created; our files rewritten)")
    dbt.add_argument(
        "--source",
        dest="dbt_source",
        type=path,
        required=True,
        help="folder of the nine Olist CSVs, or the Kaggle zip (extracted into DIR/source)",
    )

    runs = command("runs", "list recent ingestion runs of this warehouse from the metadata store")
    runs.add_argument(
        "--all",
        dest="every_warehouse",
        action="store_true",
        help="list the runs of every warehouse sharing the metadata store, naming each one",
    )
    command("keys", "list the UI's key bindings: id, key in force, default (remap in [keys])")

    quality = command(
        "quality",
        "print the latest quality report (rules, status, trend, flips); `quality suggest`: "
        "rules proposed from a profile of the warehouse, with their evidence",
    )
    quality.add_argument(
        "action", nargs="?", choices=("suggest",), help="suggest: propose rules (md table or json)"
    )
    quality.add_argument(
        "--format",
        dest="report_format",
        choices=("md", "json", "html"),
        default="md",
        help="default md; html: one self-contained page (trends, failing rows, reconciliation)",
    )
    quality.add_argument(
        "--out", dest="report_out", type=path, help="write the report to this file (default stdout)"
    )

    shipping = command(
        "shipping-fit",
        "calibrate the freight model (weight, volume, distance) on the warehouse; report R², MAE",
    )
    shipping.add_argument(
        "--sample", type=int, default=50_000, help="order items to fit on (default 50000)"
    )

    segments = command(
        "segments", "RFM segment summary (stdout), or summary and customer-to-segment files"
    )
    segments.add_argument("--format", choices=tuple(EXTENSIONS), default="md", help="default md")
    segments.add_argument(
        "--out",
        type=path,
        help="directory for segment_summary and customer_segments files (default: summary "
        "to stdout)",
    )

    sql = command("sql", "run a read-only SQL query on the published warehouse (SQL console)")
    sql.add_argument("query", nargs="?", help='the SQL text, or "-" to read it from stdin')
    sql.add_argument("--file", dest="sql_file", type=path, help="read the SQL from this file")
    sql.add_argument(
        "--format",
        dest="sql_format",
        choices=("table", "csv", "parquet", "json", "jsonl", "md", "arrow"),
        help="output format (default: table on stdout, else from --out's extension)",
    )
    sql.add_argument("--out", dest="sql_out", type=path, help="write the result to this file")
    sql.add_argument("--limit", type=int, help="output at most N rows (the total is still told)")

    kpis = command("kpis", "KPI views (tables, text charts) under filters, to stdout or files")
    cast(Parser, kpis).arguments_later = _kpi_arguments
    add_operations_commands(command, path, lambda child: _add_common(child, suppress=True))

    serve = command("serve", "serve the terminal UI to a browser over HTTP (textual-serve)")
    add_serve_arguments(serve)
    return parser


def _kpi_arguments(parser: argparse.ArgumentParser) -> None:
    from workbench.kpi_report import add_kpi_arguments

    add_kpi_arguments(parser, path)


def main(argv: Sequence[str] | None = None) -> int:
    route_library_logs()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        flags = {key: getattr(args, key, None) for key in CONFIG_FLAGS}
        settings = load_settings(flags, config_file=getattr(args, "config", None))
        return commands.dispatch(parser, args, settings)
    except BrokenPipeError:  # `workbench kpis | head`: the reader left, nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as error:  # the last line of defence: one line, never a traceback
        return report_failure(error)


if __name__ == "__main__":
    sys.exit(main())
