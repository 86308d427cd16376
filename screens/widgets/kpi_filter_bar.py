"""The KPI filter bar: purchase dates from/to, customer state, category — always visible.

Dates apply on enter, state and category as soon as they are picked; the bar then posts
Requested with the raw values, and shows the filters in force once the screen applied them
(an edited date not yet applied is marked as pending). A date that is not a day is refused in
its box (marked, the reason beside it, the focus kept there) and nothing is requested.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, Select

from screens.widgets.field_error import Parses, accept, refuse
from workbench.application.kpi_filters import Filters, parse_day


class DateInput(Input):
    """A date box whose text is selected when it gets the focus (by key or click), so typing
    replaces a pre-filled date; no length limit, so extra typing fails validation visibly."""

    def __init__(self, what: str, *, id: str) -> None:
        super().__init__(
            placeholder="YYYY-MM-DD",
            id=id,
            compact=True,
            select_on_focus=True,
            validators=[Parses(lambda text: parse_day(text, what))],
            validate_on=["submitted"],
        )
        self._just_focused = False

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._just_focused = True

    async def _on_key(self, event: events.Key) -> None:
        self._just_focused = False
        await super()._on_key(event)

    async def _on_mouse_up(self, event: events.MouseUp) -> None:
        await super()._on_mouse_up(event)
        if self._just_focused and not self.selection.end - self.selection.start:
            self.select_all()
        self._just_focused = False


class FilterBar(Horizontal):
    DEFAULT_CLASSES = "kpi-filter-bar"

    class Requested(Message):
        """The user asked for these filters (raw values, validated by the screen)."""

        def __init__(
            self, date_from: str, date_to: str, state: str | None, category: str | None
        ) -> None:
            super().__init__()
            self.date_from = date_from
            self.date_to = date_to
            self.state = state
            self.category = category

    def compose(self) -> ComposeResult:
        yield Label("from", classes="kpi-filter-label")
        yield DateInput("'from' date", id="kpi-from")
        yield Label("to", classes="kpi-filter-label")
        yield DateInput("'to' date", id="kpi-to")
        yield Select[str]([], prompt="all states", id="kpi-state", compact=True)
        yield Select[str]([], prompt="all categories", id="kpi-category", compact=True)

    def set_choices(self, states: tuple[str, ...], categories: tuple[str, ...]) -> None:
        """Offer these states and categories (keeping the current choice)."""
        with self.prevent(Select.Changed):
            for select, values in (
                (self.query_one("#kpi-state", Select), states),
                (self.query_one("#kpi-category", Select), categories),
            ):
                current = select.value
                select.set_options([(value, value) for value in values])
                if current in values:
                    select.value = current

    def show(self, filters: Filters) -> None:
        """Show the filters in force."""
        start, end = (filters.period.start, filters.period.end) if filters.period else ("", "")
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#kpi-from", Input).value = str(start)
            self.query_one("#kpi-to", Input).value = str(end)
            chosen = (("#kpi-state", filters.state), ("#kpi-category", filters.category))
            for select_id, value in chosen:
                select = self.query_one(select_id, Select)
                if value is None:
                    select.clear()
                else:
                    select.value = value
        for field in self.query(Input):
            field.remove_class("-pending")
        accept(*self.query(Input))

    def focus_first(self) -> None:
        self.query_one("#kpi-from", Input).focus()

    @on(Input.Changed)
    def _mark_pending(self, event: Input.Changed) -> None:
        event.input.add_class("-pending")

    def refuse(self, reason: str) -> None:
        """The screen refused the dates together (e.g. 'from' after 'to'): say so at 'to'."""
        refuse(self.query_one("#kpi-to", Input), reason)

    @on(Input.Submitted)
    @on(Select.Changed)
    def _request(self) -> None:
        for field in self.query(Input):
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                refuse(field, " ".join(result.failure_descriptions))
                return
        state = self.query_one("#kpi-state", Select).value
        category = self.query_one("#kpi-category", Select).value
        self.post_message(
            self.Requested(
                self.query_one("#kpi-from", Input).value,
                self.query_one("#kpi-to", Input).value,
                state if isinstance(state, str) else None,
                category if isinstance(category, str) else None,
            )
        )
