"""Run compiled rules on a warehouse connection, a few at once, and judge each by its threshold."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import duckdb

from domain.cancellation import CancelToken, token_in_scope
from domain.entities.quality import (
    KEPT_FAILING_ROWS,
    FailingSample,
    RuleOutcome,
    allowed_failures,
    verdict,
)
from domain.errors import QueryCancelled, RunCancelled
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.error_text import first_line
from infrastructure.interruption import interrupted_on_cancel
from infrastructure.quality.compiler import CompiledCheck, compile_rule
from infrastructure.quality.connection import cursor_for, read_catalogue
from infrastructure.quality.context import CheckContext
from infrastructure.quality.outcomes import error_outcome
from infrastructure.quality.warehouse_catalogue import WarehouseCatalogue

SAMPLE_KEYS = 20
SAMPLE_ROWS = KEPT_FAILING_ROWS
# Leading values sent back as parameters; one of another type (a list, a struct, an interval)
# is not, and the whole query answers. Whatever the comparison with it does (an enum's compared
# as text), the rows it selects are used only if their own smallest leading values are the same;
# a comparison DuckDB refuses (a union's) leaves the whole query to answer too.
_BOUNDS = (str, int, float, Decimal, date, datetime)
RECONCILED_TABLES = ("stg_order_items", "stg_order_payments", "fct_order_items", "fct_payments")


def run_rules(
    con: duckdb.DuckDBPyConnection,
    rules: Sequence[QualityRuleRecord],
    context: CheckContext,
    *,
    workers: int = 2,
    sample_limit: int = SAMPLE_KEYS,
    sample_rows: int = SAMPLE_ROWS,
    time_limit_s: float | None = None,
    cancel: CancelToken | None = None,
) -> tuple[RuleOutcome, ...]:
    """Each rule's outcome, in the order given; a rule that cannot run, or runs past
    `time_limit_s`, ends in status error. Cancelling `cancel` stops every check: RunCancelled.
    A failing rule keeps its first `sample_rows` failing rows (0: none).

    Each check runs under a token of its own, cancelled with the run's or by its time limit."""
    catalogue = read_catalogue(con)
    checks = _Checks(catalogue, context, sample_limit, sample_rows, time_limit_s)
    with (cancel or token_in_scope()).child() as run:
        if workers <= 1:
            outcomes = [checks.run(con, rule, run) for rule in rules]
        else:
            # Biggest first, so the pool does not end waiting on one long check.
            largest_first = sorted(rules, key=lambda rule: _cost(rule, catalogue), reverse=True)
            with (
                ThreadPoolExecutor(max_workers=workers, thread_name_prefix="quality") as pool,
                _stopping_all_on_error(run),  # leaves first: the pool then waits for no check
            ):
                futures = {
                    rule.rule_id: pool.submit(checks.run, con, rule, run) for rule in largest_first
                }
                outcomes = [futures[rule.rule_id].result() for rule in rules]
    return tuple(outcomes)


@contextmanager
def _stopping_all_on_error(run: CancelToken) -> Iterator[None]:
    """On any exception leaving the block (RunCancelled, Ctrl-C in the caller's thread), stop
    the checks still running or queued, so leaving the pool does not wait for each of them."""
    try:
        yield
    except BaseException:
        run.cancel()
        raise


def _cost(rule: QualityRuleRecord, catalogue: WarehouseCatalogue) -> int:
    """Rows a rule reads, roughly; reconciliation reads every fact twice."""
    if rule.kind == "reconciliation":
        return sum(catalogue.size(name) for name in RECONCILED_TABLES)
    return catalogue.size(rule.model)


CANCELLED = "The run was cancelled during the quality checks."
_Query = Callable[[str, dict[str, Any]], list[tuple[Any, ...]]]


