"""The demo dataset: generated once per (scale, seed) into the data dir, then ingested."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the settings read the scale and seed rules: they must not load ingestion
    from domain.cancellation import CancelToken
    from workbench.application.ingestion import IngestionOutcome, IngestionService
    from workbench.application.runs import RunHistoryService


class DatasetGenerator(Protocol):
    def __call__(
        self,
        out_dir: Path,
        scale: float,
        seed: int,
        *,
        as_zip: bool = ...,
        progress: Callable[[str], None] | None = ...,
    ) -> object: ...


SMALLEST_SCALE, LARGEST_SCALE = 0.001, 100.0  # datasets the generator writes (1 = real size)
SCALE_RULE = f"a number from {SMALLEST_SCALE:g} to {LARGEST_SCALE:g} (1 = real size)"
SEED_RULE = "an integer >= 0"


def dataset_scale(raw: object) -> float:
    """A generator scale within the allowed range (not NaN or infinite); ValueError otherwise."""
    scale = float(raw)  # type: ignore[arg-type]  # a str or number from a flag, env or file
    if not SMALLEST_SCALE <= scale <= LARGEST_SCALE:  # also refuses NaN
        raise ValueError(f"expected {SCALE_RULE}")
    return scale


def dataset_seed(raw: object) -> int:
    """A generator seed (its random generator takes none below 0); ValueError otherwise."""
    if isinstance(raw, bool | float):
        raise ValueError(f"expected {SEED_RULE}")
    seed: int = int(raw)  # type: ignore[call-overload]
    if seed < 0:
        raise ValueError(f"expected {SEED_RULE}")
    return seed


# Written last into a demo folder: a folder without it was left half-written.
COMPLETE = ".complete"


class DemoService:
    def __init__(
        self,
        generate: DatasetGenerator,
        ingestion: IngestionService,
        runs: RunHistoryService,
        data_dir: Path,
        warehouse_path: Path,
    ) -> None:
        self._generate = generate
        self._ingestion = ingestion
        self._runs = runs
        self._data_dir = data_dir
        self._warehouse_path = warehouse_path

    def dataset_dir(self, scale: float, seed: int) -> Path:
        return self._data_dir / "demo" / f"scale-{scale:g}-seed-{seed}"

    def has_dataset(self, scale: float, seed: int) -> bool:
        """True when the demo folder was written to the end (a marker file says so)."""
        return (self.dataset_dir(scale, seed) / COMPLETE).exists()

    def ensure_dataset(
        self, scale: float, seed: int, progress: Callable[[str], None] | None = None
    ) -> Path:
        """The demo folder, generated now if it is not there (or was left half-written)."""
        folder = self.dataset_dir(scale, seed)
        if not self.has_dataset(scale, seed):
            self._generate(folder, scale, seed, progress=progress)
            (folder / COMPLETE).touch()
        return folder

    def is_published(self, folder: Path) -> bool:
        published = self._runs.latest_published()
        return (
            published is not None
            and published.source_path == str(folder)
            and self._warehouse_path.exists()
        )

    def generate_and_ingest(
        self,
        scale: float,
        seed: int,
        cancel: CancelToken | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> IngestionOutcome:
        dataset = self.ensure_dataset(scale, seed, progress)
        return self._ingestion.ingest(dataset, cancel, started_by="workbench: demo")
