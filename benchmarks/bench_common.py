"""What every benchmark shares: generated datasets cached by scale and seed, median timings."""

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
