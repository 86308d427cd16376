"""Key bindings remapped from the config file's [keys] table: binding id -> key(s).

Every binding of the app and its screens has an id (`app.quit`, `kpis.grain`, ...); `workbench
keys` lists them with their default keys. An id the app does not know stops the start with one
line naming it, so a typo never silently leaves a key unmapped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

from workbench.application.errors import ConfigError

# Modules holding screens and widgets with bindings (the app loads some of them lazily).
SCREEN_MODULES = (
    "screens.ingestion",
    "screens.quality",
    "screens.segments",
    "screens.kpis",
    "screens.explorer",
    "screens.help",
    "screens.kpi_orders",
    "screens.kpi_definitions",
    "screens.quality_edit",
    "screens.monitor_settings",
    "screens.quality_suggestions",
    "screens.quality_past_runs",
    "screens.saved_views",
    "screens.sql_console",
    "screens.widgets.sql_chart",
    "screens.widgets.sql_history",
)


def bindings(app_class: type[DOMNode]) -> dict[str, str]:
    """Every binding id of the app and its screens and widgets, with its default key(s)."""
    for module in SCREEN_MODULES:
        import_module(module)
    found: dict[str, str] = {}
    for node_class in (app_class, *_subclasses(DOMNode)):
        for binding in node_class.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, binding.key)
    return dict(sorted(found.items()))


def check_keymap(keys: Mapping[str, str], known: Mapping[str, str], path: Path | None) -> None:
    """Refuse an unknown binding id in [keys], naming it and the file."""
    for binding_id in keys:
        if binding_id not in known:
            raise ConfigError(
                f"Unknown binding id {binding_id!r} in [keys] of {path}: "
                "`workbench keys` lists the ids."
            )


def _subclasses(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
