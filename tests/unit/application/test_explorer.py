"""ExplorerService on in-memory repositories: what the typed text opens (malformed text, prefix
completion, the order in which kinds are tried) and what an order view carries."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import polars as pl
import pytest
from fakes import (
    FakeCustomers,
    FakeDeliveries,
    FakeOrders,
    FakeProducts,
    FakeSellers,
    FakeWarehouse,
    deliveries_of,
)

from domain.aggregates.customer import Customer
from domain.aggregates.delivery import Delivery
from domain.aggregates.order import Order
from domain.aggregates.product import Product
from domain.aggregates.seller import Seller
from domain.entities.order_item import OrderItem
from domain.value_objects.address import Address
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus
from workbench.application.explored import CustomerView, EntityKind, OrderView, SellerView
from workbench.application.explorer import ExplorerService, IdCandidate

ORDER, SHARED, PERSON = "ab" + "0" * 30, "ab" + "0" * 29 + "1", "cd" + "0" * 30
PER_ORDER_CUSTOMER_ID = "ce" + "0" * 30
SAO_PAULO = Address("01409", "sao paulo", "SP")
PURCHASE = datetime(2018, 3, 1, 10, 0)


def order(order_id: str = ORDER) -> Order:
    return Order(
        order_id=order_id,
        customer_id=PER_ORDER_CUSTOMER_ID,
        customer_unique_id=PERSON,
        status=OrderStatus.DELIVERED,
        purchased_at=PURCHASE,
        delivered_carrier_at=datetime(2018, 3, 2, 9, 0),
        delivered_customer_at=datetime(2018, 3, 9, 10, 0),
        estimated_delivery_date=date(2018, 3, 8),
        items=[OrderItem(1, "p1", SHARED, Money("10.00"), Money("2.00"))],
    )


class Setup:
    """An order, its person, a seller whose id is also an order's (SHARED), and the warehouse."""

    def __init__(self, kinds: Mapping[str, list[str]] | None = None) -> None:
        orders = [order(), order(SHARED)]
        self.orders = FakeOrders(*orders)
        self.customers = FakeCustomers(Customer(PERSON, SAO_PAULO, (orders[0],)))
        self.sellers = FakeSellers(Seller(SHARED, SAO_PAULO))
        self.deliveries = deliveries_of(orders)
        kinds = kinds or {ORDER: ["order"], SHARED: ["seller", "order"], PERSON: ["customer"]}
        self.warehouse = FakeWarehouse(
            {
                "explorer_id_kinds": lambda p: pl.DataFrame(
                    {"kind": kinds.get(p["id"], [])}, schema={"kind": pl.String}
                ),
                "explorer_as_of": pl.DataFrame({"as_of": [PURCHASE]}),
                "explorer_customer_scores": pl.DataFrame(
                    schema={
                        "r_score": pl.Int64,
                        "f_score": pl.Int64,
                        "m_score": pl.Int64,
                        "segment": pl.String,
                    }
                ),
                "explorer_person_of_customer_id": person_of,
                "explorer_search": search,
            }
        )

    def service(self) -> ExplorerService:
        return ExplorerService(
            self.orders,
            self.customers,
            self.sellers,
            FakeProducts(Product("p1")),
            self.deliveries,
            self.warehouse,
        )


def person_of(params: Mapping[str, Any]) -> pl.DataFrame:
    found = [PERSON] if params["customer_id"] == PER_ORDER_CUSTOMER_ID else []
    return pl.DataFrame({"customer_unique_id": found}, schema={"customer_unique_id": pl.String})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  ", "Type or paste an order, customer or seller id."),
        (ORDER + "0", "is not an id"),
        ("x", "'x' is not an id"),
    ],
)
def test_what_is_not_an_id_is_said_without_a_query(text: str, message: str) -> None:
    setup = Setup()
    explored = setup.service().open(text)
    assert explored.view is None and message in explored.message
    assert setup.warehouse.calls == [] and setup.orders.asked == []


def test_a_pasted_id_is_cleaned_up_before_it_is_looked_up() -> None:
    explored = Setup().service().open(f"  '{ORDER.upper()}' ")
    assert explored.query == ORDER and explored.kind is EntityKind.ORDER


def test_an_id_of_several_kinds_opens_the_order_first() -> None:
    setup = Setup()
    explored = setup.service().open(SHARED)
    assert isinstance(explored.view, OrderView) and explored.view.key == SHARED
    assert setup.warehouse.names() == ["explorer_id_kinds"]


