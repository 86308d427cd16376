"""The Explorer's service on the published olist_small warehouse: what it opens for an id, the
figures and tables it shows (checked against hand-written queries), and its messages."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from explorer_helpers import HandQueries, order_id, person_id, seller_id

from workbench.application.explored import CustomerView, EntityKind, OrderView, SellerView
from workbench.application.explorer import ExplorerService, IdCandidate
from workbench.container import Container
from workbench.presentation.explorer_tables import (
    customer_orders,
    order_items,
    order_payments,
    order_reviews,
    order_timeline,
    seller_orders,
)

AS_OF = datetime(2018, 3, 2, 15, 0)


@pytest.fixture
def explorer(published: Container) -> ExplorerService:
    return published.explorer()


def test_an_order_id_opens_the_order_with_its_tables(
    explorer: ExplorerService, hand: HandQueries
) -> None:
    explored = explorer.open(f"  '{order_id(9).upper()}' ")  # pasted with quotes, in capitals
    view = explored.view
    assert isinstance(view, OrderView) and explored.kind is EntityKind.ORDER
    items = order_items(view)
    assert items.select("item", "category", "seller", "price", "freight").rows() == [
        (1, "uncategorized", seller_id(3), Decimal("25.00"), Decimal("5.00")),
        (2, "pc_gamer", seller_id(2), Decimal("199.99"), Decimal("20.01")),
    ]
    assert items.select("product_id", "seller", "price", "freight").rows() == hand.rows(
        "select product_id, seller_id, price, freight_value from fct_order_items "
        "where order_id = $id order by order_item_id",
        id=order_id(9),
    )
    assert order_payments(view).rows() == hand.rows(
        "select payment_sequential, payment_type, payment_installments, payment_value "
        "from fct_payments where order_id = $id order by payment_sequential",
        id=order_id(9),
    )
    assert [f.message for f in view.findings] == [
        "The order is delivered but has no delivery date."
    ]
    assert view.seller_ids == [seller_id(3), seller_id(2)]


def test_the_order_timeline_and_reviews(explorer: ExplorerService, hand: HandQueries) -> None:
    view = explorer.open(order_id(2)).view
    assert isinstance(view, OrderView)
    timeline = order_timeline(view)
    assert timeline["event"].to_list() == [
        "order placed",
        "payment approved",
        "payment received",
        "payment received",
        "handed to the carrier",
        "delivery late",
        "delivered to the customer",
        "delivery completed",
        "review submitted",
        "review submitted",
    ]
    details = dict(zip(timeline["event"], timeline["detail"], strict=False))
    assert details["delivery late"] == "due 2017-02-24, 1 day late"
    assert details["delivery completed"] == "after 15.0 days, 1 day late"
    assert view.delivery == view.order.delivery  # the delivery repository agrees with the order
    assert view.delivery is not None and (view.delivery.delivered_carrier_at,) == hand.one(
        "select delivered_carrier_at from fct_orders where order_id = $id", id=order_id(2)
    )
    assert order_reviews(view).select("review_id", "score", "created").rows() == hand.rows(
        "select review_id, review_score, created_at "
        "from fct_reviews where order_id = $id order by created_at",
        id=order_id(2),
    )
    o4 = explorer.open(order_id(4)).view
    assert isinstance(o4, OrderView)
    comment = order_reviews(o4)["comment"][0]
    assert comment.startswith("Produto bom, mas a embalagem") and "\n" not in comment


def test_a_person_opens_with_rfm_from_the_domain_and_scores_from_the_warehouse(
    explorer: ExplorerService, hand: HandQueries
) -> None:
    view = explorer.open(person_id(3)).view
    assert isinstance(view, CustomerView)
    assert view.as_of == AS_OF
    recency, frequency, monetary, r, f, m, segment = hand.one(
        "select recency_days, frequency, monetary, r_score, f_score, m_score, segment "
        "from mart_customer_rfm where customer_unique_id = $id",
        id=person_id(3),
    )
    assert (view.recency_days, view.frequency, view.monetary.amount) == (
        recency,
        frequency,
        monetary,
    )
    assert view.scores is not None
    assert (view.scores.r_score, view.scores.f_score, view.scores.m_score) == (r, f, m)
    assert view.scores.segment == segment
    orders = customer_orders(view)
    assert orders["order_id"].to_list() == [order_id(12), order_id(11)]  # newest first
    assert orders.select("order_id", "total", "paid").rows() == hand.rows(
        "select order_id, items_value + freight_value, payment_value from fct_orders "
        "where customer_unique_id = $id order by purchased_at desc",
        id=person_id(3),
    )


def test_a_per_order_customer_id_leads_to_the_person(explorer: ExplorerService) -> None:
    view = explorer.open(f"cd{'0' * 28}02").view  # O2's customer_id
    assert isinstance(view, CustomerView)
    assert view.key == person_id(1)
    assert len(view.customer.orders) == 3


def test_a_person_without_sales_is_shown_unscored(explorer: ExplorerService) -> None:
    view = explorer.open(person_id(4)).view
    assert isinstance(view, CustomerView)
    assert (view.recency_days, view.frequency, view.scores) == (None, 0, None)


def test_a_seller_opens_with_its_performance_and_recent_orders(
    explorer: ExplorerService, hand: HandQueries
) -> None:
    view = explorer.open(seller_id(1)).view
    assert isinstance(view, SellerView)
    revenue, orders = hand.one(
        "select revenue, orders from mart_seller_scorecard where seller_id = $id",
        id=seller_id(1),
    )
    assert (view.seller.revenue.amount, view.seller.order_count) == (revenue, orders)
    recent = seller_orders(view)
    assert recent.select("order_id", "seller_items_value").rows() == hand.rows(
        "select order_id, sum(price) from fct_order_items where seller_id = $id "
        "group by order_id, purchased_at order by purchased_at desc",
        id=seller_id(1),
    )
    # O13 (2018-02-25) is its last sale, within 90 days of the as-of moment.
    assert view.is_active and view.active_window == timedelta(days=90)
    quiet = explorer.open(seller_id(2)).view
    assert isinstance(quiet, SellerView)
    assert quiet.is_active  # O11 (shipped) on 2018-02-03 counts as a sale


def test_unknown_and_malformed_ids_get_a_clear_message(explorer: ExplorerService) -> None:
    unknown = explorer.open("f" * 32)
    assert unknown.view is None
    assert unknown.message == (
        f"No order, customer or seller has the id {'f' * 32} in the loaded snapshot."
    )
    assert explorer.open("f" * 32, EntityKind.SELLER).message.startswith("No seller has")
    for malformed in ("order 12", "xyz", "a" * 33, "ad00-12"):
        explored = explorer.open(malformed)
        assert explored.view is None
        assert "is not an id" in explored.message
        assert "32 hexadecimal characters" in explored.message
    assert explorer.open("   ").message == "Type or paste an order, customer or seller id."


def test_a_prefix_opens_the_only_id_it_starts_or_lists_the_candidates(
    explorer: ExplorerService,
) -> None:
    only = explorer.open("3e")
    assert isinstance(only.view, CustomerView) and only.view.key == person_id(3)
    several = explorer.open("0d")
    assert several.view is None
    assert several.message == (
        f"0d is the start of several ids (order {order_id(14)}, order {order_id(15)}): "
        "type more, or press → to accept the suggestion."
    )
    assert explorer.open("0000").message == (
        "No id starts with 0000 in the loaded snapshot. Nor does '0000' match a city, state or "
        "category."
    )


def test_completion_covers_every_kind(explorer: ExplorerService) -> None:
    assert explorer.complete("fd", limit=2) == [
        IdCandidate(EntityKind.SELLER, seller_id(1)),
        IdCandidate(EntityKind.SELLER, seller_id(2)),
    ]
    assert len(explorer.complete("e")) == 10  # people (ee…) stop at the limit
    assert explorer.complete("xyz") == []
    assert explorer.suggest("AD0000000000000000000000000000") == order_id(1)
    assert explorer.suggest("99") is None


HAND_FREIGHT_SAMPLES = """
select
    products.weight_g / 1000.0 as kg,
    products.length_cm * products.height_cm * products.width_cm as cm3,
    2 * 6371 * asin(sqrt(
        sin(radians(c.lat - s.lat) / 2) ^ 2
        + cos(radians(s.lat)) * cos(radians(c.lat)) * sin(radians(c.lng - s.lng) / 2) ^ 2
    )) as km,
    items.freight_value::double as freight
