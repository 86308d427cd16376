"""Every KPI view on the hand-made fixture equals figures computed by hand from its README.

Orders of the fixture (tests/fixtures/olist_small/README.md): O5 is canceled, O6 unavailable and
without items, O2 and O12 are late, O9 is delivered without a date, P3 (in O9) has no category,
P4 (in O9 and O11) is `pc_gamer`, which has no English name.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.value_objects.date_range import DateRange
from workbench.application.kpi_filters import Drill, Filters, month_range
from workbench.application.kpis import KpiService
from workbench.presentation.kpi_tiles import change_text


def order_id(n: int) -> str:
    return f"{'0d' if n in (14, 15) else 'ad'}{'0' * 28}{n:02d}"


def seller_id(n: int) -> str:
    return f"fd{'0' * 28}{n:02d}"


def tiles(kpis: KpiService, filters: Filters) -> dict[str, object]:
    return {tile.key: tile.value for tile in kpis.executive(filters).tiles}


def drilled(kpis: KpiService, filters: Filters, drill: Drill) -> list[str]:
    return sorted(kpis.orders(filters, drill)["order_id"].to_list())


def ids(*numbers: int) -> list[str]:
    return sorted(order_id(n) for n in numbers)


def test_executive_tiles_over_everything(kpis: KpiService) -> None:
    view = kpis.executive(Filters())
    assert {tile.key: tile.value for tile in view.tiles} == pytest.approx(
        {
            "gmv": Decimal("1103.75"),  # O5 canceled and O6 unavailable left out
            "orders": 15,
            "aov": Decimal("84.90"),  # 1,103.75 / 13 orders counted in GMV
            "customers": 11,
            "new_customers": 11,
            "avg_review_score": 47 / 12,  # O2 counts once, as (2 + 4) / 2
            "late_rate": 2 / 9,  # O2, O12 among the 9 delivered with a date (not O9)
            "not_fulfilled_rate": 2 / 15,  # O5 canceled, O6 unavailable
        }
    )
    split = {tile.key: tile.parts for tile in view.tiles}
    assert split["not_fulfilled_rate"] == (("canceled", 1), ("unavailable", 1))
    assert all(not parts for key, parts in split.items() if key != "not_fulfilled_rate")
    assert all(change_text(tile) == "" for tile in view.tiles)  # no date range: no change


def test_monthly_series_matches_the_readme(kpis: KpiService) -> None:
    monthly = kpis.executive(Filters()).series
    assert monthly.height == 15, "2017-01 .. 2018-03, empty months included"
    rows = {row["period"]: row for row in monthly.iter_rows(named=True)}
    expected = {
        date(2017, 1, 1): (3, "318.25", "106.08", 3, 3, 0.0, 0.0, 13 / 3),
        date(2017, 2, 1): (3, "90.00", "90.00", 3, 1, 1 / 3, 1.0, 2.0),
        date(2017, 3, 1): (3, "203.50", "67.83", 3, 2, 0.0, 0.0, 14 / 3),
        date(2018, 1, 1): (2, "300.00", "150.00", 2, 2, 0.0, 0.0, 4.0),
        date(2018, 2, 1): (3, "112.00", "37.33", 2, 2, 0.0, 1.0, 4.0),
    }
    for month, (orders, gmv, aov, customers, new, canceled, late, review) in expected.items():
        row = rows[month]
        assert (row["orders"], row["gmv"], row["aov"]) == (orders, Decimal(gmv), Decimal(aov))
        assert (row["customers"], row["new_customers"]) == (customers, new)
        assert [row["canceled_rate"], row["late_rate"], row["avg_review_score"]] == pytest.approx(
            [canceled, late, review]
        )
    assert rows[date(2017, 7, 1)]["orders"] == 0 and rows[date(2017, 7, 1)]["aov"] is None
    assert rows[date(2018, 3, 1)]["late_rate"] is None, "O15 is not delivered yet"


def test_change_versus_the_previous_period_of_equal_length(kpis: KpiService) -> None:
    filters = Filters(DateRange(date(2017, 2, 1), date(2017, 3, 31)))
    previous = filters.previous()
    assert previous is not None and previous.period == DateRange(
        date(2016, 12, 4), date(2017, 1, 31)
    )
    view = {tile.key: tile for tile in kpis.executive(filters).tiles}
    # Feb-Mar: O2 90 + O3 28.50 + O7 75 + O8 100 (O5, O6 not sales); before: January, 318.25.
    assert view["gmv"].value == Decimal("293.50")
    assert view["gmv"].previous == Decimal("318.25")
    assert view["gmv"].change == pytest.approx(293.50 / 318.25 - 1)
    assert view["orders"].change == pytest.approx(1.0)  # 6 orders vs 3
    assert view["aov"].value == Decimal("73.38")  # 293.50 / 4
    assert (view["customers"].value, view["new_customers"].value) == (5, 3)  # U4, U5, U6 new
    assert view["late_rate"].value == pytest.approx(0.25)  # O2 among O2, O3, O7, O8
    assert view["late_rate"].change == pytest.approx(25.0), "rates change in points"
    assert view["not_fulfilled_rate"].value == pytest.approx(2 / 6)  # O5 canceled, O6 unavailable
    assert view["not_fulfilled_rate"].parts == (("canceled", 1), ("unavailable", 1))
    assert view["not_fulfilled_rate"].previous == 0, "January: nothing canceled or unavailable"
    assert view["avg_review_score"].change == pytest.approx(18 / 5 - 13 / 3)
    assert view["late_rate"].trend == "bad" and view["orders"].trend == "good"


def test_category_filter_counts_only_that_category(kpis: KpiService) -> None:
    values = tiles(kpis, Filters(categories=("pc_gamer",)))
    # O9 holds P3 (no category, 25.00 + 5.00) and P4 (199.99 + 20.01): only P4 counts.
    assert values["gmv"] == Decimal("280.00")  # 220.00 (O9) + 60.00 (O11)
    assert (values["orders"], values["customers"], values["new_customers"]) == (2, 2, 2)
    assert values["late_rate"] is None, "neither O9 (no date) nor O11 (shipped) is delivered"
    assert values["avg_review_score"] == pytest.approx(3.5)


def test_state_filter_uses_the_customer_state_of_each_order(kpis: KpiService) -> None:
    values = tiles(kpis, Filters(states=("SP",)))
    assert values["orders"] == 7  # O1, O2, O6, O8, O11, O12, O14
    assert values["gmv"] == Decimal("550.00")
    assert (values["customers"], values["new_customers"]) == (5, 5)
    assert values["late_rate"] == pytest.approx(2 / 5)


def test_combined_filters(kpis: KpiService) -> None:
    filters = Filters(DateRange(date(2017, 1, 1), date(2017, 12, 31)), ("SP",), ("bed_bath_table",))
    values = tiles(kpis, filters)
    assert (values["orders"], values["gmv"], values["late_rate"]) == (1, Decimal("35.00"), 1.0)


def test_categories_show_untranslated_and_missing_as_such(kpis: KpiService) -> None:
    table = kpis.categories(Filters()).table
    rows = {row["category"]: row for row in table.iter_rows(named=True)}
    assert set(rows) == {
        "pc_gamer",
        "computers_accessories",
        "health_beauty",
        "bed_bath_table",
        "(no category)",
    }
    assert rows["pc_gamer"]["category_status"] == "untranslated"
    assert rows["(no category)"]["category_status"] == "missing"
    assert rows["health_beauty"]["category_status"] == "translated"
    pc_gamer = rows["pc_gamer"]
    assert (pc_gamer["revenue"], pc_gamer["items"], pc_gamer["mean_price"]) == (
        Decimal("255.54"),
        2,
        Decimal("127.77"),
    )
    assert pc_gamer["late_rate"] is None
    computers = rows["computers_accessories"]  # O5's item is canceled: not a sale
    assert (computers["revenue"], computers["items"], computers["orders"]) == (
        Decimal("250.00"),
        3,
        3,
    )
    assert computers["late_rate"] == pytest.approx(1 / 3)
    assert computers["mean_review_score"] == pytest.approx(13 / 3)
    bed_bath = rows["bed_bath_table"]
    assert (bed_bath["revenue"], bed_bath["late_rate"], bed_bath["mean_review_score"]) == (
        Decimal("168.90"),
        0.5,
        3.5,
    )
    assert rows["(no category)"]["revenue"] == Decimal("25.00")
    assert table["revenue"].sum() == Decimal("939.44"), "items price 954.44 less O5's 15.00"


def test_seller_scorecard_worst_first_with_the_domain_health(kpis: KpiService) -> None:
    table = kpis.sellers(Filters()).table
    assert table["seller_id"].to_list() == [seller_id(3), seller_id(2), seller_id(1)]
    s3 = table.row(0, named=True)
    assert (s3["revenue"], s3["orders"], s3["seller_state"]) == (Decimal("173.90"), 4, "SC")
    assert s3["on_time_rate"] == pytest.approx(0.5)  # O4 on time, O12 late; O9 has no date
    assert s3["mean_review_score"] == pytest.approx(10 / 3)
    assert s3["mean_delivery_days"] == pytest.approx((10.0 + 18.25) / 2)
    assert s3["health_score"] == pytest.approx(100 * (0.4 * 0.5 + 0.4 * (10 / 3 - 1) / 4 + 0.2))
    s1 = table.row(2, named=True)
    assert (s1["revenue"], s1["orders"], s1["all_orders"]) == (Decimal("360.00"), 6, 7)
    assert s1["cancellation_rate"] == pytest.approx(1 / 7)  # O5
    assert s1["on_time_rate"] == pytest.approx(4 / 5)
    for row in table.iter_rows(named=True):
        domain_score = kpis.health.score(
            row["on_time_rate"], row["mean_review_score"], row["cancellation_rate"]
        )
        assert row["health_score"] == pytest.approx(domain_score)


def test_delivery_view(kpis: KpiService) -> None:
    view = kpis.delivery(Filters())
    assert dict(view.days.select("days", "orders").iter_rows()) == {
        5: 1, 7: 1, 8: 1, 9: 1, 10: 3, 15: 1, 18: 1,
    }  # fmt: skip
    sp = view.by_state.filter(view.by_state["customer_state"] == "SP").row(0, named=True)
    assert (sp["delivered_orders"], sp["late_orders"]) == (5, 2)
    assert sp["mean_delivery_days"] == pytest.approx((10.5 + 15 + 10 + 18.25 + 8) / 5)
    routes = {(r[0], r[1]): r[2:4] for r in view.routes.iter_rows()}
    assert routes[("SP", "SP")] == (4, 1), "O2 has two SP sellers and counts once"
    assert routes[("SC", "SP")] == (1, 1)
    reviews = {row["delivery"]: row for row in view.reviews.iter_rows(named=True)}
    assert reviews["late"]["mean_review_score"] == pytest.approx(3.5)
    assert reviews["on time"]["mean_review_score"] == pytest.approx(32 / 7)
    february = view.estimates.filter(view.estimates["month"] == date(2017, 2, 1)).row(0, named=True)
    assert february["mean_promised_days"] == pytest.approx(14 - 8 / 24)  # 02-10 08:00 → 02-24
    assert (february["mean_delivery_days"], february["mean_days_after_estimate"]) == (15.0, 1.0)


def test_states_view(kpis: KpiService) -> None:
    rows = {
        row["customer_state"]: row for row in kpis.states(Filters()).table.iter_rows(named=True)
    }
    sp = rows["SP"]
    assert (sp["orders"], sp["gmv"], sp["customers"]) == (7, Decimal("550.00"), 5)
    shares = [10 / 110, 10 / 90, 20 / 100, 4.45 / 60, 7 / 40, 30 / 150]  # O6 is no sale
    assert sp["mean_freight_share"] == pytest.approx(sum(shares) / len(shares))
    assert sp["late_rate"] == pytest.approx(0.4)
    assert rows["MT"]["gmv"] == Decimal("50.00")


def test_cohorts(kpis: KpiService) -> None:
    grid = kpis.cohorts(Filters()).grid
    january = grid.filter(grid["cohort_month"] == date(2017, 1, 1)).row(0, named=True)
    assert (january["cohort_size"], january["m1"], january["m2"], january["m3"]) == (
        pytest.approx(3),
        pytest.approx(2 / 3),
        pytest.approx(1 / 3),
        0.0,  # observable (the data goes on to 2018), and nobody came back: 0 %, not empty
    )
    assert january["repeat_rate"] == pytest.approx(2 / 3)
    assert january["months_observable"] == 12
    latest = grid.sort("cohort_month").row(-1, named=True)
    assert latest["months_observable"] == 0 and latest["m1"] is None  # not observable yet
    # In SP, U1 (O1) and U10 (O14) were acquired in January; U1's February order O2 is in SP.
    sp = kpis.cohorts(Filters(states=("SP",))).grid
    sp_january = sp.filter(sp["cohort_month"] == date(2017, 1, 1)).row(0, named=True)
    assert (sp_january["cohort_size"], sp_january["m1"], sp_january["m2"]) == (2, 0.5, 0.0)


def test_drill_downs_list_the_orders_behind_a_figure(kpis: KpiService) -> None:
    everything = Filters()
    assert drilled(kpis, everything, Drill("late", subset="late")) == ids(2, 12)
    assert drilled(kpis, everything, Drill("canceled", subset="canceled")) == ids(5)
    assert drilled(kpis, everything, Drill("seller", seller_id=seller_id(3))) == ids(4, 9, 12, 15)
    assert drilled(kpis, everything, Drill("month", period=month_range(date(2017, 2, 1)))) == ids(
        2, 5, 6
    )
    assert drilled(kpis, everything, Drill("days", days=(10, 11), subset="delivered")) == ids(
        1, 4, 8
    )
    route = Drill("route", state="SP", seller_state="SC", subset="delivered")
    assert drilled(kpis, everything, route) == ids(12)
    cohort = Drill("cohort", cohort_month=date(2017, 1, 1), any_date=True)
    period = Filters(DateRange(date(2017, 1, 1), date(2017, 1, 31)))
    assert drilled(kpis, period, cohort) == ids(1, 2, 3, 4, 5, 14), "at any date"
    spring = Filters(DateRange(date(2017, 2, 1), date(2017, 3, 31)))
    assert drilled(kpis, spring, Drill("new", subset="new")) == ids(6, 7, 8)
    sp = Filters(states=("SP",))
    assert drilled(kpis, sp, Drill("month", period=month_range(date(2018, 2, 1)))) == ids(11, 12)
    no_category = kpis.orders(everything, Drill("category", category="(no category)"))
    assert no_category["order_value"].to_list() == [Decimal("30.00")], "O9's P3 only"
