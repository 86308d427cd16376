"""Alerts delivered to a local HTTP server on 127.0.0.1 and to a command: the payload, retries
with backoff, a server that is down or hangs (bounded time), never stopping a publish; every
attempt recorded and listed by `workbench alerts`."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from domain.entities.ingestion_run import RunStatus
from domain.entities.operations import AlertAttempt
from domain.entities.quality import Severity
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import RunFailed
from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from tests.integration.operations.conftest import Cli, drop_reviews
from workbench.application.alerts import AlertService, AlertSettings
from workbench.application.config import load_settings


class Hook:
    """A webhook on 127.0.0.1: answers each POST with the next status of `statuses` (then 200),
    or never answers when `hang` is set; keeps the bodies it received."""

    def __init__(self, statuses: tuple[int, ...] = (), hang: bool = False) -> None:
        self.bodies: list[dict[str, object]] = []
        self.statuses = list(statuses)
        self.released = threading.Event()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.bodies.append(json.loads(body))
                if hang:
                    hook.released.wait(60)
                    return
                status = hook.statuses.pop(0) if hook.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook() -> Iterator[Hook]:
    server = Hook()
    yield server
    server.close()


def config(tmp_path: Path, **alerts: object) -> str:
    lines = ["[alerts]"] + [f"{key} = {json.dumps(value)}" for key, value in alerts.items()]
    path = tmp_path / "config.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_flip_and_failing_rules_reach_the_webhook_as_slack_compatible_json(
    cli: Cli, source: Path, hook: Hook, tmp_path: Path
) -> None:
    cfg = config(tmp_path, webhook_url=hook.url, min_severity="error")
    assert cli("--config", cfg, "ingest", str(source))[0] == 0
    assert hook.bodies == []  # nothing at error or above failed, nothing flipped
    drop_reviews(source)
    code, out, _ = cli("--config", cfg, "ingest", str(source))
    assert code == 0, out  # reviews.volume is an error, not critical: published
    kinds = {body["kind"]: body for body in hook.bodies}
    assert set(kinds) == {"rule_flipped", "rules_failing"}
    flip = kinds["rule_flipped"]
    assert isinstance(flip["text"], str) and "reviews.volume" in flip["text"]
    assert flip["severity"] == "error" and flip["run_id"] == 2
    assert flip["details"] == {
        "rules": [{"rule_id": "reviews.volume", "severity": "error", "failing_rows": 3}]
    }

    code, out, _ = cli("--config", cfg, "alerts")
    assert code == 0
    assert out.count("try 1 sent (HTTP 200)") == 2 and "webhook 127.0.0.1" in out
    assert hook.url not in out  # the hook's URL is its secret
    code, out, _ = cli("--config", cfg, "config", "show")
    assert (
        f"webhook http://{hook.url.split('/')[2]}/…; min_severity error, 3 attempts of 5 s" in out
    )
    assert hook.url not in out


def test_a_blocked_run_alerts_whatever_the_min_severity(
    cli: Cli, source: Path, hook: Hook, tmp_path: Path
) -> None:
    cfg = config(tmp_path, webhook_url=hook.url, min_severity="critical")
    orders = source / "olist_orders_dataset.csv"
    lines = orders.read_text().splitlines()
    orders.write_text("\n".join([*lines, lines[1]]) + "\n")  # a duplicate order: critical
    code, _, _ = cli("--config", cfg, "ingest", str(source))
    assert code == 1
    kinds = [body["kind"] for body in hook.bodies]
    assert "run_blocked" in kinds and "rules_failing" in kinds
    blocked = next(b for b in hook.bodies if b["kind"] == "run_blocked")
    assert blocked["severity"] == "critical" and "orders.key.unique" in str(blocked["text"])


def test_retries_with_backoff_until_the_server_accepts(cli: Cli, tmp_path: Path) -> None:
    server = Hook(statuses=(500, 503))
    try:
        cfg = config(tmp_path, webhook_url=server.url, attempts=3, backoff=0.05)
        code, out, _ = cli("--config", cfg, "alerts", "test")
        assert code == 0, out
        assert len(server.bodies) == 3
        assert "try 1 FAILED (HTTP 500" in out and "try 2 FAILED (HTTP 503" in out
        assert "try 3 sent (HTTP 200)" in out
        code, out, _ = cli("--config", cfg, "alerts")
        assert out.count("\n") == 3  # each attempt recorded
    finally:
        server.close()


def test_a_server_that_is_down_fails_the_alert_not_the_publish(
    cli: Cli, source: Path, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{closed_port()}/hook"
    cfg = config(tmp_path, webhook_url=url, min_severity="info", attempts=2, backoff=0.05)
    code, out, _ = cli("--config", cfg, "ingest", str(source))
    assert code == 0 and "published" in out
    code, out, _ = cli("--config", cfg, "alerts")
    assert "try 1 FAILED (Connection refused)" in out and "try 2 FAILED" in out
    assert "snapshot_published" in out
    code, out, err = cli("--config", cfg, "alerts", "test")
    assert code == 1 and "not delivered to: webhook 127.0.0.1" in err


def test_a_server_that_hangs_costs_bounded_time_and_never_the_publish(
    cli: Cli, source: Path, tmp_path: Path
) -> None:
    server = Hook(hang=True)
    try:
        cfg = config(
            tmp_path,
            webhook_url=server.url,
            min_severity="info",
            timeout=0.5,
            attempts=5,
            backoff=0.2,
            deadline=1,
        )
        began = time.monotonic()
        code, out, _ = cli("--config", cfg, "ingest", str(source))
        took = time.monotonic() - began
        assert code == 0 and "published" in out
        # An attempt in flight (0.5 s) past the 1 s deadline at most; the server would hang 60 s.
        assert took < 30
        assert server.bodies  # it was tried
        code, out, _ = cli("--config", cfg, "alerts")
        assert "no answer within 0.5 s" in out
    finally:
        server.close()


def test_a_hanging_hook_holds_the_end_of_a_command_no_longer_than_the_deadline(
    cli: Cli, source: Path, tmp_path: Path
) -> None:
    """An attempt may take `timeout` (20 s here), but the process's end waits `deadline` (1 s)
    in all: not a timeout more, not twice (the drain at exit and at the resources' shutdown),
    and no new attempt starts after it. The publish itself happened before any of it."""
    server = Hook(hang=True)
    try:
        cfg = config(tmp_path, webhook_url=server.url, min_severity="info", timeout=20, deadline=1)
        code, out, err = cli("--config", cfg, "ingest", str(source))
        ended = time.time()
        assert code == 0 and "published" in out
        held = ended - (cli.data / "warehouse.duckdb").stat().st_mtime
        assert held < 10, f"the command ended {held:.1f} s after its publish"
        assert "alerts still undelivered after the [alerts] deadline of 1 s" in err
        assert len(server.bodies) == 1  # the one in flight; none started after the deadline
    finally:
        server.close()


def test_the_command_notifier_gets_the_alert_on_stdin(
    cli: Cli, source: Path, tmp_path: Path
) -> None:
    received = tmp_path / "received.jsonl"
    command = f"sh -c 'cat >> {received}; echo >> {received}'"
    cfg = config(tmp_path, command=command, min_severity="info")
    assert cli("--config", cfg, "ingest", str(source))[0] == 0
    bodies = [json.loads(line) for line in received.read_text().splitlines()]
    assert [b["kind"] for b in bodies] == ["rules_failing", "snapshot_published"]
    assert bodies[1]["run_id"] == 1

    failing = config(tmp_path, command="sh -c 'echo no route >&2; exit 3'", attempts=1)
    code, out, _ = cli("--config", failing, "alerts", "test")
    assert code == 1 and "try 1 FAILED (exit 3: no route)" in out


def test_alert_config_errors_are_one_line_and_exit_2(cli: Cli, tmp_path: Path) -> None:
    for alerts, said in (
        ({"webhook_url": "ftp://x"}, "Invalid value '…' for 'webhook_url' in [alerts]"),
        ({"min_severity": "loud"}, "Invalid value 'loud' for 'min_severity'"),
        ({"attempts": 0}, "expected an integer from 1 to 10"),
        ({"retry": 2}, "Unknown key 'retry' in [alerts]"),
    ):
        code, _, err = cli("--config", config(tmp_path, **alerts), "alerts")
        assert code == 2
        assert said in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("alerts", "test")
    assert code == 2 and "No notifier configured" in err


class _Blocked:
    """A notifier that never returns until released: the worst a far side can do."""

    name = "blocked"

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0

    def send(self, body: bytes, timeout: float) -> str:
        self.calls += 1
        self.release.wait(30)
        return "late"


class _Log:
    def __init__(self) -> None:
        self.attempts: list[AlertAttempt] = []

    def record_delivery(self, attempt: AlertAttempt) -> None:
        self.attempts.append(attempt)

    def deliveries(self, limit: int = 50, warehouse_id: str = "") -> list[AlertAttempt]:
        return self.attempts[:limit]


def test_publishing_an_event_never_waits_for_a_notifier() -> None:
    notifier, log = _Blocked(), _Log()
    settings = AlertSettings(command=("x",), min_severity=Severity.INFO, deadline=0.2)
    service = AlertService(settings, [notifier], log, store=None)  # type: ignore[arg-type]
    events = EventDispatcher()
    service.subscribe(events)
    began = time.monotonic()
    failures = events.publish(
        RunFailed(aggregate_id="7", status=RunStatus.FAILED, message="disk full")
    )
    assert failures == [] and time.monotonic() - began < 10  # the notifier blocks 30 s
    service.drain()  # bounded: deadline + timeout, never the notifier's 30 s
    notifier.release.set()


def test_config_show_lists_the_alerts_without_the_secrets_of_a_slack_hook(
    cli: Cli, tmp_path: Path
) -> None:
    token = "T0AAA1111/B0BBB2222/xoxbSECRETtoken1234"
    cfg = config(
        tmp_path,
        webhook_url=f"https://hooks.slack.com/services/{token}?key=QUERYSECRET",
        command="/usr/local/bin/page-oncall --token ARGSECRET",
        min_severity="warning",
        attempts=4,
        timeout=2.5,
        backoff=0.5,
        deadline=10,
    )
    code, out, _ = cli("--config", cfg, "config", "show")
    assert code == 0
    line = next(row for row in out.splitlines() if row.startswith("alerts "))
    assert line.split(None, 1)[1] == (
        "webhook https://hooks.slack.com/…, command /usr/local/bin/page-oncall …; "
        "min_severity warning, 4 attempts of 2.5 s, backoff 0.5 s, deadline 10 s"
    )
    for secret in ("xoxb", "T0AAA", "B0BBB", "QUERYSECRET", "ARGSECRET"):
        assert secret not in out
    assert "status_max_age_hours" in out


def test_a_run_whose_process_died_is_alerted_when_the_next_start_finds_it(
    cli: Cli, tmp_path: Path
) -> None:
    received = tmp_path / "received.jsonl"
    cfg = config(tmp_path, command=f"sh -c 'cat >> {received}; echo >> {received}'")
    settings = load_settings({"data_dir": cli.data}, env={}, config_file=None)
    store = SqliteMetadataStore(settings.sqlite_path)
    dead_pid = int(Path("/proc/sys/kernel/pid_max").read_text()) + 1  # no process has it
    run_id = store.start_run(
        "/data/olist", "", socket.gethostname(), dead_pid, settings.warehouse_id
    )
    store.close()

    code, out, _ = cli("--config", cfg, "status")  # a cron health check finds it
    assert code == 1 and f"the last run #{run_id} interrupted" in out
    (body,) = [json.loads(line) for line in received.read_text().splitlines()]
    assert body["kind"] == "run_failed" and body["run_id"] == run_id
    assert "interrupted" in str(body["text"])
