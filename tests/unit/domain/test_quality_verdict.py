"""A rule's threshold: failing rows allowed, as a count (1 or more) or a share (below 1)."""

from __future__ import annotations

import pytest

from domain.entities.quality import RuleStatus, allowed_failures, verdict


@pytest.mark.parametrize(
    ("threshold", "checked", "allowed"),
    [(0, 1000, 0), (1, 1000, 1), (25, 1000, 25), (0.05, 1000, 50), (0.5, None, 0)],
)
def test_allowed_failures(threshold: float, checked: int | None, allowed: float) -> None:
    assert allowed_failures(threshold, checked) == allowed


def test_a_rule_fails_only_beyond_its_threshold() -> None:
    assert verdict(0, 10, 0) is RuleStatus.PASS
    assert verdict(1, 10, 0) is RuleStatus.FAIL
    assert verdict(5, 100, 0.05) is RuleStatus.PASS
    assert verdict(6, 100, 0.05) is RuleStatus.FAIL
    assert verdict(3, 100, 3) is RuleStatus.PASS
