"""What the operations verbs do (issue 20): status, snapshots, alerts, metadata backup."""

from __future__ import annotations

import argparse
import sys
import time

from workbench.application.status_formats import render, serve
from workbench.container import Container
from workbench.exit_codes import ExitCode


def operations(container: Container, args: argparse.Namespace) -> int:
    if args.command == "status":
        return status(container, args)
    raise AssertionError(f"not an operations command: {args.command}")


def status(container: Container, args: argparse.Namespace) -> int:
    """Print the health in the chosen format; exit 1 when unhealthy. With --serve, serve it."""
    hours = args.max_age or container.settings().status_max_age_hours
    service = container.status()
    if args.serve:
        server, _ = serve(lambda: service.health(hours * 3600), args.serve)
        print(
            f"serving the status metrics at http://127.0.0.1:{args.serve}/metrics (Ctrl-C stops)",
            file=sys.stderr,
        )
        try:
            while True:
                time.sleep(3600)
        finally:
            server.shutdown()
    health = service.health(hours * 3600)
    sys.stdout.write(render(health, args.status_format))
    return ExitCode.OK if health.healthy else ExitCode.QUALITY
