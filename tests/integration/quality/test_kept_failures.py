"""A run keeps each failing rule's first rows (capped by quality_sample_rows): a past run's
failures still open after a newer run replaced the warehouse."""

from __future__ import annotations

from dataclasses import replace

from quality_helpers import FIXTURE

from workbench.application.config import Settings
from workbench.container import build_container

RULE = "invariant.payment_mismatch"  # the hand-made export holds 2 such orders


def test_a_past_runs_failing_rows_open_after_a_newer_run(settings: Settings) -> None:
    container = build_container(settings)
    try:
        first = container.ingestion().ingest(FIXTURE)
        second = container.ingestion().ingest(FIXTURE)
        assert first.published and second.published and second.run_id > first.run_id
        quality = container.quality()
        kept = quality.kept_failures(RULE, first.run_id)
        assert kept is not None
        live = quality.failing_rows(RULE)
        assert kept.columns == tuple(live.columns)
        assert [row[0] for row in kept.rows] == live["order_id"].to_list()
        assert quality.kept_failures("orders.key.unique", first.run_id) is None  # it passed
    finally:
        container.shutdown_resources()


def test_the_cap_bounds_the_rows_kept_and_zero_keeps_none(settings: Settings) -> None:
    for cap in (1, 0):
        capped = replace(settings, quality_sample_rows=cap)
        container = build_container(capped)
        try:
            run = container.ingestion().ingest(FIXTURE)
            assert run.gate is not None
            failing = [o for o in run.gate.outcomes if o.failing_count > 0]
            assert failing
            for outcome in failing:
                kept = container.quality().kept_failures(outcome.rule_id, run.run_id)
                if cap == 0:
                    assert kept is None
                else:
                    assert kept is not None and len(kept.rows) == 1, outcome.rule_id
        finally:
            container.shutdown_resources()
