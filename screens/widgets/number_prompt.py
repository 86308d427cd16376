"""Ask for one whole number (an assumption of a view, such as the sellers' minimum volume):
enter applies, escape keeps the old value; a bad value is marked and the box keeps the focus."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import Number
from textual.widgets import Input, Label


class NumberPrompt(ModalScreen[int | None]):
    AUTO_FOCUS = "#number-value"
    BINDINGS = [Binding("escape", "dismiss(None)", "Keep it", id="number.cancel")]

    def __init__(self, question: str, value: int, minimum: int, maximum: int) -> None:
        super().__init__()
        self._question = question
        self._value = value
        self._range = (minimum, maximum)

    def compose(self) -> ComposeResult:
        low, high = self._range
        with Vertical(id="number-prompt"):
            yield Label(self._question, classes="section-title")
            yield Input(
                value=str(self._value),
                validators=[Number(minimum=low, maximum=high)],
                id="number-value",
            )
            yield Label(
                f"a whole number from {low} to {high:,} · enter applies · "
                f"escape keeps {self._value}",
                id="number-note",
            )

    @on(Input.Submitted, "#number-value")
    def _submitted(self, event: Input.Submitted) -> None:
        low, high = self._range
        text = event.value.strip()
        if not text.isdigit() or not low <= int(text) <= high:
            self.query_one("#number-note", Label).update(
                f"{text or 'nothing'}: not a whole number from {low} to {high:,}"
            )
            return
        self.dismiss(int(text))
