"""The small dialog that edits one quality rule: severity, threshold, enabled."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Switch

from domain.entities.quality import Severity
from domain.entities.rule_definition import InvalidRule, checked_threshold
from domain.repositories.metadata_store import QualityRuleRecord
from screens.widgets.field_error import FieldError, Parses, refuse


@dataclass(frozen=True)
class RuleEdit:
    rule_id: str
    severity: str
    threshold: float
    enabled: bool


class RuleEditDialog(ModalScreen[RuleEdit | None]):
    AUTO_FOCUS = "#edit-severity"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="rule-edit.cancel")]

    def __init__(self, rule: QualityRuleRecord) -> None:
        super().__init__()
        self._rule = rule

    def compose(self) -> ComposeResult:
        rule = self._rule
        with Vertical(id="rule-edit-dialog"):
            yield Label(f"Edit rule {rule.rule_id}", classes="section-title")
            yield Label(rule.description, classes="dialog-note")
            with Horizontal(classes="dialog-row"):
                yield Label("severity", classes="dialog-label")
                yield Select(
                    [(str(s), str(s)) for s in Severity],
                    value=rule.severity,
                    allow_blank=False,
                    id="edit-severity",
                )
            with Horizontal(classes="dialog-row"):
                yield Label("threshold", classes="dialog-label")
                yield Input(
                    value=f"{rule.threshold:g}",
                    validators=[Parses(checked_threshold)],
                    id="edit-threshold",
                )
            yield FieldError("edit-threshold")
            yield Label(
                "failing rows allowed: a count (1 or more) or a share of the rows checked "
                "(below 1, e.g. 0.05 = 5%); 0 allows none",
                classes="dialog-note",
            )
            with Horizontal(classes="dialog-row"):
                yield Label("enabled", classes="dialog-label")
                yield Switch(value=rule.enabled, id="edit-enabled")
            with Horizontal(id="rule-edit-buttons"):
                yield Button("Save", variant="primary", id="edit-save")
                yield Button("Cancel", id="edit-cancel")

    @on(Button.Pressed, "#edit-save")
    @on(Input.Submitted, "#edit-threshold")
    def _save(self) -> None:
        threshold = self.query_one("#edit-threshold", Input)
        try:  # the store's own validator, so the dialog refuses what the store would
            limit = checked_threshold(threshold.value)
        except InvalidRule as invalid:
            refuse(threshold, f"The {invalid}.")
            return
        self.dismiss(
            RuleEdit(
                self._rule.rule_id,
                str(self.query_one("#edit-severity", Select).value),
                limit,
                self.query_one("#edit-enabled", Switch).value,
            )
        )

    @on(Button.Pressed, "#edit-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
