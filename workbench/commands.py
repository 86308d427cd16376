"""What each command line verb does, in terms of the container's services."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from domain.cancellation import CancelToken
from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import Severity
from workbench.application.config import Settings
from workbench.application.demo import dataset_scale, dataset_seed
from workbench.application.errors import UsageError
from workbench.application.exports import output_dir
from workbench.container import Container, build_container, drain_alerts
from workbench.exit_codes import of_run
from workbench.operations_cli import OPERATIONS_COMMANDS
from workbench.presentation.run_summary import quality_lines, run_line
from workbench.progress import ConsoleProgress
from workbench.stop_signals import cancelling_on_signals

# Each verb imports what only it uses (the batch, the KPI report, the quality page ...): the
# terminal UI, the command with no verb, waits for none of them before its first frame.
MAX_SAMPLE = 1_000_000_000  # order items: far beyond any export, still a query limit DuckDB takes


def dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "config":
        return show_config(settings)
    if args.command == "keys":
        return list_keys(settings)
    if args.command == "serve":
        from workbench.web import serve

        return serve(args)
    container = build_container(settings)
    try:
        if args.command == "generate":
            return generate(container, args.out, args.scale, args.seed, args.zip)
        if args.command == "dbt-project":
            return write_dbt_project(container, args.dir, args.dbt_source)
        if args.command == "runs":
            return list_runs(container, args.every_warehouse)
        if args.command == "quality" and args.action == "suggest":
            return suggest_rules(container, args.report_format)
        if args.command == "quality":
            return quality_report(container, args.report_format, args.report_out)
        if args.command == "ingest":
            return ingest(container, args.path)
        if args.command == "shipping-fit":
            return fit_shipping(container, args.sample)
        if args.command == "segments":
            return export_segments(container, args.format, args.out)
        if args.command == "sql":
            return run_sql(container, args)
        if args.command == "kpis":
            from workbench.kpi_report import KpiRequest, kpi_report

            return kpi_report(container, KpiRequest.from_args(args))
        if args.command in OPERATIONS_COMMANDS:
            from workbench.operations import operations

            return operations(container, args)
        if args.batch:
            from workbench.batch import BatchRequest, run_batch

            out = output_dir(args.out or Path("workbench-out"), create=False)
            request = BatchRequest(args.source, out, args.format, Severity(args.fail_on))
            return run_batch(container, request)
        if args.source or args.out:
            raise UsageError("--source and --out go with --batch.")
        if args.demo:
            prepare_demo(container)
        return run_tui(container)
    finally:
        if not drain_alerts(container):
            deadline = settings.alerts.deadline
            print(
                f"workbench: warning: alerts still undelivered after the [alerts] deadline of "
                f"{deadline:g} s were abandoned; `workbench alerts` lists the attempts made",
                file=sys.stderr,
            )
        container.shutdown_resources()


def list_keys(settings: Settings) -> int:
    """Every binding id with the key in force (the config's [keys], else the default)."""
    from workbench.app import WorkbenchApp
    from workbench.keys import bindings, check_keymap

    known = bindings(WorkbenchApp)
    check_keymap(settings.keys, known, settings.config_file)
    width = max(map(len, known))
    print(f"{'id':<{width}}  key (default)")
    for binding_id, default in known.items():
        key = settings.keys.get(binding_id, default)
        print(f"{binding_id:<{width}}  {key}" + (f" ({default})" if key != default else ""))
    return 0


def show_config(settings: Settings) -> int:
    rows = settings.shown()
    width = max(len(key) for key, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for key, value, origin in rows:
        print(f"{key:<{width}}  {value:<{value_width}}  ({origin})")
    print(f"{'metadata store':<{width}}  {settings.metadata_label}")
    print(f"{'alerts':<{width}}  {settings.alerts.describe()}")
    return 0


def generate(container: Container, out: Path, scale: float, seed: int, as_zip: bool) -> int:
    for flag, value, check in (("--scale", scale, dataset_scale), ("--seed", seed, dataset_seed)):
        try:
            check(value)
        except ValueError as error:
            raise UsageError(f"{flag} {value}: {error}.") from None
    if out.suffix.lower() == ".zip":  # the archive itself: its folder must be one
        if out.is_dir():
            raise UsageError(
                f"--out {out}: a folder of that name exists; remove it or pick another."
            )
        output_dir(out.parent)
    else:
        output_dir(out)
    summary = container.dataset_generator()(
        out, scale, seed, as_zip=as_zip, progress=lambda message: print(message, file=sys.stderr)
    )
    total = sum(summary.rows.values())
    print(
        f"wrote {total:,} rows in {len(summary.rows)} files to {summary.out} "
        f"in {summary.seconds:.1f} s"
    )
    return 0


def write_dbt_project(container: Container, target: Path, source: Path) -> int:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file; the dbt project is written into a folder.")
    project = container.dbt_project()(target, source)
    for skipped in project.skipped_rules:
        print(f"workbench: warning: no dbt test for critical rule {skipped}", file=sys.stderr)
    print(
        f"wrote the dbt project {project.path}: {project.models} models (the workbench's own "
        f"files, linked), sources reading the {len(project.source_files)} files, "
        f"{len(project.tests)} tests from the critical quality rules"
    )
    print(f"build it with: dbt build --project-dir {target} --profiles-dir {target}")
    return 0


def list_runs(container: Container, every_warehouse: bool = False) -> int:
    """This warehouse's latest runs; with `every_warehouse`, those of every data dir sharing
    the store, each naming its warehouse (host:path; '-' for runs recorded before it was)."""
    from domain.entities.rule_definition import printable

    container.recovery().run()
    runs = container.run_history().recent(20, every_warehouse)
    if not runs:
        print("no runs recorded yet" + ("" if every_warehouse else " for this warehouse"))
        return 0
    shown = [run.warehouse_id or "-" for run in runs]
    width = max(len("warehouse"), *map(len, shown))
    warehouse = f"{'warehouse':<{width}}  " if every_warehouse else ""
    by_width = max(len("started by"), *(len(run.started_by or "-") for run in runs))
    print(
        f"{'run':<6} {'status':<11} {'started':<16}  {'took':>7}  {'orders':>9}  "
        f"{'started by':<{by_width}}  {warehouse}source / message"
    )
    for run, warehouse_id in zip(runs, shown, strict=True):
        duration = f"{run.duration_s:.1f}s" if run.duration_s is not None else "-"
        orders = run.row_counts.get("fct_orders")
        message = f"  ({run.error.splitlines()[0]})" if run.error else ""
        warehouse = f"{warehouse_id:<{width}}  " if every_warehouse else ""
        # rows of other hosts' runs come from a shared store: no control character reaches
        # the terminal (an escape sequence would clear it)
        print(
            printable(
                f"#{run.run_id:<5} {run.status:<11} {run.started_at:%Y-%m-%d %H:%M}  "
                f"{duration:>7}  {'-' if orders is None else f'{orders:,}':>9}  "
                f"{run.started_by or '-':<{by_width}}  {warehouse}{run.source_path}{message}"
            )
        )
    return 0


def quality_report(container: Container, fmt: str, out: Path | None = None) -> int:
    report = container.quality().report()
    if report.latest_run is None:
        raise UsageError("No quality results yet: ingest a dataset first (workbench ingest PATH).")
    if fmt == "html":
        from workbench.presentation.quality_html import quality_html

        text = quality_html(container.quality_document().document())
    else:
        text = report.to_json() if fmt == "json" else report.to_markdown()
    if out is None:
        print(text, end="")
        return 0
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"Cannot write the quality report to {out}: {error.strerror}.") from None
    print(
        f"workbench: quality report of run #{report.latest_run} written to {out}", file=sys.stderr
    )
    return 0


def suggest_rules(container: Container, fmt: str) -> int:
    if fmt not in ("md", "json"):
        raise UsageError(f"quality suggest prints md or json, not {fmt}.")
    from workbench.presentation.rule_suggestions import suggestions_json, suggestions_markdown

    suggestions = container.rule_suggestions().suggest()
    print(
        suggestions_json(suggestions) if fmt == "json" else suggestions_markdown(suggestions),
        end="",
    )
    return 0


def ingest(container: Container, source: Path, started_by: str = "workbench: cli") -> int:
    container.recovery().run()
    ConsoleProgress(container.events())
    token = CancelToken()
    with cancelling_on_signals(token) as received:
        outcome = container.ingestion().ingest(source, token, started_by=started_by)
    for warning in outcome.warnings:
        print(f"workbench: warning: {warning}", file=sys.stderr)
    line = run_line(outcome, container.settings().warehouse_path)
    # The gate's failures are listed only for a run the store recorded as ended: a run whose end
    # could not be recorded says so in its one line and asks nothing more of the store.
    checked = outcome.gate is not None and outcome.status in (
        RunStatus.SUCCEEDED,
        RunStatus.BLOCKED,
    )
    flips = container.quality().flips() if checked else ()
    quality = quality_lines(outcome.gate, Severity.ERROR, flips, outcome.run_id)
    if outcome.published:
        print("\n".join([line, *quality]))
    else:
        print(f"workbench: {line}", file=sys.stderr)
        if outcome.status is RunStatus.BLOCKED:
            print(f"workbench: {outcome.message}", file=sys.stderr)
        if checked:
            print("\n".join(quality), file=sys.stderr)
    return of_run(outcome.status, received.signum)


def export_segments(container: Container, fmt: str, out: Path | None) -> int:
    """The segment summary to stdout, or summary and customer-to-segment table as files."""
    if out is None:
        if fmt == "parquet":
            raise UsageError("Parquet is binary: give --out DIR to write it to files.")
        segments = container.segments()
        sys.stdout.write(container.exports().text(segments.summary(), fmt))
        unscored = segments.unscored()
        print(
            f"{unscored.unscored:,} of {unscored.people:,} people are in no segment: "
            "every order of theirs was canceled or unavailable",
            file=sys.stderr,
        )
        return 0
    from workbench.application.views import SEGMENT_VIEWS

    exported = container.exports().export_views(SEGMENT_VIEWS, fmt, output_dir(out))
    for item in exported:
        print(f"wrote {item.rows:,} rows to {item.path}")
    return 0


def fit_shipping(container: Container, sample: int) -> int:
    """Calibrate the freight model on the published warehouse and print the fit."""
    if not 1 <= sample <= MAX_SAMPLE:
        raise UsageError(f"--sample must be from 1 to {MAX_SAMPLE:,} order items, got {sample}.")
    print(container.freight().fit(sample).describe())
    return 0


def prepare_demo(container: Container) -> None:
    """Generate the demo dataset once, and ingest it unless it is already the published one."""
    settings = container.settings()
    demo = container.demo()
    if not demo.has_dataset(settings.demo_scale, settings.demo_seed):
        folder = demo.dataset_dir(settings.demo_scale, settings.demo_seed)
        print(
            f"generating the demo dataset (scale {settings.demo_scale:g}) in {folder}",
            file=sys.stderr,
        )
    folder = demo.ensure_dataset(settings.demo_scale, settings.demo_seed)
    if demo.is_published(folder):
        return
    if ingest(container, folder, started_by="workbench: demo") != 0:
        raise UsageError("The demo dataset could not be ingested; see the messages above.")


def run_tui(container: Container) -> int:
    from workbench.app import WorkbenchApp

    container.recovery().run()  # fails fast on an unreachable store
    app = WorkbenchApp(container)
    app.run()
    return app.return_code or 0  # 143 / 130 when SIGTERM / SIGINT stopped it


def run_sql(container: Container, args: argparse.Namespace) -> int:
    """`workbench sql`: one read-only query; the result on stdout or in --out, the timing and
    the row count on stderr. An SQL error is one line (exit 2, via report_failure)."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from workbench.application.sql_console import sql_output_format, sql_text

    text = sql_text(args.query, args.sql_file, sys.stdin)
    fmt = sql_output_format(args.sql_format, args.sql_out)
    if args.limit is not None and args.limit < 0:
        raise UsageError(f"--limit must be 0 or more rows, got {args.limit}.")
    console = container.sql_console()
    token = CancelToken()
    started = time.perf_counter()
    # The query runs on a worker so that Ctrl-C (handled on this thread) can interrupt it.
    with cancelling_on_signals(token), ThreadPoolExecutor(1) as pool:
        result = pool.submit(console.run, text, cancel=token).result()
    table = result.table if args.limit is None else result.head(args.limit)
    if args.sql_out is not None:
        console.export_table(table, fmt, args.sql_out)
        print(f"wrote {table.num_rows:,} rows to {args.sql_out}", file=sys.stderr)
    else:
        sys.stdout.write(console.text(table, fmt))
    shown = result.shown_text(table.num_rows)
    took = time.perf_counter() - started
    note = f" ({result.history_note})" if result.history_note else ""
    print(f"{shown} in {took:.3f} s (query {result.elapsed_s:.3f} s){note}", file=sys.stderr)
    return 0
