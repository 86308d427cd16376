"""The KPI screen's opening answer, loaded while the app is idle after its first frame
(`screens.idle_load`): its filter choices, executive view and the view's two charts drawn.

The screen takes it only for the snapshot it opens on, and only for what it opens with
(`OPENING_VIEW`, no filters, `OPENING_GRAIN`, the sellers' default minimum); still loading, the
screen waits for it (cancellable) instead of querying again. Not loaded when `kpi_load_ahead`
is off.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, wait
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from domain.cancellation import token_in_scope
from screens.idle_load import IdleLoad
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


class KpiOpening(IdleLoad["OpeningAnswer"]):
    """The KPI screen's opening answer (`IdleLoad`): its filter choices, executive view and
    charts."""

    GROUP = OPENING

    def wanted(self) -> bool:
        return services(self.app).settings().kpi_load_ahead

    def loader(self, generation: int) -> Callable[[], OpeningAnswer]:
        # The app's size, theme and its CSS variables, read on the loop as the load starts.
        look = (self.app.size, self.app.theme, dict(self.app.theme_variables))
        return lambda: self._load(generation, look)

    def _load(self, generation: int, look: tuple[Size, str, dict[str, str]]) -> OpeningAnswer:
        from screens.widgets.kpi_opening_charts import opening_charts
        from workbench.application.kpi_filters import Filters
        from workbench.application.kpis import SELLER_MIN_ORDERS, ExecutiveView

        kpis = services(self.app).kpis()
        filters, least = Filters(), SELLER_MIN_ORDERS
        choices = kpis.choices()
        result = kpis.view(OPENING_VIEW, filters, OPENING_GRAIN, least)
        charts: Mapping[str, Drawn] = {}
        with suppress(Exception):  # not drawn: the screen draws them as it paints, as before
            if isinstance(result, ExecutiveView):
                charts = opening_charts(result, filters, OPENING_GRAIN, *look)
        return OpeningAnswer(
            generation, choices, OPENING_VIEW, filters, OPENING_GRAIN, least, result, charts
        )


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
