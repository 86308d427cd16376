"""`workbench status` as text, JSON or Prometheus exposition (prometheus-client), and served.

Metric names (README "Operations"): every gauge is prefixed `workbench_`; ages are seconds, sizes
bytes, timestamps Unix seconds, as Prometheus' conventions ask.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, generate_latest, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from domain.entities.ingestion_run import RunStatus
from workbench.application.status import Health

FORMATS = ("text", "json", "prometheus")


def as_text(health: Health) -> str:
    lines = [f"status      {'healthy' if health.healthy else 'UNHEALTHY'}"]
    lines += [f"problem     {problem}" for problem in health.problems]
    run = health.last_run
    if not health.store_reachable:
        lines.append("last run    unknown (metadata store unreachable)")
    elif run is None:
        lines.append("last run    none yet")
    else:
        lines.append(
            f"last run    #{run.run_id} {run.status}, {_ago(health.last_run_age_s)} ago"
            + (f" ({run.error.splitlines()[0]})" if run.error else "")
        )
    published = health.published
    if not health.store_reachable:
        size = "missing" if health.snapshot_size is None else f"{health.snapshot_size:,} bytes"
        lines.append(f"snapshot    run unknown, file {size}")
    elif published is None:
        lines.append("snapshot    none published")
    else:
        size = "missing" if health.snapshot_size is None else f"{health.snapshot_size:,} bytes"
        lines.append(
            f"snapshot    run #{published.run_id}, published {_ago(health.snapshot_age_s)} ago, "
            f"{size}, limit {health.max_age_s / 3600:g} h"
        )
    failing = (
        ", ".join(f"{count} {severity}" for severity, count in health.failing.items()) or "unknown"
    )
    where = f" (run #{health.failing_run})" if health.failing_run is not None else ""
    lines.append(f"failing     {failing}{where}")
    if health.steps:
        lines.append(
            "steps       " + ", ".join(f"{name} {seconds:.1f}s" for name, seconds in health.steps)
        )
    lines += [f"warehouse   {health.warehouse}", f"store       {health.store}"]
    return "\n".join(lines) + "\n"


def _ago(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172_800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def as_json(health: Health) -> str:
    run, published = health.last_run, health.published
    document: dict[str, Any] = {
        "healthy": health.healthy,
        "problems": list(health.problems),
        "store_reachable": health.store_reachable,
        "checked_at": health.checked_at.isoformat(timespec="seconds"),
        "max_age_seconds": health.max_age_s,
        "last_run": None
        if run is None
        else {
            "run_id": run.run_id,
            "status": str(run.status),
            "age_seconds": round(health.last_run_age_s or 0, 3),
            "error": run.error,
        },
        "snapshot": None
        if published is None
        else {
            "run_id": published.run_id,
            "age_seconds": round(health.snapshot_age_s or 0, 3),
            "size_bytes": health.snapshot_size,
            "path": health.warehouse,
        },
        "failing_rules": dict(health.failing),
        "failing_rules_run_id": health.failing_run,
        "steps": [{"step": name, "seconds": round(s, 3)} for name, s in health.steps],
        "store": health.store,
    }
    return json.dumps(document, indent=2) + "\n"


class HealthCollector(Collector):
    """A prometheus-client collector that reads the health afresh at every scrape."""

    def __init__(self, health: Callable[[], Health]) -> None:
        self._health = health

    def collect(self) -> Iterator[Metric]:
        return iter(metrics(self._health()))


def metrics(health: Health) -> list[Metric]:
    def gauge(
        name: str, doc: str, value: float | None, labels: dict[str, str] | None = None
    ) -> Any:
        family = GaugeMetricFamily(f"workbench_{name}", doc, labels=list(labels or {}))
        if value is not None:
            family.add_metric(list((labels or {}).values()), value)
        return family

    run, published = health.last_run, health.published
    found = [
        gauge("healthy", "1 when the status checks pass, else 0", float(health.healthy)),
        gauge("max_age_seconds", "freshness limit of the published snapshot", health.max_age_s),
        gauge(
            "store_up",
            "1 when the metadata store answered, 0 when it is unreachable",
            float(health.store_reachable),
        ),
    ]
    status = GaugeMetricFamily(
        "workbench_last_run_status", "1 for the last run's status", labels=["status"]
    )
    for each in RunStatus if health.store_reachable else ():  # unknown: no sample
        status.add_metric([str(each)], float(run is not None and run.status is each))
    found += [
        status,
        gauge("last_run_id", "id of the last ingestion run", None if run is None else run.run_id),
        gauge("last_run_age_seconds", "seconds since the last run ended", health.last_run_age_s),
        gauge(
            "snapshot_run_id",
            "run that published the warehouse",
            None if published is None else published.run_id,
        ),
        gauge("snapshot_age_seconds", "seconds since it was published", health.snapshot_age_s),
        gauge("snapshot_size_bytes", "size of the published warehouse file", health.snapshot_size),
    ]
    failing = GaugeMetricFamily(
        "workbench_failing_rules",
        "quality rules failing in the latest checked run",
        labels=["severity"],
    )
    for severity, count in health.failing.items():
        failing.add_metric([severity], float(count))
    steps = GaugeMetricFamily(
        "workbench_step_duration_seconds", "duration of each step of the last run", labels=["step"]
    )
    for name, seconds in health.steps:
        steps.add_metric([name], seconds)
    return [*found, failing, steps]


def as_prometheus(health: Health) -> str:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(HealthCollector(lambda: health))
    return generate_latest(registry).decode()


def render(health: Health, fmt: str) -> str:
    return {"text": as_text, "json": as_json, "prometheus": as_prometheus}[fmt](health)


def serve(health: Callable[[], Health], port: int, host: str = "127.0.0.1") -> Any:
    """Serve /metrics on host:port from a daemon thread (prometheus-client's own server);
    returns (server, thread) so a caller can stop it."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(HealthCollector(health))
    return start_http_server(port, addr=host, registry=registry)
