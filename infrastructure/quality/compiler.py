"""Compile a stored rule into set-based DuckDB SQL: one query for its verdict, one for its rows.

Each kind has a template in templates/<kind>.sql selecting its failing rows (a `sample_key`, a
`failing_weight` and the columns worth showing); summary.sql and failing_rows.sql wrap it.
Every placeholder is written `$name`: identifiers (looked up in the warehouse catalogue) and
SQL pieces built here from them go in through `render`; values are bound as parameters. A stored
expression goes in only as predicate.py rebuilt it from its checked parse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.entities.rule_definition import InvalidRule, check_definition
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.quality.context import CheckContext
from infrastructure.quality.predicate import RefusedPredicate, checked_predicate
from infrastructure.quality.warehouse_catalogue import RuleDefinitionError, WarehouseCatalogue
from infrastructure.sql_files import Sql, render, sql_file
from infrastructure.warehouse.reconcile import reconciliation_sql


@dataclass(frozen=True)
class CompiledCheck:
    failing_sql: Sql  # one row per failure (or per checked unit, weight 0 when it passes)
    checked_sql: Sql  # rows checked: a scalar, or an aggregate over the failing query's rows
    params: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""  # said with the result, e.g. why nothing could be compared
    # The failing query over only the rows whose leading key column is among the `probe_rows`
    # smallest (leading_rows.sql): its first rows in key order are the whole query's, when it
    # has as many as asked (a unique key's groups sort by that column first). None: no such.
    leading_sql: Sql | None = None
    # That column as the failing query names it, and the failing query over only the rows whose
    # value of it is among given ones (rows_up_to.sql): the same property, for values read from
    # the failing rows themselves (`counts`). None: no such.
    lead_column: Sql | None = None
    bounded_sql: Sql | None = None

    def summary(self, sample_limit: int, sample_rows: int = 0) -> tuple[str, dict[str, Any]]:
        """SQL and parameters returning failing_count, checked_count, sample_keys and the first
        `sample_rows` failing rows as structs (null when none fails or `sample_rows` is 0)."""
        sql = render(
            template("summary"),
            failing=self.failing_sql,
            checked=self.checked_sql,
            kept_rows=_kept_rows(sample_rows),
        )
        return sql, _sampling(self.params, sample_limit, sample_rows)

    def counts(self, leads: int) -> tuple[str, dict[str, Any]]:
        """SQL and parameters returning failing_count, listed_rows (the failing query's rows
        that fail), checked_count, first_leads: the `leads` smallest values of the leading key
        column among the failing rows (null when the check has no leading key), and null_leads:
        the failing rows where that column is null."""
        null_leads = (
            Sql("0")
            if self.lead_column is None
            else Sql(f"count(*) filter (where failing_weight > 0 and {self.lead_column} is null)")
        )
        sql = render(
            template("counts"),
            failing=self.failing_sql,
            checked=self.checked_sql,
            first_leads=self._first_leads(),
            null_leads=null_leads,
        )
        return sql, self._with_leads(dict(self.params), leads)

    def first_failing(self, sample_limit: int, sample_rows: int) -> tuple[str, dict[str, Any]]:
        """SQL and parameters returning listed_rows, sample_keys and failing_rows, as `summary`
        and `counts` name them (and first_leads, null)."""
        sql = render(
            template("first_failing"),
            failing=self.failing_sql,
            kept_rows=_kept_rows(sample_rows),
            first_leads=Sql("null"),
        )
        return sql, _sampling(self.params, sample_limit, sample_rows)

    def first_failing_up_to(
        self,
        sample_limit: int,
        sample_rows: int,
        leads: int,
        lead_values: Sequence[Any],
        null_leads: bool,
    ) -> tuple[str, dict[str, Any]] | None:
        """As `first_failing`, over the rows whose leading key value is one of `lead_values`
        (in order; and with `null_leads` the rows where it is null) only, with first_leads as
        `counts` returns them: when those are the whole query's, so are the first listed rows
        (None when the check has no leading key)."""
        if self.bounded_sql is None:
            return None
        sql = render(
            template("first_failing"),
            failing=self.bounded_sql,
            kept_rows=_kept_rows(sample_rows),
            first_leads=self._first_leads(),
        )
        params = self._with_leads(_sampling(self.params, sample_limit, sample_rows), leads)
        return sql, {
            **params,
            "lead_bound": lead_values[-1] if lead_values else None,
            "lead_values": list(lead_values) or None,
            "null_leads": null_leads,
        }

    def _first_leads(self) -> Sql:
        if self.lead_column is None:
            return Sql("null")
        return Sql(f"min({self.lead_column}, $leads) filter (where failing_weight > 0)")

    def _with_leads(self, params: dict[str, Any], leads: int) -> dict[str, Any]:
        return params if self.lead_column is None else {**params, "leads": leads}

    def rows(self, limit: int) -> tuple[str, dict[str, Any]]:
        """SQL and parameters returning the first `limit` failing rows."""
        return render(template("failing_rows"), failing=self.failing_sql), {
            **self.params,
            "row_limit": limit,
        }

    def leading_rows(self, limit: int, probe_rows: int) -> tuple[str, dict[str, Any]] | None:
        """SQL and parameters returning the first `limit` failing rows among the rows whose
        leading key value is among the `probe_rows` smallest: the same rows as `rows(limit)` when
        it returns `limit` of them (a shorter answer says nothing: ask `rows`). None when the
        kind has no leading key."""
        if self.leading_sql is None:
            return None
        sql = render(template("failing_rows"), failing=self.leading_sql)
        return sql, {**self.params, "row_limit": limit, "probe_rows": probe_rows}


def _kept_rows(sample_rows: int) -> Sql:
    return Sql(template("kept_rows")) if sample_rows > 0 else Sql("null")


def _sampling(params: Mapping[str, Any], sample_limit: int, sample_rows: int) -> dict[str, Any]:
    sampled = {**params, "sample_limit": sample_limit}
    return {**sampled, "sample_rows": sample_rows} if sample_rows > 0 else sampled


def template(name: str) -> str:
    """The text of templates/<name>.sql."""
    return sql_file("infrastructure.quality.templates", f"{name}.sql")


def compile_rule(
    rule: QualityRuleRecord, catalogue: WarehouseCatalogue, context: CheckContext
) -> CompiledCheck:
    """Raises RuleDefinitionError when the rule cannot be checked on this warehouse: a defect
    of its stored row, a definition the rule validator refuses, or a name the warehouse lacks."""
    try:
        if rule.defect:
            raise InvalidRule(rule.defect)
        check_definition(rule.kind, rule.model, rule.params)
    except InvalidRule as invalid:
        raise RuleDefinitionError(f"malformed rule: {invalid}") from None
    if rule.kind not in _COMPILERS:
        raise RuleDefinitionError(f"a {rule.kind} is judged against the run history, not in SQL")
    return _COMPILERS[rule.kind](_Rule(rule, catalogue), context)


class _Rule:
    """A rule's parameters, validated against the catalogue as they are read."""

    def __init__(self, rule: QualityRuleRecord, catalogue: WarehouseCatalogue) -> None:
        self.record = rule
        self.catalogue = catalogue

    @property
    def model(self) -> Sql:
        return self.catalogue.table(self.record.model)

    def param(self, name: str) -> Any:
        value = self.record.params.get(name)
        if value is None:
            raise RuleDefinitionError(f"the rule needs the parameter {name!r}")
        return value

    def columns(self, name: str, table: str | None = None, required: bool = True) -> list[Sql]:
        """The quoted columns listed in parameter `name` (of the rule's model by default)."""
        names = self.record.params.get(name, [])
        if not isinstance(names, list):
            raise RuleDefinitionError(f"the parameter {name!r} must be a list of column names")
        if required and not names:
            raise RuleDefinitionError(f"the parameter {name!r} lists no columns")
        return [self.catalogue.column(table or self.record.model, n) for n in names]

    def column(self, name: str) -> Sql:
        return self.catalogue.column(self.record.model, self.param(name))

    def number(self, name: str) -> float | None:
        value = self.record.params.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise RuleDefinitionError(f"the parameter {name!r} must be a number")
        return value


