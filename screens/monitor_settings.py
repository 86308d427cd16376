"""The dialog that edits a monitor's learned settings: sensitivity, direction, minimum change and
how many published runs it learns from. Severity, threshold and enabled stay in the rule dialog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from domain.entities.monitor import DEFAULTS, Direction, settings_problem
from domain.repositories.metadata_store import QualityRuleRecord
from screens.widgets.field_error import FieldError, refuse

# field id -> (setting, label, how the text is read)
_FIELDS: dict[str, tuple[str, str, type[float] | type[int]]] = {
    "monitor-sensitivity": ("sensitivity", "sensitivity", float),
    "monitor-min-change": ("min_change", "min change", float),
    "monitor-training-runs": ("training_runs", "learn from", int),
    "monitor-min-training-runs": ("min_training_runs", "at least", int),
}
_NOTE = (
    "flags a value beyond `sensitivity` deviations of its history and `min change` (0.1 = 10%) "
    "from its mean, learned from the last `learn from` published runs (`at least` needed)"
)


@dataclass(frozen=True)
class MonitorEdit:
    rule_id: str
    settings: dict[str, Any]


class MonitorSettingsDialog(ModalScreen[MonitorEdit | None]):
    AUTO_FOCUS = "#monitor-sensitivity"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="monitor-edit.cancel")]

    def __init__(self, rule: QualityRuleRecord) -> None:
        super().__init__()
        self._rule = rule

    def compose(self) -> ComposeResult:
        params = self._rule.params
        with Vertical(id="rule-edit-dialog"):
            yield Label(f"Monitor {self._rule.rule_id}", classes="section-title")
            yield Label(_NOTE, classes="dialog-note")
            fields = list(_FIELDS.items())
            for pair in (fields[:2], fields[2:]):  # two a row: the dialog fits 80 x 24
                with Horizontal(classes="dialog-row"):
                    for field_id, (name, label, _) in pair:
                        yield Label(label, classes="dialog-label")
                        value = f"{params.get(name, getattr(DEFAULTS, name))}"
                        yield Input(value=value, id=field_id, classes="monitor-setting")
                for field_id, _ in pair:
                    yield FieldError(field_id)
            with Horizontal(classes="dialog-row"):
                yield Label("direction", classes="dialog-label")
                yield Select(
                    [(str(d), str(d)) for d in Direction],
                    value=str(params.get("direction", DEFAULTS.direction)),
                    allow_blank=False,
                    id="monitor-direction",
                )
            with Horizontal(id="rule-edit-buttons"):
                yield Button("Save", variant="primary", id="monitor-save")
                yield Button("Cancel", id="monitor-cancel")

    @on(Button.Pressed, "#monitor-save")
    @on(Input.Submitted)
    def _save(self) -> None:
        direction = self.query_one("#monitor-direction", Select).value
        settings: dict[str, Any] = {"direction": str(direction)}
        for field_id, (name, label, read) in _FIELDS.items():
            field = self.query_one(f"#{field_id}", Input)
            try:
                settings[name] = read(field.value.strip())
            except ValueError:
                kind = "a whole number" if read is int else "a number"
                refuse(field, f"The {label} must be {kind}, not {field.value!r}.")
                return
            problem = settings_problem({name: settings[name]})
            if problem:
                refuse(field, f"The {problem}.")
                return
        problem = settings_problem(settings)  # the settings together (at least <= learn from)
        if problem:
            refuse(self.query_one("#monitor-min-training-runs", Input), f"The {problem}.")
            return
        self.dismiss(MonitorEdit(self._rule.rule_id, settings))

    @on(Button.Pressed, "#monitor-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
