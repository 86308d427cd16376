"""The gate on publish and the Quality service, end to end on both metadata stores."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from quality_helpers import FIXTURE, reseed_catalogue

from domain.entities.ingestion_run import RunStatus
from infrastructure.metadata.postgres_store import PostgresMetadataStore
from workbench.application.config import Settings, load_settings
from workbench.container import Container, build_container


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit_line(path: Path, old: str, new: str) -> None:
    text = path.read_bytes().decode("utf-8")
    assert text.count(old) == 1, old
    path.write_bytes(text.replace(old, new).encode("utf-8"))


@pytest.fixture
def container(settings: Settings) -> Iterator[Container]:
    built = build_container(settings)
    yield built
    built.shutdown_resources()


@pytest.fixture(params=["sqlite", "postgres"])
def backend_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    flags: dict[str, object] = {"data_dir": tmp_path / "data"}
    if request.param == "postgres":
        dsn = request.getfixturevalue("pg_clean")
        store = PostgresMetadataStore(dsn)  # creates the schema on the session's first use
        if not store.list_rules():
            reseed_catalogue(dsn)
        store.close()
        flags["metadata_dsn"] = dsn
    return load_settings(flags, env={}, config_file=None)


def test_the_fixture_publishes_with_its_anomalies_reported_as_warnings(
    container: Container,
) -> None:
    outcome = container.ingestion().ingest(FIXTURE)
    assert outcome.status is RunStatus.SUCCEEDED, outcome.message
    results = container.metadata_store().results_for_run(outcome.run_id)
    rules = container.metadata_store().list_rules()
    assert {r.rule_id for r in results} == {r.rule_id for r in rules}
    assert {r.severity for r in results if r.status == "fail"} == {"warning", "info"}


@pytest.mark.parametrize(
    ("tamper", "blocking"),
    [
        (  # O3 renamed O2: O2 twice (its totals double), O3's items lose their order
            lambda source: edit_line(
                source / "olist_orders_dataset.csv",
                "ad000000000000000000000000000003,cd",
                "ad000000000000000000000000000002,cd",
            ),
            {
                "orders.key.unique",
                "order_items.order.exists",
                "reconciliation.source_to_warehouse",
            },
        ),
        (  # an item sold by a seller the export does not have
            lambda source: edit_line(
                source / "olist_order_items_dataset.csv",
                "fd000000000000000000000000000003,2018-03-04",
                "fd000000000000000000000000000099,2018-03-04",
            ),
            {"order_items.seller.exists"},
        ),
    ],
)
def test_a_broken_key_blocks_publishing_and_keeps_the_previous_snapshot(
    container: Container, settings: Settings, source_copy: Path, tamper, blocking: set[str]
) -> None:
    first = container.ingestion().ingest(source_copy)
    assert first.published
    before = digest(settings.warehouse_path)

    tamper(source_copy)
    blocked = container.ingestion().ingest(source_copy)

    assert blocked.status is RunStatus.BLOCKED
    assert blocking <= {o.rule_id for o in blocked.gate.blocking}, blocked.gate.blocking
    assert digest(settings.warehouse_path) == before
    run = container.run_history().detail(blocked.run_id)
    assert run is not None and set(run.run.blocking_rules) >= blocking
    latest = container.run_history().latest_published()
    assert latest is not None and latest.run_id == first.run_id
    results = {r.rule_id: r for r in container.metadata_store().results_for_run(blocked.run_id)}
    assert all(results[rule_id].status == "fail" for rule_id in blocking)


def test_lost_rows_fail_the_volume_rule_and_flip_it_without_blocking(
    container: Container, source_copy: Path
) -> None:
    first = container.ingestion().ingest(source_copy)
    reviews = source_copy / "olist_order_reviews_dataset.csv"
    lines = reviews.read_bytes().decode("utf-8").split("\n")
    kept = [
        line
        for line in lines
        if not line.startswith(
            (
                "ed000000000000000000000000000001",
                "ed000000000000000000000000000004",
                "ed000000000000000000000000000007",
            )
        )
    ]
    reviews.write_bytes("\n".join(kept).encode("utf-8"))  # 13 reviews -> 10: 23 % fewer

    second = container.ingestion().ingest(source_copy)

    assert second.status is RunStatus.SUCCEEDED
    volume = next(o for o in second.gate.outcomes if o.rule_id == "reviews.volume")
    assert (volume.status, volume.failing_count) == ("fail", 3)
    assert f"compared with run #{first.run_id}" in volume.message
    flips = container.quality().flips()
    assert [(f.rule_id, f.previous_run, f.run) for f in flips] == [
        ("reviews.volume", first.run_id, second.run_id)
    ]
    rows = container.quality().failing_rows("reviews.volume")
    assert rows.rows(named=True) == [
        {
            "model": "fct_reviews",
            "previous_run": first.run_id,
            "previous_rows": 13,
            "current_rows": 10,
            "change": -3,
        }
    ]


def test_edits_are_stored_honoured_by_the_gate_and_by_a_recheck(backend_settings: Settings) -> None:
    container = build_container(backend_settings)
    try:
        quality = container.quality()
        quality.edit_rule("invariant.no_items", severity="critical")
        blocked = container.ingestion().ingest(FIXTURE)
        assert blocked.status is RunStatus.BLOCKED
        assert [o.rule_id for o in blocked.gate.blocking] == ["invariant.no_items"]
    finally:
        container.shutdown_resources()

    restarted = build_container(backend_settings)  # a restart, or a teammate on the same store
    try:
        quality = restarted.quality()
        assert quality.rule("invariant.no_items").severity == "critical"
        quality.edit_rule("invariant.no_items", threshold=1)
        published = restarted.ingestion().ingest(FIXTURE)
        assert published.status is RunStatus.SUCCEEDED, published.message
        no_items = quality.report().rule("invariant.no_items")
        assert no_items is not None and no_items.status == "pass"

        quality.edit_rule("invariant.no_items", threshold=0)
        quality.edit_rule("orders.monthly_volume", enabled=False)
        recheck = quality.recheck()
        assert recheck.run_id == published.run_id
        assert [o.rule_id for o in recheck.gate.blocking] == ["invariant.no_items"]
        assert "orders.monthly_volume" not in {o.rule_id for o in recheck.gate.outcomes}
        report = quality.report()
        assert report.latest_run == published.run_id
        assert report.rule("invariant.no_items").status == "fail"
        assert report.rule("orders.monthly_volume").status == "disabled"
        # The recheck replaced the published run's result: fail now, where the gate said pass.
        stored = restarted.metadata_store().results_for_run(published.run_id)
        assert next(r for r in stored if r.rule_id == "invariant.no_items").status == "fail"
    finally:
        restarted.shutdown_resources()


def test_edits_are_validated(container: Container) -> None:
    from domain.errors import InvalidValue

    quality = container.quality()
    with pytest.raises(InvalidValue, match="severity must be one of"):
        quality.edit_rule("orders.key.unique", severity="fatal")
    with pytest.raises(InvalidValue, match="threshold must be 0 or more"):
        quality.edit_rule("orders.key.unique", threshold=-1)
    with pytest.raises(InvalidValue, match="no quality rule"):
        quality.edit_rule("no.such.rule", enabled=False)


def test_a_recheck_needs_a_published_warehouse(container: Container) -> None:
    from domain.errors import WarehouseNotPublished

    with pytest.raises(WarehouseNotPublished):
        container.quality().recheck()
    with pytest.raises(WarehouseNotPublished):
        container.quality().failing_rows("invariant.no_items")


def test_failing_rows_follow_the_newest_published_snapshot(
    container: Container, source_copy: Path
) -> None:
    def orders_without_payments() -> list[str]:
        return container.quality().failing_rows("invariant.no_payments")["order_id"].to_list()

    assert container.ingestion().ingest(source_copy).published
    assert orders_without_payments() == ["ad" + "0" * 28 + "07"]

    payments = source_copy / "olist_order_payments_dataset.csv"
    lines = payments.read_bytes().split(b"\n")
    payments.write_bytes(b"\n".join(line for line in lines if b"000000000008," not in line))
    assert container.ingestion().ingest(source_copy).published
    assert orders_without_payments() == ["ad" + "0" * 28 + "07", "ad" + "0" * 28 + "08"]
