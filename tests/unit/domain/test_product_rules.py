import pytest

from domain.aggregates.product import Product
from domain.entities.category import Category
from domain.errors import InvalidValue
from domain.value_objects.money import Money
from domain.value_objects.product_dimensions import ProductDimensions


def test_category_label_for_translated_untranslated_and_missing_categories():
    assert Product("p1", Category("beleza_saude", "health_beauty")).category_label == (
        "health_beauty"
    )
    assert Product("p2", Category("pc_gamer")).category_label == "pc_gamer"
    assert Product("p3").category_label == "uncategorized"


def test_selling_a_product_makes_an_order_line():
    product = Product("p1", None, ProductDimensions(300, 16, 10, 12))
    line = product.sell(item_number=1, seller_id="s1", price=Money("29.90"), freight=Money("8"))
    assert (line.product_id, line.seller_id, line.total) == ("p1", "s1", Money("37.90"))


@pytest.mark.parametrize("price", ["0", "-5.00"])
def test_a_product_is_never_sold_without_a_positive_price(price):
    with pytest.raises(InvalidValue, match="positive price"):
        Product("p1").sell(item_number=1, seller_id="s1", price=Money(price), freight=Money(0))
