"""The segment map in plain words: what each segment's R, F and M ranges mean to an analyst."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.services.rfm_scoring import FREQUENCY_SCORES, TOP_ORDER_COUNT
from domain.services.segment_map import ScoreRange, SegmentRule

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

EXCLUSION_NOTE = (
    "People whose every order was canceled or unavailable have no purchase to measure: "
    "they are not scored and belong to no segment."
)
_F_RULE = ", ".join(
    f"{count}{' or more' if count == TOP_ORDER_COUNT else ''} → {score}"
    for count, score in sorted(FREQUENCY_SCORES)
)
SCORING_NOTE = (
    "Recency is counted in days from a customer's last counted order to the dataset's as-of "
    "date (its latest purchase that counts as a sale), never to today. R and M are quintiles of "
    "rank (ties share a score): R 5 = most recent fifth, M 5 = highest-spending fifth. "
    f"F counts orders: {_F_RULE}. "
    "Counted orders are those not canceled or unavailable; monetary is their items plus freight."
)


def orders_in_words(frequency: ScoreRange) -> str:
    """The order counts an F range stands for, e.g. '2 or more orders'."""
    if frequency.is_any:
        return "any number of orders"
    counts = sorted(n for n, score in FREQUENCY_SCORES if frequency.contains(score))
    if not counts:
        return "no order count"
    if TOP_ORDER_COUNT in counts:
        return f"{counts[0]} or more orders"
    if len(counts) == 1:
        return f"{counts[0]} order" + ("s" if counts[0] > 1 else "")
    return f"{counts[0]}–{counts[-1]} orders"


def _scores(letter: str, bounds: ScoreRange) -> str:
    if bounds.is_any:
        return f"any {letter}"
    if bounds.low == bounds.high:
        return f"{letter} {bounds.low}"
    return f"{letter} {bounds.low}–{bounds.high}"


def rule_in_words(rule: SegmentRule) -> str:
    """The rule's ranges, e.g. 'R 4–5 · 3 or more orders · M 4–5'."""
    if rule.is_catch_all:
        return "all other scores"
    return " · ".join(
        (_scores("R", rule.recency), orders_in_words(rule.frequency), _scores("M", rule.monetary))
    )


def definitions_frame(rules: tuple[SegmentRule, ...]) -> pl.DataFrame:
    """One row per segment in evaluation order: its scores and its definition."""
    import polars as pl

    return pl.DataFrame(
        {
            "order": list(range(1, len(rules) + 1)),
            "segment": [str(rule.segment) for rule in rules],
            "scores": [rule_in_words(rule) for rule in rules],
            "definition": [rule.definition for rule in rules],
        }
    )
