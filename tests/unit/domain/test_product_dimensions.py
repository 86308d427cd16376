import pytest

from domain.errors import InvalidValue
from domain.value_objects.product_dimensions import ProductDimensions


def test_volume_and_weight_in_kilograms():
    box = ProductDimensions(weight_g=1500, length_cm=20, height_cm=10, width_cm=15)
    assert box.volume_cm3 == 3000
    assert box.weight_kg == 1.5


@pytest.mark.parametrize("field", ["weight_g", "length_cm", "height_cm", "width_cm"])
@pytest.mark.parametrize("bad", [0, -1, None, True])
def test_every_measure_must_be_positive(field, bad):
    measures = {"weight_g": 100, "length_cm": 10, "height_cm": 10, "width_cm": 10, field: bad}
    with pytest.raises(InvalidValue, match=field):
        ProductDimensions(**measures)
