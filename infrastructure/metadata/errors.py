"""Errors of the metadata store adapters; messages are user-facing and never carry a password."""

from __future__ import annotations


class MetadataStoreError(Exception):
    """The metadata store cannot be used; the message says where and why."""