from fct_order_items as items
join fct_orders as orders using (order_id)
join dim_product as products using (product_id)
join dim_seller as sellers using (seller_id)
join dim_geography as s on s.zip_code_prefix = sellers.zip_code_prefix
join dim_geography as c on c.zip_code_prefix = orders.customer_zip_code_prefix
where s.lat is not null and c.lat is not null
"""


def test_freight_calibration_reports_its_fit_on_the_warehouse_items(
    published: Container, hand: HandQueries
) -> None:
    fit = published.freight().fit()
    samples = hand.rows(HAND_FREIGHT_SAMPLES)
    assert fit.samples == len(samples) == 15  # 16 items; O10's customer zip has no coordinates
    model = fit.model
    errors = [
        freight - (model.base + model.per_kg * kg + model.per_cm3 * cm3 + model.per_km * km)
        for kg, cm3, km, freight in samples
    ]
    mean = sum(freight for *_, freight in samples) / len(samples)
    spread = sum((freight - mean) ** 2 for *_, freight in samples)
    assert model.r_squared == pytest.approx(1 - sum(e * e for e in errors) / spread)
    mae = sum(abs(e) for e in errors) / len(errors)
    assert float(model.mean_absolute_error.amount) == pytest.approx(mae, abs=0.005)
    assert "over 15 items" in fit.describe()
