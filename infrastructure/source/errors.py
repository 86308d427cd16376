"""The one error the source reader raises: bad input, told in words an analyst can act on."""

from __future__ import annotations

from domain.errors import SourceRejected


class SourceError(SourceRejected):
    """Bad source data; the message says which file, where, what was found and expected, and what
    to do. The parts are also kept as attributes (`SourceRejected`)."""
