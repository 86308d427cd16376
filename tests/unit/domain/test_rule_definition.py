"""The one rule validator: a stored row of any content is read without raising."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.entities.quality import Severity
from domain.entities.rule_definition import (
    RULE_KINDS,
    InvalidRule,
    check_rule,
    checked_threshold,
    stored_rule,
)

ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.lists(st.text(max_size=5), max_size=3),
)


@given(
    kind=st.one_of(st.sampled_from(RULE_KINDS), st.text(max_size=10)),
    params=st.one_of(ANY_VALUE, st.dictionaries(st.text(max_size=8), ANY_VALUE, max_size=4)),
    severity=st.one_of(st.sampled_from(list(Severity)), ANY_VALUE),
    threshold=ANY_VALUE,
    enabled=ANY_VALUE,
)
def test_any_stored_row_is_read_as_a_rule_or_a_rule_with_its_defect(
    kind: str, params: Any, severity: Any, threshold: Any, enabled: Any
) -> None:
    rule = stored_rule("r", "d", kind, "fct_orders", params, severity, threshold, enabled)
    assert isinstance(rule.threshold, float) and math.isfinite(rule.threshold)
    assert rule.threshold >= 0 and isinstance(rule.severity, Severity)
    if not rule.defect:
        check_rule(rule)  # what reads as sound may be written back as it is


def test_a_sound_row_reads_as_written() -> None:
    rule = stored_rule(
        "r", "d", "unique", "fct_orders", '{"columns": ["order_id"]}', "critical", 0.5, 1
    )
    assert (rule.defect, rule.params, rule.severity, rule.threshold, rule.enabled) == (
        "",
        {"columns": ["order_id"]},
        Severity.CRITICAL,
        0.5,
        True,
    )


@pytest.mark.parametrize("value", ["nan", "-1", "inf", "lots", True, None, math.nan, -0.01])
def test_a_threshold_must_be_finite_and_not_negative(value: object) -> None:
    with pytest.raises(InvalidRule, match="threshold must be 0 or more"):
        checked_threshold(value)


@pytest.mark.parametrize("values", [[1, None], [{"a": 2}], [True], [["SP"]]])
def test_accepted_values_that_no_text_can_equal_make_the_rule_its_own_error(values: Any) -> None:
    params = {"column": "order_status", "values": values, "key": ["order_id"]}
    rule = stored_rule("r", "d", "accepted_values", "fct_orders", params, "error", 0, 1)
    assert "must list texts or numbers" in rule.defect


def test_accepted_values_of_texts_and_numbers_are_sound() -> None:
    params = {"column": "review_score", "values": ["delivered", 1, 2.5], "key": ["review_id"]}
    rule = stored_rule("r", "d", "accepted_values", "fct_orders", params, "error", 0, 1)
    assert rule.defect == ""
