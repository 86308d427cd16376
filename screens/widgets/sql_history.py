"""The SQL console's history (every query run, from the metadata store, searchable) and the
named saved queries (shared by everyone on the same store): enter puts one in the editor."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from domain.repositories.query_history import QueryRecord, SavedQuery
from screens.services import app_of


class HistoryDialog(ModalScreen[str | None]):
    """Pick a past or a saved query; typing searches the history (any case, anywhere)."""

    AUTO_FOCUS = "#history-search"
    DEFAULT_CSS = """
    HistoryDialog { align: center middle; }
    HistoryDialog > Vertical {
        width: 90%; height: 80%; border: round $accent; background: $surface; padding: 0 1;
    }
    HistoryDialog OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="sql.history.close"),
        Binding("down", "to_list", "List", show=False, id="sql.history.list"),
    ]

    def __init__(self, search: object, saved: list[SavedQuery]) -> None:
        super().__init__()
        self._search = search  # text -> list[QueryRecord], run off the UI thread
        self._saved = saved
        self._texts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("History and saved queries (type to search; enter opens in the editor)")
            yield Input(placeholder="search the history", id="history-search")
            yield OptionList(id="history-list")

    def on_mount(self) -> None:
        self._find("")

    @on(Input.Changed, "#history-search")
    def _changed(self, event: Input.Changed) -> None:
        self._find(event.value)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _find(self, text: str) -> None:
        try:
            found: list[QueryRecord] = self._search(text)  # type: ignore[operator]
        except Exception as error:  # an unreachable store: said, never a traceback
            self.app.call_from_thread(app_of(self).report_error, error)
            return
        self.app.call_from_thread(self._show, text, found)

    def _show(self, text: str, found: list[QueryRecord]) -> None:
        options = self.query_one("#history-list", OptionList)
        options.clear_options()
        self._texts = {}
        wanted = text.lower()
        for saved in self._saved:
            if wanted in saved.name.lower() or wanted in saved.sql.lower():
                key = f"saved:{saved.name}"
                self._texts[key] = saved.sql
                first = " ".join(saved.sql.split())[:70]
                options.add_option(Option(f"★ {saved.name} — {first}", id=key))
        for record in found:
            key = f"run:{record.query_id}"
            self._texts[key] = record.sql
            first = " ".join(record.sql.split())[:60]
            options.add_option(
                Option(
                    f"{record.ran_at:%Y-%m-%d %H:%M} {record.ran_by or '-'} "
                    f"{record.duration_ms:,.0f} ms · {record.outcome[:40]} · {first}",
                    id=key,
                )
            )
        if not self._texts:
            options.add_option(Option("nothing found", disabled=True))

    def action_to_list(self) -> None:
        self.query_one("#history-list", OptionList).focus()

    @on(Input.Submitted, "#history-search")
    def _submitted(self) -> None:
        options = self.query_one("#history-list", OptionList)
        if options.option_count and options.highlighted is None:
            options.highlighted = 0
        self._open(options)

    @on(OptionList.OptionSelected, "#history-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_list)

    def _open(self, options: OptionList) -> None:
        index = options.highlighted
        if index is None or index >= options.option_count:
            return
        key = options.get_option_at_index(index).id
        if key in self._texts:
            self.dismiss(self._texts[key])

    def action_close(self) -> None:
        self.dismiss(None)


class SaveQueryDialog(ModalScreen[str | None]):
    """Name the query to save (a name in use is replaced)."""

    AUTO_FOCUS = "#save-name"
    DEFAULT_CSS = """
    SaveQueryDialog { align: center middle; }
    SaveQueryDialog > Vertical {
        width: 60; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape", "close", "Cancel", id="sql.save.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Save the query as (shared on this metadata store):")
            yield Input(placeholder="name", id="save-name")

    @on(Input.Submitted, "#save-name")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_close(self) -> None:
        self.dismiss(None)