class _Checks:
    """Runs one rule's check at a time on a cursor of its own, within the rule's time limit."""

    def __init__(
        self,
        catalogue: WarehouseCatalogue,
        context: CheckContext,
        sample_limit: int,
        sample_rows: int,
        time_limit_s: float | None,
    ) -> None:
        self._catalogue = catalogue
        self._context = context
        self._sample_limit = sample_limit
        self._sample_rows = sample_rows
        self._time_limit_s = time_limit_s

    def run(
        self, con: duckdb.DuckDBPyConnection, rule: QualityRuleRecord, run: CancelToken
    ) -> RuleOutcome:
        started = time.perf_counter()
        try:
            run.raise_if_cancelled()
            check = compile_rule(rule, self._catalogue, self._context)
            with self._queries(con, run) as query:
                if check.lead_column is None:
                    (failing, checked, samples, failing_rows), *_ = query(
                        *check.summary(self._sample_limit, self._sample_rows)
                    )
                else:
                    failing, checked, samples, failing_rows = self._counted_first(query, check)
            failing = int(failing)
            kept = _kept(failing_rows) if self._sample_rows > 0 else None
        except QueryCancelled as cancelled:
            raise RunCancelled(CANCELLED) from cancelled
        except Exception as error:  # a broken stored rule is that rule's error, never the gate's
            return error_outcome(rule, started, first_line(error))
        return RuleOutcome(
            rule.rule_id,
            rule.description,
            rule.severity,
            verdict(failing, checked, rule.threshold),
            failing_count=failing,
            sample_keys=tuple(samples),
            duration_ms=(time.perf_counter() - started) * 1000,
            message=_describe(failing, checked, rule.threshold, check.note),
            failing_sample=kept,
        )

    def _counted_first(self, query: _Query, check: CompiledCheck) -> tuple[Any, Any, Any, Any]:
        """A check with a leading key (a unique key) is counted first, with the smallest
        leading values among its failing rows; the rows to show are then looked for among the
        rows of those values only (and of a null one, when those values are all of the failing
        rows' and a null one fails too). They are the whole query's first ones when the smallest
        leading values there are the same (the rows are taken by their leading value, so the
        groups of each such value are all there, and they sort first) and as many as wanted,
        or when every failing row is there; else the whole query answers.
        Geolocation's duplicate rows at scale 10: 1.5 s counting its 1.9M failing groups and
        0.01 s finding the first ones, against 2.2 s keeping the first ones while grouping."""
        wanted = max(self._sample_limit, self._sample_rows, 1)
        ((failing, listed, checked, leads, null_leads),) = query(*check.counts(wanted))
        if listed == 0:
            return failing, checked, [], None
        leads = leads or []
        every_lead = len(leads) < wanted  # the failing rows' leading values, every one
        bounded = (
            check.first_failing_up_to(
                self._sample_limit,
                self._sample_rows,
                wanted,
                leads,
                null_leads=every_lead and null_leads > 0,
            )
            if not leads or isinstance(leads[-1], _BOUNDS)
            else None
        )
        if bounded is not None:
            try:
                ((found, samples, failing_rows, found_leads),) = query(*bounded)
            except duckdb.InterruptException:
                raise
            except duckdb.Error:  # values DuckDB cannot compare (a union key's): no help
                pass
            else:
                if (found_leads or []) == leads and (found == listed or not every_lead):
                    return failing, checked, samples, failing_rows
        ((_, samples, failing_rows, _),) = query(
            *check.first_failing(self._sample_limit, self._sample_rows)
        )
        return failing, checked, samples, failing_rows

    @contextmanager
    def _queries(self, con: duckdb.DuckDBPyConnection, run: CancelToken) -> Iterator[_Query]:
        """A check's queries on a cursor of its own, within the time limit of a rule;
        QueryCancelled when the run is cancelled, an error of the rule's own when it ran past
        the time limit."""
        cursor = cursor_for(con)
        try:
            with run.child() as check, check.cancel_after(self._time_limit_s):

                def query(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
                    with interrupted_on_cancel(cursor, check):
                        return cursor.sql(sql, params=params).fetchall()

                try:
                    yield query
                except QueryCancelled:
                    if run.cancelled:
                        raise
                    raise RuntimeError(
                        f"stopped after {self._time_limit_s:g} s, the time limit of a rule"
                    ) from None
        finally:
            cursor.close()


_NOT_SHOWN = ("sample_key", "failing_weight")  # the templates' own columns, as failing_rows.sql


def _kept(rows: list[dict[str, Any]] | None) -> FailingSample | None:
    """The failing rows the summary returned (structs, in sample key order) as text."""
    if not rows:
        return None
    columns = tuple(name for name in rows[0] if name not in _NOT_SHOWN)
    shown = tuple(
        tuple(None if row[name] is None else str(row[name]) for name in columns) for row in rows
    )
    return FailingSample(columns, shown)


def _describe(failing: int, checked: int | None, threshold: float, note: str) -> str:
    parts = [note] if note else []
    if checked is None:
        return "; ".join(parts)
    parts.append(f"{failing:,} failing of {checked:,} checked")
    if threshold > 0:
        parts.append(f"{allowed_failures(threshold, checked):,.0f} allowed")
    return "; ".join(parts)
