"""The repository ports are abstract: an adapter must implement lookup and id completion."""

import pytest
from domain_builders import stored_order

from domain.aggregates.order import Order
from domain.aggregates.product import Product
from domain.repositories.customer_repository import CustomerRepository
from domain.repositories.delivery_repository import DeliveryRepository
from domain.repositories.order_repository import OrderRepository
from domain.repositories.product_repository import ProductRepository
from domain.repositories.seller_repository import SellerRepository

PORTS = [
    OrderRepository,
    CustomerRepository,
    SellerRepository,
    ProductRepository,
    DeliveryRepository,
]


@pytest.mark.parametrize("port", PORTS, ids=lambda port: port.__name__)
def test_ports_cannot_be_used_without_an_adapter(port):
    assert port.__abstractmethods__ == {"get", "search_ids"}
    with pytest.raises(TypeError):
        port()


class InMemoryOrders(OrderRepository):
    def __init__(self, *orders: Order) -> None:
        self._orders = {order.order_id: order for order in orders}

    def get(self, order_id: str) -> Order | None:
        return self._orders.get(order_id)

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return sorted(key for key in self._orders if key.startswith(prefix))[:limit]


def test_an_adapter_fulfils_the_port():
    orders = InMemoryOrders(*(stored_order(order_id=f"ab{n}") for n in range(5)))
    assert orders.get("ab3") == stored_order(order_id="ab3")
    assert orders.get("zz") is None
    assert orders.search_ids("ab", limit=2) == ["ab0", "ab1"]


class InMemoryProducts(ProductRepository):
    def __init__(self, *products: Product) -> None:
        self._products = {product.product_id: product for product in products}

    def get(self, product_id: str) -> Product | None:
        return self._products.get(product_id)

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return sorted(key for key in self._products if key.startswith(prefix))[:limit]


def test_get_many_defaults_to_the_known_products_by_id():
    products = InMemoryProducts(Product("p1"), Product("p2"))
    assert products.get_many(["p2", "p9", "p2"]) == {"p2": Product("p2")}
    assert products.get_many([]) == {}
