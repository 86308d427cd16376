import pytest

from domain.errors import InvalidValue
from domain.value_objects.address import Address
from domain.value_objects.brazil import UF_CODES


def test_keeps_the_zip_prefix_as_text_with_its_leading_zero():
    address = Address("01409", "sao paulo", "SP")
    assert address.zip_code_prefix == "01409"
    assert address.region == "Southeast"


@pytest.mark.parametrize("zip_prefix", [1409, "1409", "014090", "0140a", "０１４０９"])
def test_refuses_a_zip_prefix_that_is_not_five_digits_of_text(zip_prefix):
    with pytest.raises(InvalidValue, match="5 digits"):
        Address(zip_prefix, "sao paulo", "SP")


@pytest.mark.parametrize("state", ["sp", "XX", "", "São Paulo"])
def test_refuses_a_state_that_is_not_a_uf_code(state):
    with pytest.raises(InvalidValue, match="27 UF codes"):
        Address("01409", "sao paulo", state)


def test_refuses_a_blank_city():
    with pytest.raises(InvalidValue, match="city"):
        Address("01409", "  ", "SP")


def test_every_uf_has_a_region():
    regions = {Address("69900", "x", uf).region for uf in UF_CODES}
    assert len(UF_CODES) == 27
    assert regions == {"North", "Northeast", "Center-West", "Southeast", "South"}