def _of_t(columns: Sequence[Sql]) -> list[Sql]:
    return [Sql(f"t.{column}") for column in columns]


def _sample_key(columns: Sequence[Sql]) -> Sql:
    """The key as a value that sorts naturally; shown as text only for the samples kept."""
    return columns[0] if len(columns) == 1 else Sql(f"row({Sql.join(', ', columns)})")


def _listed(*groups: Sequence[Sql]) -> Sql:
    """Columns of several groups, each once, in order of first mention."""
    return Sql.join(", ", dict.fromkeys(column for group in groups for column in group))


def _row_check(rule: _Rule, template_name: str, checked: Sequence[Sql], **extra: Sql) -> Sql:
    key = _of_t(rule.columns("key"))
    return Sql(
        render(
            template(template_name),
            model=rule.model,
            sample_key=_sample_key(key),
            shown=_listed(key, _of_t(checked), _of_t(rule.columns("show", required=False))),
            **extra,
        )
    )


def _rows_of(rule: _Rule) -> Sql:
    return Sql(f"select count(*) from {rule.model}")


def _not_null(rule: _Rule, context: CheckContext) -> CompiledCheck:
    checked = rule.columns("columns")
    any_null = Sql.join(" or ", (Sql(f"t.{column} is null") for column in checked))
    return CompiledCheck(_row_check(rule, "not_null", checked, any_null=any_null), _rows_of(rule))


