"""Closed vocabularies of the source system: order statuses and payment types."""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    CREATED = "created"
    APPROVED = "approved"
    INVOICED = "invoiced"
    PROCESSING = "processing"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELED = "canceled"  # one "l", as in the source
    UNAVAILABLE = "unavailable"

    @property
    def counts_as_sale(self) -> bool:
        """GMV, AOV and RFM count every order that was not canceled or unavailable."""
        return self not in (OrderStatus.CANCELED, OrderStatus.UNAVAILABLE)


class PaymentType(StrEnum):
    CREDIT_CARD = "credit_card"
    BOLETO = "boleto"
    VOUCHER = "voucher"
    DEBIT_CARD = "debit_card"
    NOT_DEFINED = "not_defined"
