"""InvariantFinding: a business rule a loaded order breaks, reported rather than refused."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FindingCode(StrEnum):
    """What kind of rule was broken; the same names as the matching quality rules."""

    NO_ITEMS = "no_items"
    NO_PAYMENTS = "no_payments"
    PAYMENT_MISMATCH = "payment_mismatch"
    DELIVERED_WITHOUT_DATE = "delivered_without_date"
    CANCELED_WITH_DELIVERY_DATE = "canceled_with_delivery_date"
    TIMELINE_OUT_OF_ORDER = "timeline_out_of_order"
    REVIEW_ANSWERED_BEFORE_CREATED = "review_answered_before_created"


@dataclass(frozen=True)
class InvariantFinding:
    """One broken rule, with a sentence an analyst can read in the order explorer."""

    code: FindingCode
    message: str
