import math

import pytest

from domain.entities.category import Category
from domain.entities.geography import Geography
from domain.errors import InvalidValue


def test_a_translated_category_shows_its_english_name():
    category = Category("beleza_saude", "health_beauty")
    assert category.is_translated
    assert category.display_name == "health_beauty"


def test_an_untranslated_category_keeps_its_portuguese_name():
    category = Category("pc_gamer")
    assert not category.is_translated
    assert category.display_name == "pc_gamer"


def test_a_category_needs_a_name():
    with pytest.raises(InvalidValue):
        Category(" ")


SE_SQUARE = Geography("01001", -23.5505, -46.6333, "sao paulo", "SP")
COPACABANA = Geography("22070", -22.9711, -43.1822, "rio de janeiro", "RJ")


def test_distance_between_sao_paulo_and_rio_is_about_360_km():
    assert SE_SQUARE.distance_km(COPACABANA) == pytest.approx(361, abs=5)
    assert SE_SQUARE.distance_km(COPACABANA) == pytest.approx(COPACABANA.distance_km(SE_SQUARE))
    assert SE_SQUARE.distance_km(SE_SQUARE) == 0


def test_a_quarter_of_the_equator():
    origin = Geography("69900", 0.0, 0.0, "x", "AC")
    assert origin.distance_km(Geography("69900", 0.0, 90.0, "x", "AC")) == pytest.approx(
        math.pi * 6371.0 / 2
    )


def test_region_and_whether_the_point_is_inside_brazil():
    assert SE_SQUARE.region == "Southeast"
    assert SE_SQUARE.is_inside_brazil
    assert not Geography("01001", 38.7, -9.1, "lisboa", "SP").is_inside_brazil


@pytest.mark.parametrize(("lat", "lng"), [(91, 0), (0, -181)])
def test_refuses_points_not_on_earth(lat, lng):
    with pytest.raises(InvalidValue, match="not a point on Earth"):
        Geography("01001", lat, lng, "x", "SP")


def test_validates_zip_and_state_like_an_address():
    with pytest.raises(InvalidValue, match="zip"):
        Geography("1001", 0, 0, "x", "SP")
    with pytest.raises(InvalidValue, match="UF"):
        Geography("01001", 0, 0, "x", "ZZ")
