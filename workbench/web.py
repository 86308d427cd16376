"""`workbench serve`: the same Textual app in a browser, through textual-serve.

textual-serve starts one `workbench` process per browser tab and relays its terminal over a
websocket. It has no authentication of its own: it listens on the loopback interface unless
`--allow-remote` is given with another host (and then says loudly that anyone who reaches the
port drives the workbench); a team puts it behind a reverse proxy that authenticates (README).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from workbench.application.errors import UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TITLE = "Olist Analyst Workbench"
# The configuration flags given to `serve`, handed to each tab's workbench process as the
# WORKBENCH_* variables they override (never on its command line, which textual-serve prints
# and `ps` shows: a metadata DSN may hold a password).
PASSED_ON = (
    ("config", "WORKBENCH_CONFIG"),
    ("data_dir", "WORKBENCH_DATA_DIR"),
    ("warehouse_path", "WORKBENCH_WAREHOUSE_PATH"),
    ("metadata_dsn", "WORKBENCH_METADATA_DSN"),
    ("sqlite_path", "WORKBENCH_SQLITE_PATH"),
    ("snapshots_keep", "WORKBENCH_SNAPSHOTS_KEEP"),
)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    parser.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}"
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a non-loopback --host; textual-serve has no authentication: put a reverse "
        "proxy with authentication in front (see the README)",
    )
    parser.add_argument(
        "--public-url",
        help="the URL browsers reach the app at, when behind a reverse proxy "
        "(e.g. https://workbench.example.com)",
    )


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is outside 1-65535")
    return port


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and `localhost` reach only this machine; any other name or address may
    be reachable from the network."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command() -> str:
    """The command line textual-serve runs per browser tab: this Python, the workbench's TUI."""
    return shlex.join([sys.executable, "-m", "workbench.cli"])


def app_environment(args: argparse.Namespace) -> dict[str, str]:
    """The WORKBENCH_* variables carrying the configuration flags given to `serve` (a flag
    outranks the environment, so each replaces the variable it names)."""
    environment = {}
    for attribute, variable in PASSED_ON:
        value = getattr(args, attribute, None)
        if value is not None:
            environment[variable] = (
                str(Path(value).resolve()) if isinstance(value, Path) else str(value)
            )
    return environment


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def serve(args: argparse.Namespace, say: Callable[[str], None] | None = None) -> int:
    """Serve the TUI over HTTP until Ctrl+C (or SIGTERM)."""
    say = say or (lambda line: print(line, file=sys.stderr, flush=True))
    host: str = args.host
    if not is_loopback(host) and not args.allow_remote:
        raise UsageError(
            f"--host {host} is reachable from other machines and textual-serve has no "
            "authentication: add --allow-remote to mean it (and put a reverse proxy with "
            "authentication in front, see the README), or keep the default 127.0.0.1."
        )
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UsageError(
            "workbench serve needs the web extra: pip install 'olist-workbench[web]'"
        ) from None
    url = args.public_url or url_of(host, args.port)
    if not is_loopback(host):
        say(
            f"WARNING: listening on {host}:{args.port} WITHOUT authentication: anyone who "
            "reaches this port can read the warehouse and run ingestions. Put a reverse proxy "
            "with authentication in front of it (README: 'In a browser')."
        )
    os.environ.update(app_environment(args))  # each tab's process inherits the environment
    server = Server(app_command(), host=host, port=args.port, title=TITLE, public_url=url)
    say(f"workbench: open {url}/ in a browser (one workbench per tab); Ctrl+C stops the server")
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this machine's
        reason = error.strerror or str(error)
        raise UsageError(f"cannot listen on {host}:{args.port}: {reason}") from None
    return 0
