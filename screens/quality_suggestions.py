"""Suggested rules, opened from the Quality screen: each proposal with its evidence, accepted
into the store (it runs from the next check) or rejected into it (stored disabled: never run,
never proposed again)."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Label

from domain.repositories.metadata_store import QualityRuleRecord
from domain.services.rule_suggestions import RuleSuggestion
from screens.loads import CANCEL_BINDING, Loaded, Loads, on_loaded
from screens.services import services
from screens.widgets.frame_table import FrameTable
from screens.widgets.keys_footer import KeysFooter
from workbench.presentation.rule_suggestions import suggestions_frame

HELP = """\
## Suggested rules

Rules proposed from a profile of the published warehouse (values present, distinct values,
smallest and largest), each with the evidence it was learned from. Every one passes on that
warehouse and checks something no stored rule checks yet. Either decision is stored for
everyone on the store.

| key | action |
|---|---|
| `a` | accept the selected suggestion: stored as a warning rule, run from the next check |
| `x` | reject the selected suggestion: stored disabled, never proposed again (`m` enables it) |
| `escape` | back to the Quality screen (`r` there re-checks with the accepted rules) |
"""


class SuggestionsLoaded(Loaded):
    def __init__(self, suggestions: list[RuleSuggestion], elapsed_ms: float) -> None:
        super().__init__()
        self.suggestions = suggestions
        self.elapsed_ms = elapsed_ms


class SuggestionDecided(Loaded):
    """A suggestion stored: enabled if accepted, disabled if rejected."""

    def __init__(self, rule: QualityRuleRecord) -> None:
        super().__init__()
        self.rule = rule


class QualitySuggestionsScreen(Loads, Screen[int]):
    """Dismissed with the number of suggestions decided (each stored)."""

    HELP = HELP
    AUTO_FOCUS = "#suggestions-table DataTable"
    BINDINGS = [
        CANCEL_BINDING,
        Binding("a", "accept", "Accept", id="suggestions.accept"),
        Binding("x", "reject", "Reject", id="suggestions.reject"),
        Binding("escape", "close", "Back", id="suggestions.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[RuleSuggestion] = []
        self.accepted = 0
        self.decided = 0  # accepted or rejected: stored either way

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="suggestions-body"):
            yield Label("profiling the published warehouse…", id="suggestions-summary")
            yield FrameTable("rule_suggestions", id="suggestions-table")
        yield KeysFooter()

    def on_mount(self) -> None:
        suggestions = services(self).rule_suggestions()

        def suggest() -> SuggestionsLoaded:
            started = time.perf_counter()
            found = suggestions.suggest()
            return SuggestionsLoaded(found, (time.perf_counter() - started) * 1000)

        self.start_load("suggestions", suggest, "the rule suggestions")

    @on_loaded(SuggestionsLoaded)
    def _loaded(self, message: SuggestionsLoaded) -> None:
        self.pending = message.suggestions
        self._show(f"profiled in {message.elapsed_ms:,.0f} ms")

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        ended = "cancelled" if cancelled else "failed, see the error notification"
        if kind == "suggestions":
            self.query_one("#suggestions-summary", Label).update(f"Profiling {ended}.")

    def _show(self, note: str = "") -> None:
        """Show the pending suggestions, the cursor staying on the row it was on."""
        table = self.query_one("#suggestions-table", FrameTable)
        row = table.table.cursor_row if table.frame.height else 0
        table.show(suggestions_frame(self.pending))
        if self.pending:
            at = min(row, len(self.pending) - 1)
            self.call_after_refresh(lambda: table.table.move_cursor(row=at))
        summary = (
            f"{len(self.pending)} suggested rules, each passing on the published warehouse · "
            f"{self.accepted} accepted, {self.decided - self.accepted} rejected · "
            "a accept, x reject"
        )
        self.query_one("#suggestions-summary", Label).update(
            summary + (f" · {note}" if note else "")
        )

    def _selected(self) -> RuleSuggestion | None:
        row = self.query_one("#suggestions-table", FrameTable).selected_row()
        chosen = None if row is None else str(row["rule"])
        return next((s for s in self.pending if s.rule.rule_id == chosen), None)

    def action_accept(self) -> None:
        self._decide(accept=True)

    def action_reject(self) -> None:
        self._decide(accept=False)

    def _decide(self, *, accept: bool) -> None:
        suggestion = self._selected()
        if suggestion is None:
            self.notify("Select a suggestion first.")
            return
        suggestions = services(self).rule_suggestions()
        store = suggestions.accept if accept else suggestions.reject
        verb = "acceptance" if accept else "rejection"
        self.start_load(
            f"decide {suggestion.rule.rule_id}",
            lambda: SuggestionDecided(store(suggestion)),
            f"the {verb} of {suggestion.rule.rule_id}",
        )

    @on_loaded(SuggestionDecided)
    def _decided(self, message: SuggestionDecided) -> None:
        rule = message.rule
        self.pending = [s for s in self.pending if s.rule.rule_id != rule.rule_id]
        self.decided += 1
        if rule.enabled:
            self.accepted += 1
            text = f"{rule.rule_id} stored ({rule.severity}); it runs from the next check."
        else:
            text = f"{rule.rule_id} stored disabled; it will not be suggested again."
        self._show()
        self.notify(text, title="Rule accepted" if rule.enabled else "Rule rejected")

    def action_close(self) -> None:
        self.dismiss(self.decided)
