"""KpiService on a fake warehouse: filters from user input, and which named queries run with
which bound parameters for a view, its previous period and a drill-down."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import polars as pl
import pytest
from fakes import FakeWarehouse

from domain.errors import InvalidValue
from domain.services.seller_health import SellerHealth
from domain.value_objects.date_range import DateRange
from workbench.application.kpi_filters import Drill, Filters
from workbench.application.kpi_tiles import TILES
from workbench.application.kpis import (
    DECLINE_POINTS,
    DELIVERY_MAX_DAYS,
    MIN_RECENT_ORDERS,
    RECENT_DAYS,
    FilterChoices,
    KpiService,
)

FIRST, LAST = date(2016, 9, 4), date(2018, 10, 17)
CHOICES = pl.DataFrame(
    {"filter": ["state", "state", "category"], "value": ["SP", "RJ", "pc_gamer"]}
)
SPAN = pl.DataFrame({"first_day": [FIRST], "last_day": [LAST]})
NO_FILTER = dict.fromkeys(("date_from", "date_to", "states", "categories"))
MONTHS = {"grain": "month"}


def warehouse(**answers: Any) -> FakeWarehouse:
    return FakeWarehouse({"kpi_filter_choices": CHOICES, "kpi_data_span": SPAN, **answers})


def monthly(params: dict[str, Any]) -> pl.DataFrame:
    """kpi_monthly's shape: a total row and one month; figures that tell the periods apart."""
    figure = 200 if params["date_from"] == date(2018, 3, 1) else 100
    row = {key: figure for key, _, _ in TILES} | {
        "delivered_orders": figure,
        "canceled_orders": figure // 4,
        "unavailable_orders": figure // 5,
        "period": date(2018, 3, 1),
    }
    return pl.DataFrame([row | {"is_total": True}, row | {"is_total": False}])


def test_without_dates_or_category_the_filters_need_no_query() -> None:
    fake = warehouse()
    assert KpiService(fake).filters(states=" rj ") == Filters(states=("RJ",))
    assert KpiService(fake).filters("", " ", "", "  ") == Filters()
    assert fake.calls == []


def test_an_open_end_of_the_period_is_the_datas_first_or_last_day() -> None:
    service = KpiService(warehouse())
    assert service.filters(date_from="2018-01-01").period == DateRange(date(2018, 1, 1), LAST)
    assert service.filters(date_to="2017-01-31").period == DateRange(FIRST, date(2017, 1, 31))


def test_a_category_must_be_one_the_warehouse_holds() -> None:
    service = KpiService(warehouse())
    assert service.filters(categories=" pc_gamer ").categories == ("pc_gamer",)
    with pytest.raises(InvalidValue, match="no category 'toys' in the warehouse"):
        service.filters(categories="toys")


def test_choices_held_by_the_caller_are_used_instead_of_querying_again() -> None:
    fake = warehouse()
    choices = FilterChoices(("SP",), ("books",), DateRange(date(2017, 1, 1), date(2017, 12, 31)))
    filters = KpiService(fake).filters("2017-06-01", None, "sp", "books", choices=choices)
    assert filters == Filters(DateRange(date(2017, 6, 1), date(2017, 12, 31)), ("SP",), ("books",))
    assert fake.calls == []


