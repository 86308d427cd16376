"""The KPI filter bar: purchase dates from/to, customer states, categories — always visible.

States and categories are lists typed as "SP, RJ" (the value being typed completes from the
warehouse's choices, `→` accepts). Every box applies on enter; the bar then posts Requested
with the raw values, and shows the filters in force once the screen applied them (an edited
box not yet applied is marked as pending). A date that is not a day, or a state that is not a
UF code, is refused in its box (marked, the reason beside it, the focus kept there) and nothing
is requested.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Label

from screens.widgets.field_error import Parses, accept, refuse
from workbench.application.kpi_filters import Filters, parse_day, parse_states


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


class ListSuggester(Suggester):
    """Completes the last comma-separated value from a list of choices (any case)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.choices: tuple[str, ...] = ()

    async def get_suggestion(self, value: str) -> str | None:
        typing = value.rpartition(",")[2]
        typed = typing.lstrip()
        if not typed:
            return None
        for choice in self.choices:
            if choice.lower().startswith(typed.lower()):
                return value[: len(value) - len(typed)] + choice
        return None


class ListInput(Input):
    """A box of comma-separated values completed from choices; its text is selected on focus.
    `parse` checks the values on enter (a refused one stays in the box, marked)."""

    def __init__(
        self, *, placeholder: str, id: str, parse: Callable[[str], object] | None = None
    ) -> None:
        super().__init__(
            placeholder=placeholder,
            id=id,
            compact=True,
            select_on_focus=True,
            suggester=ListSuggester(),
            validators=[Parses(parse)] if parse else None,
            validate_on=["submitted"],
        )

    def set_choices(self, choices: tuple[str, ...]) -> None:
        assert isinstance(self.suggester, ListSuggester)
        self.suggester.choices = choices


class FilterBar(Horizontal):
    DEFAULT_CLASSES = "kpi-filter-bar"

    class Requested(Message):
        """The user asked for these filters (raw values, validated by the screen)."""

        def __init__(self, date_from: str, date_to: str, states: str, categories: str) -> None:
            super().__init__()
            self.date_from = date_from
            self.date_to = date_to
            self.states = states
            self.categories = categories

    def compose(self) -> ComposeResult:
        yield Label("from", classes="kpi-filter-label")
        yield DateInput("'from' date", id="kpi-from")
        yield Label("to", classes="kpi-filter-label")
        yield DateInput("'to' date", id="kpi-to")
        yield ListInput(placeholder="all states", id="kpi-state", parse=parse_states)
        yield ListInput(placeholder="all categories", id="kpi-category")

    def set_choices(self, states: tuple[str, ...], categories: tuple[str, ...]) -> None:
        """Complete states and categories from these."""
        self.query_one("#kpi-state", ListInput).set_choices(states)
        self.query_one("#kpi-category", ListInput).set_choices(categories)

    def show(self, filters: Filters) -> None:
        """Show the filters in force."""
        start, end = (filters.period.start, filters.period.end) if filters.period else ("", "")
        with self.prevent(Input.Changed):
            self.query_one("#kpi-from", Input).value = str(start)
            self.query_one("#kpi-to", Input).value = str(end)
            self.query_one("#kpi-state", Input).value = ", ".join(filters.states)
            self.query_one("#kpi-category", Input).value = ", ".join(filters.categories)
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
    def _request(self) -> None:
        for field in self.query(Input):
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                refuse(field, " ".join(result.failure_descriptions))
                return
        self.post_message(
            self.Requested(
                *(
                    self.query_one(f"#kpi-{box}", Input).value
                    for box in ("from", "to", "state", "category")
                )
            )
        )