def _unique(rule: _Rule, context: CheckContext) -> CompiledCheck:
    names = rule.columns("columns")
    columns = _of_t(names)

    def failing(model: Sql) -> Sql:
        return Sql(
            render(
                template("unique"),
                model=model,
                sample_key=_sample_key(columns),
                shown=_listed(columns),
            )
        )

    leading = render(template("leading_rows"), model=rule.model, lead=names[0])
    up_to = render(template("rows_up_to"), model=rule.model, lead=names[0])
    named_apart = names[0].text.strip('"').lower() not in _TEMPLATE_COLUMNS
    return CompiledCheck(
        failing(rule.model),
        _rows_of(rule),
        leading_sql=failing(Sql(f"({leading})")),
        lead_column=names[0] if named_apart else None,
        bounded_sql=failing(Sql(f"({up_to})")) if named_apart else None,
    )


# The unique template's own columns: a key column of the same name is not told apart from them.
_TEMPLATE_COLUMNS = ("sample_key", "failing_weight", "occurrences")


# A referenced table this many times bigger than the one checked is likely to repeat its keys
# (geolocation: ~10 rows a zip): the anti join then builds on its distinct keys, not on every
# row (customers' zips at scale 10: 0.05 s instead of 0.21). A key that does not repeat costs
# about twice as much that way (orders' customers: 0.18 s instead of 0.10), so not by default.
REPEATED_KEYS_RATIO = 2


def _relationship(rule: _Rule, context: CheckContext) -> CompiledCheck:
    columns = rule.columns("columns")
    to_model = rule.catalogue.table(rule.param("to_model"))
    to_columns = rule.columns("to_columns", table=rule.param("to_model"))
    if len(to_columns) != len(columns):
        raise RuleDefinitionError("columns and to_columns must list as many columns")
    pairs = zip(columns, to_columns, strict=True)
    join = Sql.join(" and ", (Sql(f"p.{p} = t.{c}") for c, p in pairs))
    present = Sql.join(" and ", (Sql(f"t.{column} is not null") for column in columns))
    referenced = rule.catalogue.size(rule.param("to_model"))
    if referenced > REPEATED_KEYS_RATIO * rule.catalogue.size(rule.record.model):
        to_model = Sql(f"(select distinct {Sql.join(', ', to_columns)} from {to_model})")
    sql = _row_check(
        rule,
        "relationship",
        columns,
        to_model=to_model,
        join_condition=join,
        all_present=present,
    )
    return CompiledCheck(sql, _rows_of(rule))


def _accepted_values(rule: _Rule, context: CheckContext) -> CompiledCheck:
    column = rule.column("column")
    values = rule.param("values")
    if not isinstance(values, list) or not values:
        raise RuleDefinitionError("the parameter 'values' must be a non-empty list")
    sql = _row_check(rule, "accepted_values", [column], column=Sql(f"t.{column}"))
    return CompiledCheck(sql, _rows_of(rule), {"accepted_values": [str(v) for v in values]})


