"""A refused text-box value: marked in its box (the error style) with the reason beside it, and
the focus kept in the box, so the next keys fix the value instead of firing screen shortcuts.

Every text box that checks its value uses `refuse` and `accept`; a screen places one FieldError
for the boxes it serves (`for_fields`), where the reason reads best (beside or under them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Static

from domain.errors import InvalidValue


class FieldError(Static):
    """The reason a value of one of `for_fields` was refused; hidden while there is none."""

    DEFAULT_CLASSES = "field-error"

    def __init__(self, *for_fields: str, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.for_fields = for_fields
        self.display = False


def refuse(field: Input, reason: str) -> None:
    """Mark `field` as holding a refused value, say why beside it, keep the keys in it."""
    field.add_class("-invalid")
    field.focus()
    for error in _reasons_of(field, field.screen.query(FieldError)):
        error.update(reason)
        error.display = True


def accept(*fields: Input) -> None:
    """The values of `fields` are accepted: no mark, no reason."""
    if not fields:
        return
    errors = list(fields[0].screen.query(FieldError))  # one walk for them all (~500 nodes)
    for field in fields:
        field.remove_class("-invalid")
        for error in _reasons_of(field, errors):
            error.display = False


def _reasons_of(field: Input, errors: Iterable[FieldError]) -> list[FieldError]:
    return [error for error in errors if field.id in error.for_fields]


class Parses(Validator):
    """Valid when `parse` accepts the value; a refusal's reason is the InvalidValue's words."""

    def __init__(self, parse: Callable[[str], object]) -> None:
        super().__init__()
        self._parse = parse

    def validate(self, value: str) -> ValidationResult:
        try:
            self._parse(value)
        except InvalidValue as refused:
            return self.failure(str(refused), value)
        return self.success()
