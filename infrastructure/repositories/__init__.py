"""DuckDB adapters of the domain's repository ports: aggregates hydrated from the warehouse."""

from infrastructure.repositories.customer_repository import DuckDbCustomerRepository
from infrastructure.repositories.delivery_repository import DuckDbDeliveryRepository
from infrastructure.repositories.order_repository import DuckDbOrderRepository
from infrastructure.repositories.product_repository import DuckDbProductRepository
from infrastructure.repositories.seller_repository import DuckDbSellerRepository

__all__ = [
    "DuckDbCustomerRepository",
    "DuckDbDeliveryRepository",
    "DuckDbOrderRepository",
    "DuckDbProductRepository",
    "DuckDbSellerRepository",
]
