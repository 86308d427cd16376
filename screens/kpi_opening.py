"""The KPI screen's opening answer, loaded while the app is idle after its first frame.

Opening the KPI screen showed it empty first (composed, styled, laid out and painted), while a
worker queried its filter choices and executive view and drew the charts, sharing the event
loop's thread and both cores with that first paint; its answer was laid out and painted again
in frames of their own. Loaded before the key is pressed, the answer is in hand when the screen
composes: the screen is laid out and painted once, with its figures.

Exact, never stale: the answer is for the snapshot the app had loaded when the load started
(`snapshot_generation`), and the screen takes it only for that same snapshot, and only for what
it opens with (`OPENING_VIEW`, no filters, `OPENING_GRAIN`, the sellers' default minimum).
Otherwise, or when it failed, the screen loads as before. Nothing of this runs before the first
frame (it starts from the app's Ready), nor when `kpi_load_ahead` is off.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future, wait
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.app import App

from domain.cancellation import CancelToken, cancel_scope, token_in_scope
from screens.services import services

if TYPE_CHECKING:  # loaded by the worker, after the first frame (polars, plotext)
    from textual.geometry import Size

    from screens.widgets.kpi_opening_charts import Drawn
    from workbench.application.kpi_filters import Filters
    from workbench.application.kpis import FilterChoices, KpiView

OPENING_VIEW = "executive"  # the view the KPI screen opens on
OPENING_GRAIN = "month"  # of its executive charts
OPENING = "kpi-opening"  # the worker's group
WAIT_STEP_SECONDS = 0.02  # a load waiting for the answer sees its own cancel this often


@dataclass(frozen=True)
class OpeningAnswer:
    """The filter choices and the view the KPI screen opens with, and what they answer."""

    generation: int  # the app's snapshot generation they were loaded from
    choices: FilterChoices
    view: str
    filters: Filters
    grain: str
    least: int  # the sellers' minimum orders
    result: KpiView
    # Its charts, by id, drawn for the screen opened at the app's size then (plotext's ~17 ms
    # off the open): each used only for the look it was drawn for.
    charts: Mapping[str, Drawn] = field(default_factory=dict)


_OPENINGS: WeakKeyDictionary[App[Any], KpiOpening] = WeakKeyDictionary()


class KpiOpening:
    """One load of the opening answer in a thread worker; its result, once, to the screen."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._answer: Future[OpeningAnswer] | None = None
        self._token = CancelToken()
        self._taken = False  # by the KPI screen, opening: it loads for itself from then on

    def start(self) -> None:
        """Load the answer for the snapshot in use, unless the KPI screen has opened."""
        if self._taken or not services(self._app).settings().kpi_load_ahead:
            return
        generation = int(getattr(self._app, "snapshot_generation", 0))
        self._token.cancel()  # one for an older snapshot is of no use
        self._token = token = CancelToken()
        answer = self._answer = Future()
        look = (self._app.size, self._app.theme, dict(self._app.theme_variables))
        self._app.run_worker(
            lambda: self._load(generation, token, answer, look),
            name=OPENING,
            group=OPENING,
            thread=True,
            exit_on_error=False,
        )

    def stop(self) -> None:
        self._token.cancel()

    def take(self) -> Future[OpeningAnswer] | None:
        """The answer (maybe still loading), handed over once: the screen that takes it
        checks it is for the snapshot, view and filters it opens with."""
        answer, self._answer = self._answer, None
        self._taken = True
        return answer

    def _load(
        self,
        generation: int,
        token: CancelToken,
        answer: Future[OpeningAnswer],
        look: tuple[Size, str, dict[str, str]],
    ) -> None:
        """`look`: the app's size, theme and its CSS variables, read on the loop as it started."""
        from screens.widgets.kpi_opening_charts import opening_charts
        from workbench.application.kpi_filters import Filters
        from workbench.application.kpis import SELLER_MIN_ORDERS, ExecutiveView

        try:
            with cancel_scope(token):
                kpis = services(self._app).kpis()
                filters, least = Filters(), SELLER_MIN_ORDERS
                choices = kpis.choices()
                result = kpis.view(OPENING_VIEW, filters, OPENING_GRAIN, least)
        except Exception as error:  # the screen's own load will meet it again and say so
            answer.set_exception(error)
            return
        charts: Mapping[str, Drawn] = {}
        with suppress(Exception):  # not drawn: the screen draws them as it paints, as before
            if isinstance(result, ExecutiveView):
                charts = opening_charts(result, filters, OPENING_GRAIN, *look)
        answer.set_result(
            OpeningAnswer(
                generation, choices, OPENING_VIEW, filters, OPENING_GRAIN, least, result, charts
            )
        )


def opening_of(app: App[Any]) -> KpiOpening:
    if app not in _OPENINGS:
        _OPENINGS[app] = KpiOpening(app)
    return _OPENINGS[app]


def answer_for(
    opening: Future[OpeningAnswer] | None, wanted: tuple[int, str, Filters, str, int]
) -> OpeningAnswer | None:
    """The answer `opening` loads (waited for), if it answers `wanted` (the snapshot generation,
    view, filters, grain and sellers' minimum orders a screen opens with); None if not, or if
    its load failed. A load waiting for it (in its worker) can still be cancelled."""
    if opening is None:
        return None
    token = token_in_scope()
    while not wait([opening], WAIT_STEP_SECONDS).done:
        token.raise_if_cancelled()
    if opening.exception() is not None:
        return None
    answer = opening.result()
    found = (answer.generation, answer.view, answer.filters, answer.grain, answer.least)
    return answer if found == wanted else None
