"""Product: something sold on the marketplace, with its category and packaged size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.entities.category import Category
from domain.entities.order_item import OrderItem
from domain.value_objects.money import Money
from domain.value_objects.product_dimensions import ProductDimensions

UNCATEGORIZED = "uncategorized"


@dataclass(frozen=True)
class Product:
    """A catalogue entry; category or dimensions are None where the source leaves them empty."""

    product_id: str
    category: Category | None = None
    dimensions: ProductDimensions | None = None

    @property
    def category_label(self) -> str:
        """The category's display name, or "uncategorized"."""
        return self.category.display_name if self.category is not None else UNCATEGORIZED

    def sell(
        self,
        *,
        item_number: int,
        seller_id: str,
        price: Money,
        freight: Money,
        shipping_limit_at: datetime | None = None,
    ) -> OrderItem:
        """An order line for this product; refused unless the price is positive."""
        return OrderItem(
            item_number=item_number,
            product_id=self.product_id,
            seller_id=seller_id,
            price=price,
            freight=freight,
            shipping_limit_at=shipping_limit_at,
        )
