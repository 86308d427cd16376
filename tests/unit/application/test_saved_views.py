"""SavedViewsService on the in-memory metadata store fake."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidValue
from domain.value_objects.date_range import DateRange
from tests.unit.application.fakes import FakeMetadataStore
from workbench.application.kpi_filters import Filters
from workbench.application.saved_views import SavedView, SavedViewsService


def test_a_view_is_saved_with_its_filters_as_entered_and_read_back() -> None:
    store = FakeMetadataStore()
    service = SavedViewsService(store, user="ana")
    filters = Filters(DateRange(date(2018, 1, 1), date(2018, 3, 31)), ("SP", "RJ"), ("toys",))
    saved = service.save("  south   east ", "states", "week", filters)
    assert saved == SavedView(
        "south east", "states", "week", "2018-01-01", "2018-03-31", ("SP", "RJ"), ("toys",), "ana"
    )
    assert store.views["south east"].filters["states"] == ["SP", "RJ"]
    assert service.list() == [saved] and service.get("south east") == saved
    assert saved.describe() == "states by week · 2018-01-01 → 2018-03-31 · SP, RJ · toys"


def test_bad_names_and_unknown_views_are_refused_and_deleting_twice_says_so() -> None:
    service = SavedViewsService(FakeMetadataStore(), user="")
    with pytest.raises(InvalidValue, match="needs a name"):
        service.save("  ", "executive", "month", Filters())
    with pytest.raises(InvalidValue, match="no KPI view 'weather'"):
        service.save("x", "weather", "month", Filters())
    service.save("x", "executive", "day", Filters())
    assert (
        service.get("x").describe() == "executive by day · all dates · all states · all categories"
    )
    service.delete("x")
    with pytest.raises(InvalidValue, match="no saved view 'x'"):
        service.delete("x")
