"""Ingestion runs, their pipeline events and the metadata store port, as plain domain objects."""

from dataclasses import FrozenInstanceError
from datetime import datetime, timedelta

import pytest

from domain.entities.ingestion_run import (
    BUILD_STEPS,
    IngestionRun,
    PipelineStep,
    RunStatus,
    RunStep,
    StepStatus,
)
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import RunFailed, RunStarted, SnapshotPublished, StepCompleted
from domain.repositories.metadata_store import MetadataStore, QualityRuleRecord

STARTED = datetime(2018, 9, 1, 8, 0)


def test_a_run_knows_its_duration_once_finished():
    running = IngestionRun(1, RunStatus.RUNNING, "/data/olist.zip", STARTED)
    assert running.duration_s is None
    finished = IngestionRun(
        1,
        RunStatus.SUCCEEDED,
        "/data/olist.zip",
        STARTED,
        finished_at=STARTED + timedelta(seconds=4.5),
    )
    assert finished.duration_s == 4.5
    assert finished.row_counts == {} and finished.blocking_rules == ()
    assert RunStep(PipelineStep.STAGE, 2, StepStatus.OK, rows=10).duration_ms == 0.0


def test_pipeline_events_are_immutable_and_dispatched_by_type():
    seen = []
    events = EventDispatcher()
    events.subscribe(StepCompleted, seen.append)
    step = StepCompleted(aggregate_id="7", step=PipelineStep.CORE, rows=540, duration_ms=56.0)
    events.publish(RunStarted(aggregate_id="7", source="/data", steps=BUILD_STEPS[:2]))
    events.publish(step)
    assert seen == [step]
    with pytest.raises(FrozenInstanceError):
        step.rows = 1  # type: ignore[misc]
    published = SnapshotPublished(aggregate_id="7", path="/w.duckdb", as_of=None)
    failed = RunFailed(
        aggregate_id="8", status=RunStatus.BLOCKED, message="gate", blocking_rules=("r1",)
    )
    assert (published.row_counts, published.name) == ({}, "SnapshotPublished")
    assert (failed.step, failed.blocking_rules) == (None, ("r1",))


def test_the_metadata_store_is_a_port_and_rules_have_safe_defaults():
    with pytest.raises(TypeError):
        MetadataStore()  # type: ignore[abstract]
    rule = QualityRuleRecord("r1", "orders have items", "completeness", "fct_orders")
    assert (rule.severity, rule.threshold, rule.enabled, dict(rule.params)) == (
        "error",
        0.0,
        True,
        {},
    )
