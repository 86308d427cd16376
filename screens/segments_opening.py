"""The Segments screen's opening figures, loaded while the app is idle after its first frame.

Opening Segments composed the screen empty and started its loads (the segment summary, the
score grid): ~10 ms of queries at scale 1, but their workers shared the GIL with the loop
composing and painting, so their answers came in after the screen's first layout, to be laid
out and painted again in frames of their own. Loaded before the key is pressed, the figures
are in hand when the screen mounts: it is laid out and painted once, with them.

Exact, never stale: the figures are for the snapshot the app had loaded when the load started
(`snapshot_generation`), and the screen takes them only for that same snapshot and the grid it
opens with (R × F). Otherwise, still loading, or when the load failed, the screen loads as
before. Nothing of this runs before the first frame (it starts from the app's Ready).
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.app import App

from domain.cancellation import CancelToken, cancel_scope
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


_OPENINGS: WeakKeyDictionary[App[Any], SegmentsOpening] = WeakKeyDictionary()


class SegmentsOpening:
    """One load of the opening figures in a thread worker; handed once to the screen."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._answer: Future[SegmentsOpeningAnswer] | None = None
        self._token = CancelToken()
        self._taken = False  # by the Segments screen, opening: it loads for itself from then on

    def start(self) -> None:
        """Load the figures for the snapshot in use, unless the Segments screen has opened."""
        if self._taken:
            return
        generation = int(getattr(self._app, "snapshot_generation", 0))
        self._token.cancel()  # figures of an older snapshot are of no use
        self._token = token = CancelToken()
        answer = self._answer = Future()
        self._app.run_worker(
            lambda: self._load(generation, token, answer),
            name=OPENING,
            group=OPENING,
            thread=True,
            exit_on_error=False,
        )

    def stop(self) -> None:
        self._token.cancel()

    def take(self, generation: int) -> SegmentsOpeningAnswer | None:
        """The figures, once, if loaded by now without failing, for snapshot `generation`."""
        answer, self._answer = self._answer, None
        self._taken = True
        self._token.cancel()  # a load still running is of no use now
        if answer is None or not answer.done() or answer.exception() is not None:
            return None
        figures = answer.result()
        return figures if figures.generation == generation else None

    def _load(
        self, generation: int, token: CancelToken, answer: Future[SegmentsOpeningAnswer]
    ) -> None:
        # The screen's module (polars, its widgets) is loaded here, not on the key's answer.
        from screens.segments import SUMMARY_KINDS, summary_display
        from workbench.presentation.table_fit import fit_table

        try:
            with cancel_scope(token):
                segments = services(self._app).segments()
                summary = segments.summary()
                shown = summary_display(summary)
                figures = SegmentsOpeningAnswer(
                    generation,
                    summary,
                    segments.unscored(),
                    segments.definitions(),
                    segments.grid(OPENING_GRID),
                    shown,
                    fit_table(shown, kinds=SUMMARY_KINDS, paged=True),
                )
        except Exception as error:  # (no snapshot yet, cancelled): the screen loads for itself
            answer.set_exception(error)
            return
        answer.set_result(figures)


def segments_opening_of(app: App[Any]) -> SegmentsOpening:
    if app not in _OPENINGS:
        _OPENINGS[app] = SegmentsOpening(app)
    return _OPENINGS[app]
