"""Products from the warehouse: category and packaged size, any number of them in one query.

The source leaves some dimensions empty or zero; such a product gets no dimensions rather than
failing to load.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.aggregates.product import Product
from domain.entities.category import Category
from domain.repositories.product_repository import ProductRepository
from domain.value_objects.product_dimensions import ProductDimensions
from infrastructure.repositories.warehouse_sql import SqlWarehouse, run_query, search_ids


class DuckDbProductRepository(ProductRepository):
    def __init__(self, warehouse: SqlWarehouse) -> None:
        self._warehouse = warehouse

    def get(self, product_id: str) -> Product | None:
        return self.get_many([product_id]).get(product_id)

    def get_many(self, product_ids: Iterable[str]) -> dict[str, Product]:
        wanted = sorted(set(product_ids))
        if not wanted:
            return {}
        found = run_query(self._warehouse, "products", product_ids=wanted)
        products = (_product(*row) for row in found)
        return {product.product_id: product for product in products}

    def search_ids(self, prefix: str, limit: int = 20) -> list[str]:
        return search_ids(self._warehouse, "product_ids", prefix, limit)


def _product(
    product_id: str, category_name: str | None, category_name_english: str | None, *measures: Any
) -> Product:
    """A row of products.sql: id, category names, then weight, length, height and width."""
    category = None
    if category_name:
        category = Category(category_name, category_name_english)
    dimensions = None
    if all(value is not None and value > 0 for value in measures):
        dimensions = ProductDimensions(*measures)
    return Product(product_id, category, dimensions)
