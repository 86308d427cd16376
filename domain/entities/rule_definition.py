"""The one validator of a quality rule's definition, used when a rule is written and read.

The rules live in a store shared by a team, where a teammate, an old version or a hand-written
`UPDATE` may have left any value. Writing refuses a bad rule (InvalidRule); reading never raises:
a bad row becomes a rule with a `defect`, which ends as that rule's own error and harms no other.
What needs the warehouse (do the named columns exist, does the predicate parse) is checked when
the rule is compiled against it.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from domain.entities.monitor import DISTRIBUTION, MONITOR_KINDS, PROFILE, SCHEMA, VOLUME
from domain.entities.monitor import settings_problem as monitor_settings_problem
from domain.entities.quality import Severity
from domain.errors import InvalidValue
from domain.repositories.metadata_store import QualityRuleRecord


class InvalidRule(InvalidValue):
    """A quality rule's definition breaks its rules; the message says which part and why."""


_T = TypeVar("_T")

_REQUIRED: dict[str, tuple[str, ...]] = {
    "not_null": ("columns", "key"),
    "unique": ("columns",),
    "relationship": ("columns", "to_model", "to_columns", "key"),
    "accepted_values": ("column", "values", "key"),
    "range": ("column", "key"),
    "expression": ("predicate", "key"),
    "row_count_change": (),
    "freshness": ("column", "max_age_days", "key"),
    "reconciliation": (),
    VOLUME: (),
    PROFILE: (),
    DISTRIBUTION: ("column",),
    SCHEMA: (),
}
RULE_KINDS: tuple[str, ...] = tuple(_REQUIRED)
_COLUMN_LISTS = ("columns", "to_columns", "key", "show")
_NAMES = ("column", "to_model")  # a predicate is checked by its parse, on the warehouse
_NUMBERS = ("min", "max", "max_age_days")
_DIRECTIONS = ("decrease", "both")


def check_rule(rule: QualityRuleRecord) -> None:
    """Raise InvalidRule unless the rule may be written to the store as it is."""
    if rule.defect:
        raise InvalidRule(rule.defect)
    checked_text("rule id", rule.rule_id)
    checked_text("description", rule.description)
    checked_severity(rule.severity)
    checked_threshold(rule.threshold)
    checked_enabled(rule.enabled)
    check_definition(rule.kind, rule.model, checked_params(rule.params))


def stored_rule(
    rule_id: str,
    description: str,
    kind: str,
    model: str,
    params: object,
    severity: object,
    threshold: object,
    enabled: object,
) -> QualityRuleRecord:
    """A rule as a store row holds it; never raises: a bad row gives a rule with its `defect`
    (and harmless stand-ins for the values that could not be read)."""
    problems: list[str] = []

    def read(check: Callable[[object], _T], value: object, stand_in: _T) -> _T:
        try:
            return check(value)
        except InvalidRule as invalid:
            problems.append(str(invalid))
            return stand_in

    rule = QualityRuleRecord(
        read(lambda text: checked_text("rule id", text), rule_id, printable(str(rule_id))),
        read(
            lambda text: checked_text("description", text), description, printable(str(description))
        ),
        str(kind),
        str(model),
        read(checked_params, params, {}),
        read(checked_severity, severity, Severity.ERROR),
        read(checked_threshold, threshold, 0.0),
        read(checked_enabled, enabled, True),
    )
    if not problems:
        try:
            check_definition(rule.kind, rule.model, rule.params)
        except InvalidRule as invalid:
            problems.append(str(invalid))
    return replace(rule, defect="; ".join(problems)) if problems else rule


def printable(text: str) -> str:
    """`text` with every control character (ESC, CR, newline, C1 ...) shown as U+FFFD: the
    terminal of whoever reads a shared rule never receives one."""
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" else c for c in text)


def checked_text(what: str, value: object) -> str:
    """A rule's id or description as text without control characters, which would reach every
    teammate's terminal (an escape sequence clears it) from the output and the UI."""
    text = str(value)
    shown = printable(text)
    if shown != text:
        raise InvalidRule(f"the {what} holds control characters (shown as \ufffd)")
    return text


def checked_threshold(value: object) -> float:
    """The threshold as a number of 0 or more: a count of rows (1 or more) or a share (< 1)."""
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or number < 0:
        raise InvalidRule(
            f"threshold must be 0 or more (a count of rows, 1 or more, or a share below 1), "
            f"not {value!r}"
        )
    return number


def checked_severity(value: object) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        known = ", ".join(Severity)
        raise InvalidRule(f"severity must be one of {known}, not {value!r}") from None


def checked_params(value: object) -> dict[str, Any]:
    """The parameters as an object: a mapping, or JSON text holding one."""
    if isinstance(value, str):
        text = value
        try:
            value = json.loads(text)
        except ValueError:
            shown = text if len(text) <= 60 else text[:57] + "..."
            raise InvalidRule(f"the parameters are not JSON: {shown!r}") from None
    if not isinstance(value, Mapping):
        raise InvalidRule(
            f"the parameters must be a JSON object, not {type(value).__name__}: {value!r}"
        )
    return dict(value)


def checked_enabled(value: object) -> bool:
    if isinstance(value, bool) or value in (0, 1):
        return bool(value)
    raise InvalidRule(f"enabled must be true or false, not {value!r}")


def check_definition(kind: str, model: object, params: Mapping[str, Any]) -> None:
    """Raise InvalidRule when the kind is unknown or its parameters miss or mistype a value."""
    if kind not in _REQUIRED:
        raise InvalidRule(f"unknown rule kind {kind!r} (known: {', '.join(RULE_KINDS)})")
    if not isinstance(model, str) or not model.strip():
        raise InvalidRule(f"the rule needs a model (a table or view), not {model!r}")
    for name in _REQUIRED[kind]:
        if params.get(name) is None:
            raise InvalidRule(f"the rule needs the parameter {name!r}")
        if name in _COLUMN_LISTS and params[name] == []:
            raise InvalidRule(f"the parameter {name!r} lists no columns")
    for name in _COLUMN_LISTS:
        _check_names(name, params.get(name, []))
    for name in _NAMES:
        text = params.get(name, "")
        if not isinstance(text, str) or (name in params and not text.strip()):
            raise InvalidRule(f"the parameter {name!r} must be a non-empty text, not {text!r}")
    for name in _NUMBERS:
        _check_number(name, params.get(name))
    values = params.get("values")
    if kind == "accepted_values":
        if not isinstance(values, list) or not values:
            raise InvalidRule("the parameter 'values' must be a non-empty list")
        if not all(_a_value(v) for v in values):
            raise InvalidRule(f"the parameter 'values' must list texts or numbers, not {values!r}")
    if kind == "range" and params.get("min") is None and params.get("max") is None:
        raise InvalidRule("a range rule needs 'min', 'max' or both")
    if kind in MONITOR_KINDS:
        problem = monitor_settings_problem(params)
        if problem:
            raise InvalidRule(problem)
        if params.get("grain", "table") not in ("table", "month"):
            raise InvalidRule(f"grain must be 'table' or 'month', not {params['grain']!r}")
    elif params.get("direction", "decrease") not in _DIRECTIONS:
        raise InvalidRule(f"direction must be 'decrease' or 'both', not {params['direction']!r}")


def _a_value(value: object) -> bool:
    """A value a column's text can equal: a text or a number (compared as its text)."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _check_names(name: str, names: object) -> None:
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise InvalidRule(f"the parameter {name!r} must be a list of column names, not {names!r}")


def _check_number(name: str, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidRule(f"the parameter {name!r} must be a finite number, not {value!r}")
