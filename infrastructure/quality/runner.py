"""Run compiled rules on a warehouse connection, a few at once, and judge each by its threshold."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import duckdb

from domain.entities.quality import RuleOutcome, RuleStatus, allowed_failures, verdict
from domain.errors import RunCancelled
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.error_text import first_line
from infrastructure.quality.compiler import compile_rule
from infrastructure.quality.connection import cursor_for, read_catalogue
from infrastructure.quality.context import CheckContext
from infrastructure.quality.warehouse_catalogue import WarehouseCatalogue
from infrastructure.quality.watch import CheckWatch

SAMPLE_KEYS = 20
RECONCILED_TABLES = ("stg_order_items", "stg_order_payments", "fct_order_items", "fct_payments")


def run_rules(
    con: duckdb.DuckDBPyConnection,
    rules: Sequence[QualityRuleRecord],
    context: CheckContext,
    *,
    workers: int = 2,
    sample_limit: int = SAMPLE_KEYS,
    time_limit_s: float | None = None,
    cancel: threading.Event | None = None,
) -> tuple[RuleOutcome, ...]:
    """Each rule's outcome, in the order given; a rule that cannot run, or runs past
    `time_limit_s`, ends in status error. Setting `cancel` stops every check: RunCancelled."""
    catalogue = read_catalogue(con)
    with CheckWatch(time_limit_s, cancel) as watch:
        if workers <= 1:
            outcomes = [
                _run_one(con, rule, catalogue, context, sample_limit, watch) for rule in rules
            ]
        else:
            # Biggest first, so the pool does not end waiting on one long check.
            largest_first = sorted(rules, key=lambda rule: _cost(rule, catalogue), reverse=True)
            with (
                ThreadPoolExecutor(max_workers=workers, thread_name_prefix="quality") as pool,
                _stopping_all_on_error(watch),  # leaves first: the pool then waits for no check
            ):
                futures = {
                    rule.rule_id: pool.submit(
                        _run_one, con, rule, catalogue, context, sample_limit, watch
                    )
                    for rule in largest_first
                }
                outcomes = [futures[rule.rule_id].result() for rule in rules]
    return tuple(outcomes)


@contextmanager
def _stopping_all_on_error(watch: CheckWatch) -> Iterator[None]:
    """On any exception leaving the block (RunCancelled, Ctrl-C in the caller's thread), stop
    the checks still running or queued, so leaving the pool does not wait for each of them."""
    try:
        yield
    except BaseException:
        watch.stop_all()
        raise


def _cost(rule: QualityRuleRecord, catalogue: WarehouseCatalogue) -> int:
    """Rows a rule reads, roughly; reconciliation reads every fact twice."""
    if rule.kind == "reconciliation":
        return sum(catalogue.size(name) for name in RECONCILED_TABLES)
    return catalogue.size(rule.model)


def _run_one(
    con: duckdb.DuckDBPyConnection,
    rule: QualityRuleRecord,
    catalogue: WarehouseCatalogue,
    context: CheckContext,
    sample_limit: int,
    watch: CheckWatch,
) -> RuleOutcome:
    if watch.cancelled:
        raise RunCancelled("The run was cancelled during the quality checks.")
    started = time.perf_counter()
    try:
        check = compile_rule(rule, catalogue, context)
        sql, params = check.summary(sample_limit)
        cursor = cursor_for(con)
        try:
            with watch.running(cursor) as ticket:
                try:
                    rows = cursor.sql(sql, params=params).fetchall()
                except duckdb.InterruptException as interrupted:
                    if watch.cancelled:
                        raise RunCancelled(
                            "The run was cancelled during the quality checks."
                        ) from interrupted
                    raise RuntimeError(watch.why_stopped(ticket)) from interrupted
        finally:
            cursor.close()
    except RunCancelled:
        raise
    except Exception as error:  # a broken stored rule is that rule's error, never the gate's
        return RuleOutcome(
            rule.rule_id,
            rule.description,
            rule.severity,
            RuleStatus.ERROR,
            duration_ms=(time.perf_counter() - started) * 1000,
            message=first_line(error),
        )
    (failing, checked, samples), *_ = rows
    failing = int(failing)
    return RuleOutcome(
        rule.rule_id,
        rule.description,
        rule.severity,
        verdict(failing, checked, rule.threshold),
        failing_count=failing,
        sample_keys=tuple(samples),
        duration_ms=(time.perf_counter() - started) * 1000,
        message=_describe(failing, checked, rule.threshold, check.note),
    )


def _describe(failing: int, checked: int | None, threshold: float, note: str) -> str:
    parts = [note] if note else []
    if checked is None:
        return "; ".join(parts)
    parts.append(f"{failing:,} failing of {checked:,} checked")
    if threshold > 0:
        parts.append(f"{allowed_failures(threshold, checked):,.0f} allowed")
    return "; ".join(parts)