def _range(rule: _Rule, context: CheckContext) -> CompiledCheck:
    column = rule.column("column")
    low, high = rule.number("min"), rule.number("max")
    if low is None and high is None:
        raise RuleDefinitionError("a range rule needs 'min', 'max' or both")
    # Each bound's comparison is chosen here rather than in SQL by a parameter: a comparison
    # with a constant is pushed into the scan (geolocation's latitudes at scale 10: 0.03-0.06 s
    # instead of 0.16-0.25).
    outside = []
    if low is not None:
        below = "<" if rule.record.params.get("min_inclusive", True) else "<="
        outside.append(Sql(f"t.{column} {below} $min"))
    if high is not None:
        above = ">" if rule.record.params.get("max_inclusive", True) else ">="
        outside.append(Sql(f"t.{column} {above} $max"))
    bounds = {name: value for name, value in (("min", low), ("max", high)) if value is not None}
    sql = _row_check(rule, "range", [column], out_of_range=Sql.join(" or ", outside))
    return CompiledCheck(sql, _rows_of(rule), bounds)


def _expression(rule: _Rule, context: CheckContext) -> CompiledCheck:
    model = rule.catalogue.name(rule.record.model)
    try:
        predicate = checked_predicate(
            rule.param("predicate"), rule.catalogue.columns_by_table[model.lower()]
        )
    except RefusedPredicate as refused:
        raise RuleDefinitionError(
            f"rule {rule.record.rule_id} ({model}): predicate refused: {refused}"
        ) from None
    return CompiledCheck(_row_check(rule, "expression", [], predicate=predicate), _rows_of(rule))


def _row_count_change(rule: _Rule, context: CheckContext) -> CompiledCheck:
    model = rule.model
    name = rule.catalogue.name(rule.record.model)  # as the run recorded its row counts
    direction = rule.record.params.get("direction", "decrease")
    if direction not in ("decrease", "both"):
        raise RuleDefinitionError("direction must be 'decrease' or 'both'")
    previous = context.previous_row_counts.get(name)
    if context.previous_run_id is None:
        note = "no previous published run to compare with"
    elif previous is None:
        note = f"run #{context.previous_run_id} recorded no row count of {name}"
    else:
        note = f"compared with run #{context.previous_run_id}"
    params = {
        "model_name": name,
        "direction": direction,
        "previous_rows": previous,
        "previous_run_id": context.previous_run_id,
    }
    sql = render(template("row_count_change"), model=model)
    return CompiledCheck(Sql(sql), Sql("$previous_rows::bigint"), params, note)


def _freshness(rule: _Rule, context: CheckContext) -> CompiledCheck:
    column = rule.column("column")
    max_age = rule.number("max_age_days")
    if max_age is None:
        raise RuleDefinitionError("a freshness rule needs 'max_age_days'")
    key = _of_t(rule.columns("key"))
    sql = render(
        template("freshness"),
        model=rule.model,
        sample_key=_sample_key(key),
        shown=_listed(key),
        column=Sql(f"t.{column}"),
    )
    return CompiledCheck(
        Sql(sql), Sql("1"), {"checked_at": context.checked_at, "max_age_days": max_age}
    )


def _reconciliation(rule: _Rule, context: CheckContext) -> CompiledCheck:
    sql = render(template("reconciliation"), reconcile=Sql(reconciliation_sql()))
    return CompiledCheck(Sql(sql), Sql("count(*)"))


_COMPILERS: dict[str, Callable[[_Rule, CheckContext], CompiledCheck]] = {
    "not_null": _not_null,
    "unique": _unique,
    "relationship": _relationship,
    "accepted_values": _accepted_values,
    "range": _range,
    "expression": _expression,
    "row_count_change": _row_count_change,
    "freshness": _freshness,
    "reconciliation": _reconciliation,
}
COMPILED_KINDS = tuple(_COMPILERS)  # the same as the rule validator's RULE_KINDS (a test says)
