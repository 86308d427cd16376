"""The Segments screen's opening figures, loaded while the app is idle after its first frame
(`screens.idle_load`): the segment summary (shown and fitted as its table shows it), the people
not scored, the rule table and the R × F grid.

The screen takes them only if loaded by the time it mounts, for the snapshot it opens on, and
the grid it opens with (R × F); otherwise it loads as before (~10 ms of queries at scale 1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from screens.idle_load import IdleLoad
from screens.services import services

if TYPE_CHECKING:  # loaded by the worker, after the first frame (polars)
    import polars as pl

    from workbench.application.segment_figures import Unscored
    from workbench.presentation.table_fit import FittedTable

OPENING_GRID = "f"  # the score grid the Segments screen opens with (R × F)
OPENING = "segments-opening"  # the worker's group


@dataclass(frozen=True)
class SegmentsOpeningAnswer:
    """What the Segments screen opens with, and the snapshot it was loaded from."""

    generation: int
    summary: pl.DataFrame
    unscored: Unscored
    definitions: pl.DataFrame
    grid: pl.DataFrame  # OPENING_GRID's
    summary_shown: pl.DataFrame  # the summary as its table shows it (`summary_display`)
    summary_fit: FittedTable  # fitted to no room in particular (~9 ms of polars at scale 1)


class SegmentsOpening(IdleLoad["SegmentsOpeningAnswer"]):
    """The Segments screen's opening figures (`IdleLoad`)."""

    GROUP = OPENING

    def take(self, generation: int) -> SegmentsOpeningAnswer | None:
        """The figures, once, if loaded by now without failing, for snapshot `generation`."""
        answer = self.hand_over()
        self.stop()  # a load still running is of no use now
        if answer is None or not answer.done() or answer.exception() is not None:
            return None
        figures = answer.result()
        return figures if figures.generation == generation else None

    def loader(self, generation: int) -> Callable[[], SegmentsOpeningAnswer]:
        return lambda: self._load(generation)

    def _load(self, generation: int) -> SegmentsOpeningAnswer:
        # The screen's module (polars, its widgets) is loaded here, not on the key's answer.
        from screens.segments import SUMMARY_KINDS, summary_display
        from workbench.presentation.table_fit import fit_table

        segments = services(self.app).segments()
        summary = segments.summary()
        shown = summary_display(summary)
        return SegmentsOpeningAnswer(
            generation,
            summary,
            segments.unscored(),
            segments.definitions(),
            segments.grid(OPENING_GRID),
            shown,
            fit_table(shown, kinds=SUMMARY_KINDS, paged=True),
        )