def test_choices_list_states_and_categories_and_the_span() -> None:
    choices = KpiService(warehouse()).choices()
    assert choices == FilterChoices(("SP", "RJ"), ("pc_gamer",), DateRange(FIRST, LAST))


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"date_from": "2018-02-30"}, "'from' date '2018-02-30' is not a day"),
        ({"date_to": "yesterday"}, "'to' date 'yesterday' is not a day"),
        ({"states": "ZZ"}, "'ZZ' is not a Brazilian state"),
        ({"date_from": "2018-03-01", "date_to": "2018-02-01"}, "cannot start .* after it ends"),
    ],
)
def test_bad_input_is_refused_in_words(inputs: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        KpiService(warehouse()).filters(**inputs)


def test_an_empty_warehouse_has_no_dates_to_filter_by() -> None:
    empty = FakeWarehouse(
        {
            "kpi_filter_choices": CHOICES.clear(),
            "kpi_data_span": pl.DataFrame({"first_day": [None], "last_day": [None]}),
        }
    )
    assert KpiService(empty).choices().span is None
    with pytest.raises(InvalidValue, match="holds no orders"):
        KpiService(empty).filters(date_from="2018-01-01")


def test_the_executive_view_queries_the_period_and_the_one_before() -> None:
    fake = warehouse(kpi_series=monthly)
    march = Filters(DateRange(date(2018, 3, 1), date(2018, 3, 31)), ("SP",))
    view = KpiService(fake).executive(march)
    assert fake.calls == [
        ("kpi_series", march.params() | MONTHS),
        (
            "kpi_series",
            {"date_from": date(2018, 1, 29), "date_to": date(2018, 2, 28), "states": ["SP"],
             "categories": None, "grain": "month"},
        ),
        (
            "kpi_series",
            {"date_from": date(2017, 3, 1), "date_to": date(2017, 3, 31), "states": ["SP"],
             "categories": None, "grain": "month"},
        ),
    ]  # fmt: skip
    gmv = view.tiles[0]
    assert (gmv.key, gmv.value, gmv.previous, gmv.compared) == ("gmv", 200, 100, True)
    assert view.series.columns == [
        *(key for key, _, _ in TILES),
        "delivered_orders",
        "canceled_orders",
        "unavailable_orders",
        "period",
    ]
    not_fulfilled = view.tiles[-1]
    assert (not_fulfilled.key, not_fulfilled.base) == ("not_fulfilled_rate", 200)
    assert not_fulfilled.parts == (("canceled", 50), ("unavailable", 40))
    assert view.series.height == 1  # the total row is the tiles', not a month


def test_without_a_period_there_is_nothing_to_compare_with() -> None:
    fake = warehouse(kpi_series=monthly)
    view = KpiService(fake).executive(Filters())
    assert fake.calls == [("kpi_series", NO_FILTER | MONTHS)]
    assert not view.tiles[0].compared and view.tiles[0].previous is None


def test_each_view_binds_the_filters_and_its_own_parameters() -> None:
    frame = pl.DataFrame({"x": [1]})
    names = [
        "kpi_categories", "kpi_sellers", "kpi_seller_health_months", "kpi_delivery_days",
        "kpi_delivery_states",
        "kpi_delivery_routes", "kpi_delivery_estimates", "kpi_delivery_reviews", "kpi_states",
    ]  # fmt: skip
    fake = warehouse(**dict.fromkeys(names, frame))
    health = SellerHealth()
    service = KpiService(fake, health)
    filters = Filters(states=("MG",), categories=("pc_gamer",))
    for view in ("categories", "sellers", "delivery", "states"):
        service.view(view, filters)
    bound = filters.params()
    recent = {  # the last RECENT_DAYS of the data: no date range is set
        "recent_from": LAST - timedelta(days=RECENT_DAYS - 1),
        "recent_to": LAST,
        "decline_points": DECLINE_POINTS,
        "min_recent_orders": MIN_RECENT_ORDERS,
    }
    assert fake.calls == [
        ("kpi_categories", bound),
        ("kpi_data_span", {}),
        ("kpi_sellers", bound | health.weights() | {"min_orders": 1} | recent),
        # the last TREND_MONTHS calendar months: May to the last day (October 17th)
        (
            "kpi_seller_health_months",
            bound | {"date_from": date(2018, 5, 1), "date_to": LAST} | health.weights(),
        ),
        ("kpi_delivery_days", bound | {"max_days": DELIVERY_MAX_DAYS}),
        ("kpi_delivery_states", bound),
        ("kpi_delivery_routes", bound),
        ("kpi_delivery_estimates", bound),
        ("kpi_delivery_reviews", bound),
        ("kpi_states", bound),
    ]


def test_an_unknown_view_is_named_with_the_known_ones() -> None:
    with pytest.raises(InvalidValue, match="no KPI view 'weather': use one of executive, "):
        KpiService(warehouse()).view("weather", Filters())


def test_the_orders_behind_a_figure_narrow_the_filters_by_the_drill() -> None:
    fake = warehouse(kpi_drill_orders=pl.DataFrame({"order_id": ["o1"]}))
    base = Filters(DateRange(date(2018, 1, 1), date(2018, 6, 30)), ("SP",))
    drill = Drill("late in March", period=DateRange(date(2018, 3, 1), date(2018, 3, 31)),
                  days=(10, None), subset="late")  # fmt: skip
    orders = KpiService(fake).orders(base, drill)
    assert orders["order_id"].to_list() == ["o1"]
    assert fake.calls == [
        (
            "kpi_drill_orders",
            {"date_from": date(2018, 3, 1), "date_to": date(2018, 3, 31), "states": ["SP"],
             "categories": None, "seller_id": None, "seller_state": None, "cohort_month": None,
             "days_from": 10, "days_to": None, "subset": "late"},
        )
    ]  # fmt: skip
