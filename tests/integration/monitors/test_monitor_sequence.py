"""Monitors over a sequence of generated runs, on SQLite and on the real PostgreSQL.

Five stable runs (different seeds, same scale) train the monitors; a sixth stable run flags
nothing; then one run drops a month's orders, raises a column's null rate, shifts the payment mix
and retypes a column, and exactly those four are flagged, each with its direction and figure;
a last run whose source lost a column is refused, naming the column against the last published run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from source_edits import column_values, copy_export, drop_records, rewrite_field

from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import RuleOutcome
from infrastructure.generator import generate
from workbench.application.config import load_settings
from workbench.application.ingestion import IngestionOutcome
from workbench.container import build_container

SCALE = 0.01
TRAINING_SEEDS = (1, 2, 3, 4, 5)  # the default min_training_runs is 5
STABLE_SEED, ANOMALOUS_SEED = 7, 6
DROPPED_MONTH = "2018-01"
PG_ADMIN_DSN = os.environ.get(
    "WORKBENCH_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def _anomalous(base: Path, target: Path) -> dict[str, float]:
    """Seed 6 with its four changes; returns the figures the monitors must report."""
    export = copy_export(base, target)
    orders = drop_records(
        export / "olist_orders_dataset.csv", 3, lambda at: at.startswith(DROPPED_MONTH)
    )
    order_ids, buyers = {o[0] for o in orders}, {o[1] for o in orders}
    drop_records(export / "olist_customers_dataset.csv", 0, lambda c: c in buyers)
    for children in ("olist_order_items_dataset.csv", "olist_order_payments_dataset.csv"):
        drop_records(export / children, 0, lambda o: o in order_ids)
    drop_records(export / "olist_order_reviews_dataset.csv", 1, lambda o: o in order_ids)

    products = export / "olist_products_dataset.csv"
    rewrite_field(products, 4, lambda i, _: "" if i % 3 == 0 else None)  # product_photos_qty
    payments = export / "olist_order_payments_dataset.csv"
    rewrite_field(
        payments, 2, lambda i, f: "debit_card" if f[2] == "credit_card" and i % 2 == 0 else None
    )
    # City names become municipality codes: numbers where text was.
    geolocation = export / "olist_geolocation_dataset.csv"
    rewrite_field(geolocation, 3, lambda i, _: str(3550308 + i % 50))
    return {
        "photos_null_rate": _share(products, 4, lambda v: v == ""),
        "debit_share": _share(payments, 2, lambda v: v == "debit_card"),
    }


def _share(path: Path, column: int, counted: Callable[[str], bool]) -> float:
    values = column_values(path, column)
    return sum(map(counted, values)) / len(values)


def _without_column(base: Path, target: Path) -> Path:
    """The stable export whose sellers file lost its seller_city column."""
    export = copy_export(base, target)
    sellers = export / "olist_sellers_dataset.csv"
    lines = sellers.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = [",".join(p for i, p in enumerate(line.split(",")) if i != 2) for line in lines]
    sellers.write_text("".join(cut), encoding="utf-8")
    return export


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("monitor-exports")
    seeds = {s: root / f"seed{s}" for s in (*TRAINING_SEEDS, ANOMALOUS_SEED, STABLE_SEED)}
    for seed, folder in seeds.items():
        generate(folder, SCALE, seed)
    figures = _anomalous(seeds[ANOMALOUS_SEED], root / "anomalous")
    return {
        "sequence": [
            *(seeds[s] for s in TRAINING_SEEDS),
            seeds[STABLE_SEED],
            root / "anomalous",
            _without_column(seeds[STABLE_SEED], root / "without-column"),
        ],
        "figures": figures,
    }


@pytest.fixture(scope="module")
def postgres_dsn() -> Iterator[str]:
    """A database of this module's own: the sequence needs the seeded monitors untouched."""
    try:
        admin = psycopg.connect(PG_ADMIN_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is not reachable: {error}", pytrace=False)
        pytest.skip(f"PostgreSQL is not reachable: {error}")
    name = f"workbench_monitors_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield make_conninfo(**{**conninfo_to_dict(PG_ADMIN_DSN), "dbname": name})
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass(frozen=True)
class Sequence:
    outcomes: list[IngestionOutcome]
    payment_rows: pl.DataFrame  # the payment mix monitor's drill-down on the last published run


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def sequence(
    request: pytest.FixtureRequest,
    exports: dict[str, object],
    tmp_path_factory: pytest.TempPathFactory,
) -> Sequence:
    values: dict[str, object] = {"data_dir": tmp_path_factory.mktemp(f"data-{request.param}")}
    if request.param == "postgres":
        values["metadata_dsn"] = request.getfixturevalue("postgres_dsn")
    container = build_container(load_settings(values, env={}, config_file=None))
    try:
        paths = exports["sequence"]
        assert isinstance(paths, list)
        outcomes = [container.ingestion().ingest(path) for path in paths]
        rows = container.quality().failing_rows("monitor.distribution.payment_type")
        return Sequence(outcomes, rows)
    finally:
        container.shutdown_resources()


def monitors(outcome: IngestionOutcome) -> dict[str, RuleOutcome]:
    assert outcome.gate is not None, outcome.message
    return {o.rule_id: o for o in outcome.gate.outcomes if o.rule_id.startswith("monitor.")}


def flagged(outcome: IngestionOutcome) -> dict[str, RuleOutcome]:
    return {rule_id: o for rule_id, o in monitors(outcome).items() if o.failed}


def test_with_too_little_history_a_monitor_says_so(sequence: Sequence) -> None:
    first, fifth = monitors(sequence.outcomes[0]), monitors(sequence.outcomes[4])
    assert first["monitor.volume.orders"].message == "not enough history (0 of 5 runs)"
    assert fifth["monitor.distribution.payment_type"].message == (
        "not enough history (4 of 5 runs)"
    )
    assert first["monitor.schema.source_files"].message == (
        "no previous published run to compare with"
    )
    assert not flagged(sequence.outcomes[0]) and not flagged(sequence.outcomes[4])


def test_a_stable_run_flags_nothing(sequence: Sequence) -> None:
    stable = sequence.outcomes[5]
    assert stable.status is RunStatus.SUCCEEDED
    assert flagged(stable) == {}
    learned = monitors(stable)["monitor.profile.orders"]
    assert learned.message.startswith("learned from 5 published runs")


def test_the_anomalous_run_flags_its_four_changes_and_nothing_else(
    sequence: Sequence, exports: dict[str, object]
) -> None:
    figures = exports["figures"]
    assert isinstance(figures, dict)
    run = sequence.outcomes[6]
    assert run.status is RunStatus.SUCCEEDED  # monitors are warnings by default
    found = flagged(run)
    assert set(found) == {
        "monitor.volume.orders_by_month",
        "monitor.profile.products",
        "monitor.distribution.payment_type",
        "monitor.schema.source_files",
    }
    month = found["monitor.volume.orders_by_month"]
    assert month.sample_keys == (f"fct_orders.rows.{DROPPED_MONTH}",)
    assert f"fct_orders.rows.{DROPPED_MONTH}: 0 drop (expected " in month.message

    nulls = found["monitor.profile.products"]
    assert nulls.sample_keys == ("dim_product.photos_qty.null_rate",)
    assert f"null_rate: {figures['photos_null_rate']:.4g} spike (expected " in nulls.message

    mix = found["monitor.distribution.payment_type"]
    assert mix.sample_keys == ("fct_payments.payment_type",)
    assert f"debit_card {figures['debit_share']:.1%} spike (expected " in mix.message

    # The drill-down: the mix's PSI against its learned band, then each share beside its band.
    drill = {row["measurement"]: row for row in sequence.payment_rows.iter_rows(named=True)}
    debit = drill["fct_payments.payment_type.share.debit_card"]
    assert debit["observed"] == pytest.approx(figures["debit_share"])
    assert debit["observed"] > debit["expected_high"]
    assert drill["fct_payments.payment_type"]["flag"] == "spike"

    schema = found["monitor.schema.source_files"]
    assert schema.failing_count == 1
    assert "olist_geolocation_dataset.csv: column geolocation_city retyped VARCHAR -> BIGINT" in (
        schema.message
    )


def test_a_source_that_lost_a_column_is_refused_naming_it_against_the_last_run(
    sequence: Sequence,
) -> None:
    refused, last_published = sequence.outcomes[7], sequence.outcomes[6]
    assert refused.status is RunStatus.FAILED
    assert "missing column(s) seller_city" in refused.message  # the loader's own refusal
    drift = refused.message.split(f"Against run #{last_published.run_id} (the last published): ")
    assert len(drift) == 2
    # The published anomalous run had city codes; this export has names again.
    assert drift[1] == (
        "olist_geolocation_dataset.csv: column geolocation_city retyped BIGINT -> VARCHAR; "
        "olist_sellers_dataset.csv: column seller_city removed."
    )
