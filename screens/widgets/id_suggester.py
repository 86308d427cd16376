"""Inline completion of ids from the warehouse, looked up off the UI thread as the user types."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.suggester import Suggester

# Below this many characters almost every id matches: not worth a query per keystroke.
MINIMUM_PREFIX = 2


class IdSuggester(Suggester):
    """Suggests the first id starting with the typed text; never raises into the input."""

    def __init__(self, suggest: Callable[[str], str | None]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self._suggest = suggest

    async def get_suggestion(self, value: str) -> str | None:
        if len(value.strip()) < MINIMUM_PREFIX:
            return None
        try:
            return await asyncio.to_thread(self._suggest, value)
        except Exception:  # no snapshot yet, or one being reloaded: simply no suggestion
            return None
