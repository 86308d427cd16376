"""ExplorerService: open any order, customer or seller by id, and complete ids as they are typed;
find people and sellers by place or category when what was typed is not an id.

An id is looked up rather than guessed from its shape (all Olist ids are 32 hex characters): first
as an order, then as a person (customer_unique_id, or a per-order customer_id), then as a seller.
Text that no id starts with (a city, a state, a category) is searched for instead: the people and
sellers it matches, fuzzily, as a list to pick from (explorer_search.sql).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from domain.repositories.customer_repository import CustomerRepository
from domain.repositories.delivery_repository import DeliveryRepository
from domain.repositories.order_repository import OrderRepository
from domain.repositories.product_repository import ProductRepository
from domain.repositories.seller_repository import SellerRepository
from workbench.application.explored import (
    CustomerScores,
    CustomerView,
    EntityKind,
    ExploredView,
    OrderView,
    SellerView,
)
from workbench.application.ports import WarehouseQueries
from workbench.application.table_queries import TableQuery

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

ID_LENGTH = 32
_HEX = re.compile(r"[0-9a-f]*")
# A seller is active when it sold something in this window up to the snapshot's last purchase.
ACTIVE_WINDOW = timedelta(days=90)
RECENT_ORDERS = 50
COMPLETIONS = 10
SEARCH_LIMIT = 200  # people and sellers listed for a search
SEARCH_MIN_SCORE = 0.85  # below this Jaro-Winkler similarity a name does not match
SEARCH_MIN_LENGTH = 2


@dataclass(frozen=True)
class IdCandidate:
    kind: EntityKind
    key: str


@dataclass(frozen=True)
class Explored:
    """The outcome of opening what the user typed: a view, or a message saying why not."""

    query: str
    view: ExploredView | None = None
    message: str = ""
    matches: pl.DataFrame | None = None  # a search's people and sellers (kind, key, ...)

    @property
    def kind(self) -> EntityKind | None:
        if isinstance(self.view, OrderView):
            return EntityKind.ORDER
        if isinstance(self.view, CustomerView):
            return EntityKind.CUSTOMER
        if isinstance(self.view, SellerView):
            return EntityKind.SELLER
        return None


class ExplorerService:
    def __init__(
        self,
        orders: OrderRepository,
        customers: CustomerRepository,
        sellers: SellerRepository,
        products: ProductRepository,
        deliveries: DeliveryRepository,
        warehouse: WarehouseQueries,
    ) -> None:
        self._orders = orders
        self._customers = customers
        self._sellers = sellers
        self._products = products
        self._deliveries = deliveries
        self._warehouse = warehouse

    # -- opening ------------------------------------------------------------------------------
    def open(self, text: str, kind: EntityKind | None = None) -> Explored:
        """Open `text` as `kind`, or as whatever it turns out to be; a short hex prefix is
        completed when only one id starts with it."""
        key = normalise(text)
        if not key:
            return Explored(key, message="Type or paste an order, customer or seller id.")
        if _HEX.fullmatch(key) is None:
            return self._search(text, _malformed(text))
        if len(key) < ID_LENGTH:
            return self._open_prefix(key, kind, text)
        if len(key) > ID_LENGTH:
            return Explored(key, message=_malformed(text))
        kinds = [kind] if kind is not None else self._kinds_of(key)
        for candidate in kinds:
            view = self._load(candidate, key)
            if view is not None:
                return Explored(key, view)
        if kind is None and (person := self._customer_by_customer_id(key)) is not None:
            return Explored(key, person)
        what = f"No {kind}" if kind is not None else "No order, customer or seller"
        return Explored(key, message=f"{what} has the id {key} in the loaded snapshot.")

    def _open_prefix(self, prefix: str, kind: EntityKind | None, text: str) -> Explored:
        candidates = [c for c in self.complete(prefix) if kind is None or c.kind is kind]
        if len(candidates) == 1:
            return self.open(candidates[0].key, candidates[0].kind)
        if not candidates:  # "cafe", "bed": hex letters, but maybe a place or category
            return self._search(text, f"No id starts with {prefix} in the loaded snapshot.")
        shown = ", ".join(f"{c.kind} {c.key}" for c in candidates[:3])
        more = "" if len(candidates) <= 3 else f" and {len(candidates) - 3} more"
        return Explored(
            prefix,
            message=f"{prefix} is the start of several ids ({shown}{more}): "
            "type more, or press → to accept the suggestion.",
        )

    def _kinds_of(self, key: str) -> list[EntityKind]:
        """The kinds of entity named `key`, in EntityKind order, found in one query.

        A per-order customer_id is not among them: it is tried last (it needs a scan of every
        order), so an id that is both a seller's and some order's customer_id opens the seller.
        """
        found = set(self._warehouse.query("explorer_id_kinds", {"id": key})["kind"])
        return [kind for kind in EntityKind if kind.value in found]

    def _load(self, kind: EntityKind, key: str) -> ExploredView | None:
        if kind is EntityKind.ORDER:
            return self.order(key)
        if kind is EntityKind.CUSTOMER:
            return self.customer(key) or self._customer_by_customer_id(key)
        return self.seller(key)

    def order(self, order_id: str) -> OrderView | None:
        order = self._orders.get(order_id)
        if order is None:
            return None
        products = self._products.get_many(item.product_id for item in order.items)
        return OrderView(order, products, self._deliveries.get(order_id))

    def customer(self, customer_unique_id: str) -> CustomerView | None:
        customer = self._customers.get(customer_unique_id)
        if customer is None:
            return None
        return CustomerView(customer, self.as_of(), self._scores(customer_unique_id))

    def seller(self, seller_id: str) -> SellerView | None:
        seller = self._sellers.get(seller_id)
        if seller is None:
            return None
        return SellerView(seller, self.as_of(), ACTIVE_WINDOW, RECENT_ORDERS)

    def as_of(self) -> datetime:
        """The snapshot's last purchase: recency and activity are measured to it, not to today."""
        value = self._warehouse.query("explorer_as_of")["as_of"][0]
        return value if isinstance(value, datetime) else datetime.min

    def _scores(self, customer_unique_id: str) -> CustomerScores | None:
        found = self._warehouse.query(
            "explorer_customer_scores", {"customer_unique_id": customer_unique_id}
        )
        if found.is_empty():
            return None
        row = found.row(0, named=True)
        return CustomerScores(row["r_score"], row["f_score"], row["m_score"], row["segment"])

    def _customer_by_customer_id(self, customer_id: str) -> CustomerView | None:
        """Olist issues a customer_id per order: follow one to the person behind it."""
        found = self._warehouse.query(
            "explorer_person_of_customer_id", {"customer_id": customer_id}
        )
        if found.is_empty():
            return None
        return self.customer(str(found["customer_unique_id"][0]))

    # -- search -------------------------------------------------------------------------------
    def search(self, text: str, limit: int = SEARCH_LIMIT) -> pl.DataFrame:
        """People and sellers whose city or state, or sellers one of whose categories, matches
        `text` fuzzily: kind, key, matched, place, volume, score; best first."""
        query = self.search_query(text, limit)
        return self._warehouse.query(query.name, query.params)

    def search_query(self, text: str, limit: int = SEARCH_LIMIT) -> TableQuery:
        """The statement behind search(text, limit), for the SQL console."""
        typed = " ".join(text.split()).strip("\"'")
        params = {"text": typed, "min_score": SEARCH_MIN_SCORE, "limit": limit}
        return TableQuery("explorer_search", self._warehouse.sql_text("explorer_search"), params)

    def _search(self, text: str, not_an_id: str) -> Explored:
        typed = " ".join(text.split())
        if len(typed) < SEARCH_MIN_LENGTH:
            return Explored(typed, message=not_an_id)
        matches = self.search(typed)
        if not matches.height:
            return Explored(
                typed,
                message=f"{not_an_id} Nor does {typed!r} match a city, state or category.",
            )
        count = f"{matches.height}{'+' if matches.height >= SEARCH_LIMIT else ''}"
        return Explored(
            typed,
            message=f"{count} people and sellers match {typed!r} (best first): enter opens one.",
            matches=matches,
        )

    # -- completion ---------------------------------------------------------------------------
    def complete(self, text: str, limit: int = COMPLETIONS) -> list[IdCandidate]:
        """Ids of every kind starting with what was typed, orders first, each kind ascending."""
        prefix = normalise(text)
        if not prefix or _HEX.fullmatch(prefix) is None or len(prefix) > ID_LENGTH:
            return []
        found: list[IdCandidate] = []
        for kind, repository in (
            (EntityKind.ORDER, self._orders),
            (EntityKind.CUSTOMER, self._customers),
            (EntityKind.SELLER, self._sellers),
        ):
            remaining = limit - len(found)
            if remaining <= 0:
                break
            found += [IdCandidate(kind, key) for key in repository.search_ids(prefix, remaining)]
        return found

    def suggest(self, text: str) -> str | None:
        """The first id completing `text`, for inline completion; None when there is none."""
        candidates = self.complete(text, limit=1)
        return candidates[0].key if candidates else None


def normalise(text: str) -> str:
    """What the user typed or pasted, without surrounding blanks or quotes, in lower case."""
    return text.strip().strip("\"'").strip().lower()


def _malformed(text: str) -> str:
    return (
        f"{text.strip()!r} is not an id: order, customer and seller ids are "
        f"{ID_LENGTH} hexadecimal characters (0-9, a-f)."
    )
