"""Where `workbench ingest` spends its time: each pipeline step, each SQL model, each source
check and each quality rule, wall and CPU (all threads of the process) side by side.

Usage: python benchmarks/ingest_profile.py [SCALE] [--seed N] [--cache DIR] [--top N] [--timeline]

`--timeline` adds when each model started and ended (ms from the run's start) and on which
worker, and when each pipeline step ended: where a step waits on one model while the other
worker idles.

CPU seconds are the steadier figure on a shared machine: wall time grows with other load, the CPU
a query needs does not (much). Written to benchmarks/results/ingest_profile.txt.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import DEFAULT_CACHE, append_results, dataset

RESULTS = Path(__file__).parent / "results" / "ingest_profile.txt"


class Clock:
    """Wall and process CPU seconds of named pieces of work, and when each ran on which thread."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, float, float]] = []
        self.started = time.perf_counter()
        self.spans: list[tuple[float, float, str, str]] = []  # (start, end, thread, label)

    def wrap(self, label: Callable[..., str], work: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return work(*args, **kwargs)
            finally:
                ended, name = time.perf_counter(), label(*args, **kwargs)
                self.pieces.append((name, ended - wall, time.process_time() - cpu))
                thread = threading.current_thread().name
                self.spans.append((wall - self.started, ended - self.started, thread, name))

        return timed


def _peak_rss_mib_since_last() -> float:
    """This process's peak RSS since the last call (Linux: VmHWM, then reset by clear_refs)."""
    try:
        status = Path("/proc/self/status").read_text()
        lines = status.splitlines()
        peak = next(int(line.split()[1]) for line in lines if line.startswith("VmHWM"))
        Path("/proc/self/clear_refs").write_text("5")
    except (OSError, StopIteration, ValueError):
        return float("nan")
    return peak / 1024


def timeline(clock: Clock, steps_ended: list[tuple[str, float]]) -> list[str]:
    """Each timed piece's start and end (ms from the run's start) and worker, in start order,
    with the pipeline steps' ends between them."""
    rows = [
        (start, f"{start * 1000:7.0f} {end * 1000:7.0f}  {thread:<12} {name}")
        for start, end, thread, name in clock.spans
    ]
    rows += [(at, f"{'':7} {at * 1000:7.0f}  -- step {step} done") for step, at in steps_ended]
    return ["timeline (ms from the run's start: start, end, worker, piece):"] + [
        text for _, text in sorted(rows)
    ]


def profile(source: Path, top: int, show_timeline: bool = False) -> str:
    from domain.events.pipeline import StepCompleted
    from infrastructure.source.source_set import SourceSet
    from infrastructure.warehouse import builder
    from workbench.application.config import load_settings
    from workbench.container import build_container

    clock = Clock()
    builder._create = clock.wrap(lambda con, model: f"model {model.name}", builder._create)  # type: ignore[attr-defined]
    for name in ("raise_first_rejected_row", "raise_first_inexact_value", "create_source_view"):
        if hasattr(builder, name):
            setattr(
                builder,
                name,
                clock.wrap(
                    lambda con, contract, *a, _n=name: f"{_n} {contract.table}",
                    getattr(builder, name),
                ),
            )
    SourceSet.source_columns = clock.wrap(  # type: ignore[method-assign]
        lambda source: "schema-drift sniff (source_columns)", SourceSet.source_columns
    )
    builder.profile_warehouse = clock.wrap(  # type: ignore[attr-defined]
        lambda con, counts: "monitor profile (profile_warehouse)", builder.profile_warehouse
    )
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ingest-profile-") as data_dir:
        container = build_container(load_settings({"data_dir": Path(data_dir)}, env={}))
        steps: list[tuple[str, float, float]] = []
        steps_ended: list[tuple[str, float]] = []
        cpu_marks = [time.process_time()]

        def step_done(event: StepCompleted) -> None:
            cpu_marks.append(time.process_time())
            steps_ended.append((str(event.step), time.perf_counter() - clock.started))
            steps.append(
                (
                    str(event.step),
                    event.duration_ms / 1000,
                    cpu_marks[-1] - cpu_marks[-2],
                    _peak_rss_mib_since_last(),
                )
            )

        container.events().subscribe(StepCompleted, step_done)
        _peak_rss_mib_since_last()
        wall, cpu = time.perf_counter(), time.process_time()
        cpu_marks[0] = cpu
        clock.started = wall
        outcome = container.ingestion().ingest(source)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        size = container.settings().warehouse_path.stat().st_size
        container.shutdown_resources()
    assert outcome.published, outcome.message
    lines.append(
        f"total (in process, after imports): wall {wall:.2f} s, CPU {cpu:.2f} s, "
        f"warehouse {size / 1e6:.0f} MB"
    )
    lines.append(
        "steps (wall s / CPU s / peak RSS MiB): "
        + ", ".join(f"{s} {w:.2f}/{c:.2f}/{m:,.0f}" for s, w, c, m in steps)
    )
    lines.append(f"{'piece':<48} {'wall s':>7} {'CPU s':>7}")
    for label, w, c in sorted(clock.pieces, key=lambda p: -p[2])[:top]:
        lines.append(f"{label:<48} {w:>7.2f} {c:>7.2f}")
    assert outcome.gate is not None
    rules = sorted(outcome.gate.outcomes, key=lambda o: -o.duration_ms)
    lines.append(
        f"quality rules ({len(rules)}, 2 at once; wall s each, summed "
        f"{sum(o.duration_ms for o in rules) / 1000:.2f}):"
    )
    for rule in rules[:top]:
        lines.append(f"  {rule.rule_id:<46} {rule.duration_ms / 1000:>7.2f}")
    if show_timeline:
        lines += timeline(clock, steps_ended)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scale", nargs="?", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--timeline", action="store_true", help="when each model ran, on which worker"
    )
    args = parser.parse_args()
    source = dataset(args.cache, args.scale, args.seed)
    load = os.getloadavg()[0]
    text = profile(source, args.top, args.timeline)
    header = (
        f"# ingest profile, scale {args.scale:g}, {time.strftime('%Y-%m-%d %H:%M')} UTC, "
        f"{os.cpu_count()} CPUs, load average {load:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end"
    )
    text = header + "\n" + text
    append_results(RESULTS, text)
    print(text)


if __name__ == "__main__":
    main()
