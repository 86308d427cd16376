import pytest

from domain.errors import InvalidValue
from domain.value_objects.review_score import ReviewScore


@pytest.mark.parametrize("stars", [1, 2, 3, 4, 5])
def test_accepts_one_to_five_stars(stars):
    assert int(ReviewScore(stars)) == stars


@pytest.mark.parametrize("stars", [0, 6, -1, 2.5, True, "5"])
def test_refuses_anything_else(stars):
    with pytest.raises(InvalidValue):
        ReviewScore(stars)


def test_scores_are_ordered():
    assert ReviewScore(1) < ReviewScore(5)
