"""Named KPI views (filters + view + grain) kept in the metadata store: on PostgreSQL every
analyst of the team sees the same list; on SQLite they are this machine's."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from domain.errors import InvalidValue
from domain.repositories.metadata_store import MetadataStore, SavedViewRecord
from workbench.application.kpi_filters import GRAINS, Filters
from workbench.application.kpis import VIEWS

MAX_NAME = 60


@dataclass(frozen=True)
class SavedView:
    """A saved view as the KPI screen applies it: the filters as entered, re-checked against
    the snapshot in use when opened (a category may be gone)."""

    name: str
    view: str
    grain: str
    date_from: str | None
    date_to: str | None
    states: tuple[str, ...]
    categories: tuple[str, ...]
    saved_by: str = ""

    def describe(self) -> str:
        period = f"{self.date_from or '…'} → {self.date_to or '…'}"
        if not (self.date_from or self.date_to):
            period = "all dates"
        states = ", ".join(self.states) or "all states"
        categories = ", ".join(self.categories) or "all categories"
        return f"{self.view} by {self.grain} · {period} · {states} · {categories}"


class SavedViewsService:
    def __init__(self, store: MetadataStore, user: str | None = None) -> None:
        self._store = store
        self._user = user

    def save(self, name: str, view: str, grain: str, filters: Filters) -> SavedView:
        """Save (or replace) the view under `name`."""
        name = " ".join(name.split())
        if not name:
            raise InvalidValue("a saved view needs a name")
        if len(name) > MAX_NAME:
            raise InvalidValue(f"a view name has at most {MAX_NAME} characters")
        if view not in VIEWS or grain not in GRAINS:
            raise InvalidValue(f"no KPI view {view!r} by {grain!r}")
        period = filters.period
        record = SavedViewRecord(
            name,
            view,
            grain,
            {
                "date_from": period.start.isoformat() if period else None,
                "date_to": period.end.isoformat() if period else None,
                "states": list(filters.states),
                "categories": list(filters.categories),
            },
            self._user if self._user is not None else _user(),
        )
        self._store.save_view(record)
        return _saved(record)

    def list(self) -> list[SavedView]:
        return [_saved(record) for record in self._store.saved_views()]

    def get(self, name: str) -> SavedView:
        for saved in self.list():
            if saved.name == name:
                return saved
        raise InvalidValue(f"no saved view {name!r}")

    def delete(self, name: str) -> None:
        if not self._store.delete_view(name):
            raise InvalidValue(f"no saved view {name!r}")


def _saved(record: SavedViewRecord) -> SavedView:
    filters = record.filters
    return SavedView(
        record.name,
        record.view,
        record.grain,
        filters.get("date_from"),
        filters.get("date_to"),
        tuple(filters.get("states") or ()),
        tuple(filters.get("categories") or ()),
        record.saved_by,
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name known to the system (some containers)
        return ""
