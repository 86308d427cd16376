"""Rules proposed from a profile of the warehouse: not-null, uniqueness, accepted values and
ranges, each with the evidence it was learned from (as data-profiling tools propose checks).

Proposals are plain stored-rule records, valid by the one rule validator; whether each passes on
the warehouse it was learned from is checked against the warehouse before it is offered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.entities.quality import Severity
from domain.entities.rule_definition import check_rule
from domain.repositories.metadata_store import QualityRuleRecord

MAX_ACCEPTED_VALUES = 12  # more distinct values than this is no list of accepted values
SUGGESTED = "suggested"  # the first part of a suggested rule's id


class ColumnKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    OTHER = "other"  # dates, booleans ...: profiled for nulls and uniqueness only


@dataclass(frozen=True)
class ColumnProfile:
    name: str
    kind: ColumnKind
    non_null: int
    distinct: int
    low: float | int | None = None  # numbers: the smallest and largest value
    high: float | int | None = None
    values: tuple[str, ...] = ()  # text with few distinct values: every one of them


@dataclass(frozen=True)
class TableProfile:
    table: str
    rows: int
    key: tuple[str, ...]  # columns naming a row (unique, never null); () when none does
    columns: tuple[ColumnProfile, ...]


@dataclass(frozen=True)
class RuleSuggestion:
    rule: QualityRuleRecord
    evidence: str  # what the profile saw, e.g. "0 nulls in 99,441 rows"


def suggest_rules(
    tables: Sequence[TableProfile], existing: Sequence[QualityRuleRecord]
) -> list[RuleSuggestion]:
    """Every rule the profiles support that no stored rule already checks, each valid."""
    known = {_covers(rule) for rule in existing}
    stored = {rule.rule_id for rule in existing}
    suggestions = []
    for table in tables:
        for suggestion in _of_table(table):
            if _covers(suggestion.rule) not in known and suggestion.rule.rule_id not in stored:
                check_rule(suggestion.rule)
                suggestions.append(suggestion)
    return suggestions


def _covers(rule: QualityRuleRecord) -> tuple[str, str, str]:
    """What a rule checks: kind, model and column(s); a suggestion equal to it is not made."""
    params = rule.params
    columns = params.get("columns") or [params.get("column")]
    return rule.kind, rule.model.lower(), ",".join(str(c).lower() for c in columns)


def _of_table(table: TableProfile) -> Iterator[RuleSuggestion]:
    if table.rows == 0:
        return
    rows = f"{table.rows:,} rows"
    if table.key:
        together = "together " if len(table.key) > 1 else ""
        yield _suggestion(
            table,
            "unique",
            "+".join(table.key),
            {"columns": list(table.key)},
            f"{', '.join(table.key)} {together}name one row each",
            f"{table.rows:,} distinct in {rows}",
        )
    for column in table.columns:
        if table.key and column.non_null == table.rows:
            yield _suggestion(
                table,
                "not_null",
                column.name,
                {"columns": [column.name], "key": list(table.key)},
                f"{column.name} is never missing",
                f"0 nulls in {rows}",
            )
        if _names_a_row(column, table):
            yield _suggestion(
                table,
                "unique",
                column.name,
                {"columns": [column.name]},
                f"each {column.name} is on one row",
                f"{column.distinct:,} distinct values in {rows}",
            )
        if table.key and _few_values(column):
            shown = ", ".join(column.values)
            yield _suggestion(
                table,
                "accepted_values",
                column.name,
                {"column": column.name, "values": list(column.values), "key": list(table.key)},
                f"{column.name} is one of the {len(column.values)} values seen",
                f"{len(column.values)} distinct values: {shown}",
            )
        if table.key and column.kind is ColumnKind.NUMBER and column.low is not None:
            yield _suggestion(
                table,
                "range",
                column.name,
                {"column": column.name, "min": column.low, "max": column.high, "key": [*table.key]},
                f"{column.name} lies between {_number(column.low)} and {_number(column.high)}",
                f"min {_number(column.low)} max {_number(column.high)} "
                f"over {column.non_null:,} values",
            )


def _names_a_row(column: ColumnProfile, table: TableProfile) -> bool:
    """An id column besides the key whose every row holds a value of its own."""
    return (
        column.name.endswith("_id")
        and (column.name,) != table.key
        and column.distinct == column.non_null == table.rows
    )


def _few_values(column: ColumnProfile) -> bool:
    """Text whose few values repeat: a status or a type, not a name that happens to be rare."""
    return (
        column.kind is ColumnKind.TEXT
        and 0 < len(column.values) <= MAX_ACCEPTED_VALUES
        and len(column.values) * 2 <= column.non_null
    )


def _number(value: float | int | None) -> str:
    if value is None:
        return "none"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}" if round(value, 2) == value else f"{value:,.6g}"


def _suggestion(
    table: TableProfile,
    kind: str,
    subject: str,
    params: dict[str, object],
    description: str,
    evidence: str,
) -> RuleSuggestion:
    rule = QualityRuleRecord(
        f"{SUGGESTED}.{table.table}.{subject}.{kind}",
        f"{description} (suggested from the profile: {evidence})",
        kind,
        table.table,
        params,
        Severity.WARNING,
        0.0,
        True,
    )
    return RuleSuggestion(rule, evidence)
