"""What every benchmark shares: generated datasets cached by scale and seed, median timings,
results appended to their file."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "olist-bench"


def dataset(cache: Path, scale: float, seed: int) -> Path:
    """The generated dataset for (scale, seed) in the cache, generated once."""
    from infrastructure.generator import generate

    folder = cache / f"scale-{scale:g}-seed-{seed}"
    if not (folder / ".complete").exists():
        generate(folder, scale, seed)
        (folder / ".complete").touch()
    return folder


def median_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def append_results(path: Path, text: str) -> None:
    """Add a run's report to the end of its results file (the earlier runs stay above it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(text + "\n")
