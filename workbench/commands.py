"""What each command line verb does, in terms of the container's services."""

from __future__ import annotations

import argparse
import sys

from workbench.config import Settings
from workbench.container import build_container
from workbench.errors import UsageError


def dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "config":
        return show_config(settings)
    if args.command == "generate":
        return generate(args)
    if args.command == "runs":
        return list_runs(settings)
    if args.batch:
        raise UsageError("--batch needs the ingestion pipeline, which is not available yet.")
    return run_tui(settings)


def show_config(settings: Settings) -> int:
    rows = settings.shown()
    width = max(len(key) for key, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for key, value, origin in rows:
        print(f"{key:<{width}}  {value:<{value_width}}  ({origin})")
    print(f"{'metadata store':<{width}}  {settings.metadata_label}")
    return 0


def generate(args: argparse.Namespace) -> int:
    from infrastructure.generator import generate as generate_dataset

    if args.scale <= 0:
        raise UsageError(f"--scale must be > 0, got {args.scale}.")
    summary = generate_dataset(
        args.out,
        args.scale,
        args.seed,
        as_zip=args.zip,
        progress=lambda message: print(message, file=sys.stderr),
    )
    total = sum(summary.rows.values())
    print(
        f"wrote {total:,} rows in {len(summary.rows)} files to {summary.out} "
        f"in {summary.seconds:.1f} s"
    )
    return 0


def list_runs(settings: Settings) -> int:
    container = build_container(settings)
    try:
        runs = container.run_history().recent(20)
    finally:
        container.shutdown_resources()
    if not runs:
        print("no runs recorded yet")
    for run in runs:
        duration = f"{run.duration_s:.1f}s" if run.duration_s is not None else "-"
        print(
            f"#{run.run_id:<5} {run.status:<11} {run.started_at:%Y-%m-%d %H:%M}  "
            f"{duration:>7}  {run.source_path}"
        )
    return 0


def run_tui(settings: Settings) -> int:
    from workbench.app import WorkbenchApp

    container = build_container(settings)
    container.run_history().recover_interrupted()  # fail fast on an unreachable store
    try:
        WorkbenchApp(container).run()
    finally:
        container.shutdown_resources()
    return 0
