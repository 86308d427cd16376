"""What the UI remembers between sessions for this user (not a setting written by hand, and not
shared through the team's metadata store): the theme chosen last. A small JSON file in the
data directory; an unreadable one is simply forgotten."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STATE_FILE = "ui-state.json"


class UiState:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / STATE_FILE

    def theme(self) -> str | None:
        theme = self._read().get("theme")
        return theme if isinstance(theme, str) else None

    def remember_theme(self, theme: str) -> None:
        state = self._read()
        state["theme"] = theme
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, indent=2), encoding="utf-8")
        temporary.replace(self.path)

    def _read(self) -> dict[str, Any]:
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}
