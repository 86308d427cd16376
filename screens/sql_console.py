"""The SQL console (key 6, "Query"): ask the published warehouse your own question.

An editor (Textual's TextArea) with completion from the warehouse's catalogue, the statement
under the cursor (or the selection) run read-only off the UI thread and cancelled at once by
escape (DuckDB interrupt()), the result in a textual-fastdatatable over Arrow with its true
total, the whole result exported, the history and saved queries from the metadata store, a
catalogue panel, query tabs that survive a restart.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Static, TextArea

from domain.errors import SqlFailed, SqlRefused
from screens.loads import CANCEL_BINDING, Loaded, Loads, on_loaded
from screens.services import SnapshotScreen, services
from screens.widgets.export_dialog import ExportDialog, ExportRequest
from screens.widgets.keys_footer import KeysFooter
from screens.widgets.sql_catalogue import CataloguePanel
from screens.widgets.sql_editor import (
    CompletionMenu,
    SqlEditor,
    location_of,
    offset_of,
    sql_editor,
)
from screens.widgets.sql_history import HistoryDialog, SaveQueryDialog
from screens.widgets.sql_results import ResultsView
from workbench.application.sql_completion import complete
from workbench.application.sql_console import (
    EXPORT_FORMATS,
    Catalogue,
    QueryResult,
    SqlTabs,
    format_sql,
    statement_at,
)

if TYPE_CHECKING:
    import pyarrow as pa

HELP = """\
## Query (SQL console)

Your own question, in DuckDB SQL, on the published warehouse snapshot (read-only: a statement
that would write is refused and changes nothing).

| key | action |
|---|---|
| `ctrl+j` (or `ctrl+enter`) | run the statement under the cursor, or the selection |
| `escape` while running | cancel the query at once |
| `escape` | from the editor to the result (then `e`, `c`, number keys work) and back |
| `tab` / `↑` `↓` / `enter` | take a completion / move in it (escape hides it) |
| `ctrl+space` | show the completions for the word at the cursor |
| `e`, `ctrl+e` | export the **whole** result: CSV, Parquet, JSON, JSONL, Markdown, Arrow |
| `c` | chart the result (kind and columns switchable) |
| `f2` | format the statement |
| `f8` | history and saved queries (searchable) |
| `ctrl+s` | save the query under a name (shared on the metadata store) |
| `f9` | show or hide the catalogue (tables, row counts, columns, macros) |
| `ctrl+n`, `f4`, `f3` | new tab, close tab, next tab (tabs survive a restart) |

The table shows at most `sql_fetch_limit` rows (10,000 unless configured: `workbench config
show`) in the app's number and date formats, and says how many there are in all ("showing
10,000 of 2,431,118 rows"); exports write every row as raw values. Every query run is kept in
the metadata store (text, when, who, duration, rows or error).
"""

TICK_SECONDS = 0.1
SAVE_AFTER_SECONDS = 1.0  # the tabs are written this long after the last keystroke
FIRST_PAINT_WAIT_SECONDS = 0.5  # the reader waits at most this long for the first rows' paint
# Rows painted before the rest is read: a few screens' worth, so the first paint formats and lays
# out a few hundred rows, not the whole fetch limit (the table grows to it once all is read).
FIRST_FETCH_ROWS = 500


class QueryRan(Loaded):
    def __init__(self, result: QueryResult) -> None:
        super().__init__()
        self.result = result


class FirstRows(Message):
    """The running query's first rows, read before the rest is counted."""

    def __init__(self, run: int, head: pa.Table, painted: threading.Event) -> None:
        super().__init__()
        self.run = run
        self.head = head
        self.painted = painted  # set once the rows are on screen: the reader goes on


class CatalogueLoaded(Loaded):
    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue


class ResultExported(Loaded):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SqlConsoleScreen(Loads, SnapshotScreen, Screen[None]):
    HELP = HELP
    AUTO_FOCUS = "#sql-editor"
    DEFAULT_CSS = """
    SqlConsoleScreen #sql-tabs { height: 1; padding: 0 1; background: $panel; }
    SqlConsoleScreen #sql-editor { height: 40%; min-height: 4; }
    """
    BINDINGS = [
        CANCEL_BINDING,
        Binding("ctrl+j,ctrl+enter", "run", "Run", priority=True, id="sql.run"),
        Binding("down", "completion(1)", show=False, priority=True, id="sql.next"),
        Binding("up", "completion(-1)", show=False, priority=True, id="sql.previous"),
        Binding("ctrl+space", "show_completion", show=False, id="sql.complete"),
        Binding("escape", "switch_focus", "Editor/result", show=False, id="sql.switch_focus"),
        Binding("e", "export", "Export", id="sql.export"),
        Binding("ctrl+e", "export", "Export", show=False, priority=True, id="sql.export_any"),
        Binding("c", "chart", "Chart", id="sql.chart"),
        Binding("f2", "format", "Format", id="sql.format"),
        Binding("f8", "history", "History", id="sql.history"),
        Binding("ctrl+s", "save", "Save", id="sql.save"),
        Binding("f9", "toggle_catalogue", "Catalogue", id="sql.catalogue"),
        Binding("ctrl+n", "new_tab", "New tab", show=False, id="sql.new_tab"),
        Binding("f4", "close_tab", "Close tab", show=False, id="sql.close_tab"),
        Binding("f3", "next_tab", "Next tab", show=False, id="sql.next_tab"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._catalogue = Catalogue()
        self._started = 0.0
        self._runs = 0  # queries started: a late message of an older one is dropped
        self._tabs_store: SqlTabs | None = None
        self._tabs: list[str] = [""]
        self._active = 0
        self._save_timer: Timer | None = None
        self._pending_sql: str | None = None  # opened before the screen was mounted
        self.first_fetch_rows = FIRST_FETCH_ROWS

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="sql-main"):
                yield Static("", id="sql-tabs")
                yield sql_editor(id="sql-editor")
                yield CompletionMenu(id="sql-completion")
                yield ResultsView(
                    shown_rows=services(self).settings().sql_fetch_limit, id="sql-results"
                )
            yield CataloguePanel(id="sql-catalogue")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._tabs_store = SqlTabs(services(self).settings().data_dir)
        self._tabs, self._active = self._tabs_store.load()
        self._load(self._tabs[self._active])
        self.editor.takes_key = self._editor_key
        self._show_tabs()
        if self._pending_sql is not None:
            pending, self._pending_sql = self._pending_sql, None
            self._open_sql(pending)
        if self.app.size.width < 100:
            self.catalogue_panel.add_class("-hidden")
        self.set_interval(TICK_SECONDS, self._tick)  # then SnapshotScreen's on_mount runs

    # -- parts --------------------------------------------------------------------------------
    @property
    def editor(self) -> SqlEditor:
        return self.query_one("#sql-editor", SqlEditor)

    @property
    def results(self) -> ResultsView:
        return self.query_one(ResultsView)

    @property
    def menu(self) -> CompletionMenu:
        return self.query_one(CompletionMenu)

    @property
    def catalogue_panel(self) -> CataloguePanel:
        return self.query_one(CataloguePanel)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "completion":
            return self.menu.shown and self.editor.has_focus
        if action in ("export", "chart") and self.editor.has_focus:
            return None if action == "export" else False
        return super().check_action(action, parameters)

    # -- the catalogue ------------------------------------------------------------------------
    def load_data(self) -> None:
        """On mount and after a snapshot reload: the catalogue of the snapshot in use."""
        console = services(self).sql_console()
        generation = self._current_generation()
        self.start_load(
            "catalogue",
            lambda: CatalogueLoaded(console.catalogue(generation)),
            "the warehouse catalogue",
        )

    @on_loaded(CatalogueLoaded)
    def _catalogue_loaded(self, message: CatalogueLoaded) -> None:
        self._catalogue = message.catalogue
        self.catalogue_panel.show(message.catalogue)

    @on(CataloguePanel.Insert)
    def _insert(self, event: CataloguePanel.Insert) -> None:
        self.editor.insert(event.text)
        self.editor.focus()

    def action_toggle_catalogue(self) -> None:
        self.catalogue_panel.toggle_class("-hidden")

    # -- running ------------------------------------------------------------------------------
    def _statement(self) -> str:
        editor = self.editor
        if editor.selected_text.strip():
            return editor.selected_text
        text = editor.text
        start, end = statement_at(text, offset_of(text, editor.cursor_location))
        return text[start:end]

    def action_run(self) -> None:
        self.menu.hide()
        sql = self._statement()
        if not sql.strip(" \n\t;"):
            self.results.say("Nothing to run: type a statement (ctrl+j runs it).", error=True)
            return
        console = services(self).sql_console()
        self._started = time.perf_counter()
        self._runs += 1
        run, shown = self._runs, min(self.first_fetch_rows, self.results.shown_rows)
        self.results.say("running … (escape cancels)")

        def first(head: pa.Table) -> None:
            # Reading the rest holds the GIL in long stretches: wait (briefly) until the first
            # rows are painted, so they show at once rather than after the whole result.
            painted = threading.Event()
            self.post_message(FirstRows(run, head, painted))
            painted.wait(FIRST_PAINT_WAIT_SECONDS)

        self.start_load(
            "query",
            lambda: QueryRan(console.run(sql, on_first=first, first_rows=shown)),
            "the query",
        )

    @on(FirstRows)
    def _first_rows(self, message: FirstRows) -> None:
        if message.run == self._runs and self.is_loading("query"):
            self.results.show_first(message.head)
            self.call_after_refresh(message.painted.set)
        else:
            message.painted.set()

    def _tick(self) -> None:
        if (
            self.is_loading("query")
            and self.results.result is None
            and not self.results.table.row_count
        ):
            took = time.perf_counter() - self._started
            self.results.say(f"running … {took:.1f} s (escape cancels)")

    @on_loaded(QueryRan)
    def _query_ran(self, message: QueryRan) -> None:
        self.results.show(message.result)

    def shows_failure(self, kind: str, error: Exception) -> bool:
        if kind == "query" and isinstance(error, SqlFailed | SqlRefused):
            self.results.clear()
            self.results.say(str(error), error=True)
            return True
        return False

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        if kind == "query" and cancelled:
            took = time.perf_counter() - self._started
            self.results.clear()
            self.results.say(f"cancelled after {took:.1f} s: no result", error=True)

    # -- completion ---------------------------------------------------------------------------
    @on(TextArea.Changed, "#sql-editor")
    def _typed(self) -> None:
        self._tabs[self._active] = self.editor.text
        self._show_tabs()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER_SECONDS, self._remember_tabs)
        self._complete(only_after_word=True)

    def _complete(self, *, only_after_word: bool) -> None:
        editor = self.editor
        text = editor.text
        offset = offset_of(text, editor.cursor_location)
        if only_after_word and (
            offset == 0 or not (text[offset - 1].isalnum() or text[offset - 1] in "_.")
        ):
            self.menu.hide()
            return
        start, end = statement_at(text, offset)
        completion = complete(text, offset, self._catalogue, text[start:end])
        self.menu.offer(completion)
        self.refresh_bindings()

    def _editor_key(self, key: str) -> bool:
        """Escape in the editor cancels the running query, else hides the completions (else it
        leaves the editor); tab or enter takes the completion shown, if one is."""
        if key == "escape" and self.is_loading("query"):
            self.cancel_load("query")
            return True
        if not self.menu.shown:
            return False
        if key == "escape":
            self.action_hide_completion()
        else:
            self.action_accept_completion()
        return True

    def action_show_completion(self) -> None:
        self._complete(only_after_word=False)

    def action_completion(self, step: int) -> None:
        self.menu.move(step)

    def action_hide_completion(self) -> None:
        self.menu.hide()
        self.refresh_bindings()

    def action_accept_completion(self) -> None:
        chosen = self.menu.chosen()
        completion = self.menu.completion
        self.menu.hide()
        if chosen is None:
            return
        text = self.editor.text
        self.editor.replace(
            chosen, location_of(text, completion.start), location_of(text, completion.end)
        )
        self.menu.hide()
        self.refresh_bindings()

    def action_switch_focus(self) -> None:
        """Escape: from the editor to the result (where e, c and number keys work), and back."""
        if self.editor.has_focus:
            self.results.table.focus()
        else:
            self.editor.focus()

    # -- format, tabs -------------------------------------------------------------------------
    def action_format(self) -> None:
        editor = self.editor
        text = editor.text
        start, end = statement_at(text, offset_of(text, editor.cursor_location))
        formatted = format_sql(text[start:end].strip("\n"), self._catalogue.keywords)
        editor.replace(formatted, location_of(text, start), location_of(text, end))

    def _show_tabs(self) -> None:
        parts = []
        for index, text in enumerate(self._tabs):
            first = " ".join(text.split())[:18] or "empty"
            mark = "▶" if index == self._active else " "
            parts.append(f"{mark}{index + 1} {first}")
        self.query_one("#sql-tabs", Static).update("  ".join(parts) + "   (f3 next, ctrl+n new)")

    def _switch(self, index: int) -> None:
        self._tabs[self._active] = self.editor.text
        self._active = index
        self._load(self._tabs[index])
        self._show_tabs()
        self._remember_tabs()

    def action_new_tab(self) -> None:
        self._tabs.append("")
        self._switch(len(self._tabs) - 1)

    def action_close_tab(self) -> None:
        if len(self._tabs) == 1:
            self._tabs = [""]
            self._load("")
        else:
            del self._tabs[self._active]
            self._active = min(self._active, len(self._tabs) - 1)
            self._load(self._tabs[self._active])
        self._show_tabs()
        self._remember_tabs()

    def action_next_tab(self) -> None:
        self._switch((self._active + 1) % len(self._tabs))

    def _remember_tabs(self) -> None:
        """Keep the tabs' text in the data dir (on each switch, a moment after typing, on
        leaving); self._tabs always holds the open tab's text, so the editor is not asked."""
        if self._tabs_store is None:
            return
        try:
            self._tabs_store.save(self._tabs, self._active)
        except OSError as error:  # a read-only data dir: the tabs live on until the app quits
            self.notify(f"Could not keep the query tabs: {error}", severity="warning")

    def on_screen_suspend(self) -> None:
        self._remember_tabs()

    def on_unmount(self) -> None:
        self.cancel_loads()
        self._remember_tabs()

    # -- export, history, saved queries, chart ------------------------------------------------
    def action_export(self) -> None:
        result = self.results.result
        if result is None:
            self.notify("Run a query first: there is no result to export.", title="Export")
            return
        folder = services(self).settings().data_dir / "exports"
        dialog = ExportDialog("query", result.total_rows, folder, formats=EXPORT_FORMATS)

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            console = services(self).sql_console()

            def export() -> Loaded:
                path = console.export(result, request.fmt, request.path)
                return ResultExported(f"wrote all {result.total_rows:,} rows to {path}")

            self.start_load("export", export, "the export")

        self.app.push_screen(dialog, chosen)

    @on_loaded(ResultExported)
    def _exported(self, message: ResultExported) -> None:
        self.notify(message.text, title="Export")

    def action_history(self) -> None:
        console = services(self).sql_console()
        try:
            saved = console.saved_queries()
        except Exception as error:  # the store unreachable: said, the console goes on
            self.app.notify(str(error), title="History", severity="error")
            return
        self.app.push_screen(HistoryDialog(console.history, saved), self._history_chosen)

    def _history_chosen(self, sql: str | None) -> None:
        if sql is not None:
            self.open_sql(sql)
            self.editor.focus()

    def action_save(self) -> None:
        sql = self.editor.text
        if not sql.strip():
            self.notify("There is no SQL to save.", title="Save")
            return

        def named(name: str | None) -> None:
            if name is None:
                return
            try:
                services(self).sql_console().save_query(name, sql)
            except Exception as error:
                self.notify(str(error), title="Save", severity="error")
                return
            self.notify(f"Saved as {name!r}.", title="Save")

        self.app.push_screen(SaveQueryDialog(), named)

    def action_chart(self) -> None:
        result = self.results.result
        if result is None or not result.total_rows:
            self.notify("Run a query with rows first: there is nothing to chart.", title="Chart")
            return
        from screens.widgets.sql_chart import ChartDialog

        self.app.push_screen(ChartDialog(result, self.results.shown_rows))

    def open_sql(self, sql: str) -> None:
        """Open `sql` in a new tab (another screen's "query behind this table")."""
        if self.is_mounted:
            self._open_sql(sql)
        else:  # the app switched to this mode a moment ago: open it once mounted
            self._pending_sql = sql

    def _open_sql(self, sql: str) -> None:
        if self.editor.text.strip():
            self.action_new_tab()
        self._load(sql)
        self._show_tabs()
        self._remember_tabs()

    def _load(self, text: str) -> None:
        """Show `text` in the editor as the open tab's."""
        self._tabs[self._active] = text
        self.editor.load_text(text)
        self.editor.move_cursor(self.editor.document.end)
        self.menu.hide()