def test_a_kind_given_by_the_caller_is_opened_without_asking_the_warehouse() -> None:
    setup = Setup()
    explored = setup.service().open(SHARED, EntityKind.SELLER)
    assert isinstance(explored.view, SellerView)
    assert "explorer_id_kinds" not in setup.warehouse.names()
    missing = setup.service().open(PERSON, EntityKind.SELLER)
    assert missing.message == f"No seller has the id {PERSON} in the loaded snapshot."


def test_a_per_order_customer_id_is_tried_last_and_leads_to_the_person() -> None:
    setup = Setup()
    explored = setup.service().open(PER_ORDER_CUSTOMER_ID)
    assert isinstance(explored.view, CustomerView) and explored.view.key == PERSON
    assert setup.warehouse.names()[:2] == ["explorer_id_kinds", "explorer_person_of_customer_id"]
    assert explored.view.scores is None  # the warehouse ranked no scores for this person


def test_an_unknown_id_is_named_in_the_message() -> None:
    unknown = "f" * 32
    assert Setup().service().open(unknown).message == (
        f"No order, customer or seller has the id {unknown} in the loaded snapshot."
    )


def test_a_prefix_of_one_id_opens_it_and_of_several_lists_them() -> None:
    service = Setup().service()
    assert service.open("CD").kind is EntityKind.CUSTOMER
    several = service.open("ab")
    assert several.view is None
    assert several.message == (
        f"ab is the start of several ids (order {ORDER}, order {SHARED}, seller {SHARED}): "
        "type more, or press → to accept the suggestion."
    )
    assert service.open("ab", EntityKind.SELLER).kind is EntityKind.SELLER  # one seller
    assert service.open("ef").message == (
        "No id starts with ef in the loaded snapshot. Nor does 'ef' match a city, state or "
        "category."
    )


def search(params: dict[str, object]) -> pl.DataFrame:
    """explorer_search's shape: one seller for "curitiba" (typed in any way), else nothing."""
    found = params["text"] == "curitiba"
    return pl.DataFrame(
        {
            "kind": ["seller"] if found else [],
            "key": [SHARED] if found else [],
            "matched": ["seller city curitiba"] if found else [],
            "place": ["curitiba / PR"] if found else [],
            "volume": [3] if found else [],
            "score": [1.0] if found else [],
        },
        schema_overrides={"volume": pl.Int64, "score": pl.Float64},
    )


def test_text_that_is_not_an_id_is_searched_as_a_place_or_category() -> None:
    setup = Setup()
    found = setup.service().open("  curitiba ")
    assert found.view is None and found.matches is not None
    assert found.matches.select("kind", "key").rows() == [("seller", SHARED)]
    assert found.message == "1 people and sellers match 'curitiba' (best first): enter opens one."
    assert setup.warehouse.calls[-1] == (
        "explorer_search",
        {"text": "curitiba", "min_score": 0.85, "limit": 200},
    )
    nothing = setup.service().open("order 42")
    assert nothing.matches is None
    assert nothing.message == (
        "'order 42' is not an id: order, customer and seller ids are 32 hexadecimal characters "
        "(0-9, a-f). Nor does 'order 42' match a city, state or category."
    )


def test_completion_lists_orders_then_people_then_sellers_up_to_the_limit() -> None:
    service = Setup().service()
    assert service.complete("") == [] and service.complete("zz") == []
    assert service.complete("ab", limit=2) == [
        IdCandidate(EntityKind.ORDER, ORDER),
        IdCandidate(EntityKind.ORDER, SHARED),
    ]
    assert service.complete("ab")[-1] == IdCandidate(EntityKind.SELLER, SHARED)
    assert service.suggest("c") == PERSON and service.suggest("9") is None


def test_an_order_view_carries_its_products_and_its_delivery_from_the_repository() -> None:
    setup = Setup()
    handed_over = Delivery(
        ORDER, PURCHASE, datetime(2018, 3, 3, 8, 0), None, date(2018, 3, 8), OrderStatus.SHIPPED
    )
    setup.deliveries = FakeDeliveries(handed_over)
    view = setup.service().order(ORDER)
    assert view is not None
    assert view.delivery == handed_over and setup.deliveries.asked == [ORDER]
    assert dict(view.products) == {"p1": Product("p1")}
    assert view.seller_ids == [SHARED]
    setup.deliveries = FakeDeliveries()
    assert (view := setup.service().order(ORDER)) is not None and view.delivery is None


def test_the_ports_get_many_keeps_the_known_products_by_id() -> None:
    products = FakeProducts(Product("p1"), Product("p2"))
    assert products.get_many(["p2", "p9", "p2"]) == {"p2": Product("p2")}
    assert products.get_many([]) == {}
