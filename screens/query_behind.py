"""`Q` on any table: open the query behind it in the SQL console, its filters as literals.

The screen (or the pane) showing a table knows the query its service loaded the table with: it
answers `query_behind(table)` with a TableQuery, or raises NoQueryBehind saying why the table has
none (built in Python from several queries, or read from the metadata store). The nearest such
answer above the table is asked; the console opens the statement in a new tab, ready to change
and run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from domain.errors import DomainError
from screens.services import app_of, services
from workbench.application.table_queries import NoQueryBehind, TableQuery

if TYPE_CHECKING:
    from screens.widgets.frame_table import FrameTable


@runtime_checkable
class ShowsQueries(Protocol):
    def query_behind(self, table: FrameTable) -> TableQuery:
        """The statement behind `table`; NoQueryBehind (with its reason) when there is none."""
        ...


def open_query_behind(table: FrameTable) -> None:
    """Open the query behind `table` in the console, or say why there is none."""
    owner = next((node for node in table.ancestors if isinstance(node, ShowsQueries)), None)
    try:
        if owner is None:
            raise NoQueryBehind("it is not read from the warehouse by one query")
        query = owner.query_behind(table)
    except NoQueryBehind as reason:
        told = f"{table.export_name} has no one query behind it: {reason}."
        table.notify(told, title="Query behind the table")
        return
    except DomainError as error:  # the rule cannot be compiled, no snapshot any more, ...
        table.notify(str(error), title="Query behind the table", severity="error")
        return
    sql = services(table).sql_console().query_behind(table.export_name, query)
    app_of(table).open_in_console(sql)
