"""What each run measured, kept per run so monitors learn from the history of published runs."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence

from domain.entities.monitor import SourceColumn


class RunProfiles(ABC):
    @abstractmethod
    def save_profile(self, run_id: int, metrics: Mapping[str, float]) -> None:
        """Store (or replace) the measurements of run `run_id`."""

    @abstractmethod
    def save_source_columns(self, run_id: int, columns: Sequence[SourceColumn]) -> None:
        """Store (or replace) the columns run `run_id` found in its source files."""

    @abstractmethod
    def profile(self, run_id: int) -> dict[str, float]:
        """The measurements of run `run_id` (empty when none were stored)."""

    @abstractmethod
    def published_history(self, run_id: int, runs: int) -> list[dict[str, float]]:
        """Profiles of the `runs` latest published runs before `run_id` of its warehouse,
        newest first (runs without a stored profile are left out)."""

    @abstractmethod
    def source_columns(self, run_id: int) -> tuple[SourceColumn, ...]:
        """The source columns run `run_id` found (empty when none were stored)."""
