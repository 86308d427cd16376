"""The default catalogue: seeded as data, true to the domain, and it finds every known anomaly."""

from __future__ import annotations

from pathlib import Path

from quality_helpers import NOW, check, reseed_catalogue

from domain.entities.monitor import MONITOR_KINDS
from domain.entities.quality import RuleStatus, Severity
from domain.entities.rule_definition import RULE_KINDS
from domain.repositories.metadata_store import QualityRuleRecord
from domain.value_objects.brazil import BRAZIL_LAT_RANGE, BRAZIL_LNG_RANGE, UF_CODES
from domain.value_objects.invariant_finding import FindingCode
from domain.value_objects.statuses import OrderStatus, PaymentType
from infrastructure.metadata.postgres_store import PostgresMetadataStore
from infrastructure.quality.compiler import COMPILED_KINDS
from infrastructure.quality.context import CheckContext
from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder


def order(n: int) -> str:
    """Order On of the hand-made export (README: prefix ad, or 0d for O14 and O15)."""
    return f"{'0d' if n >= 14 else 'ad'}{n:030d}"


# Every anomaly the fixture's README documents: rule -> (failing rows, sample keys).
FIXTURE_ANOMALIES = {
    "reviews.review_id.unique": (1, ("ed" + "0" * 28 + "11",)),  # R11 on O11 and O12
    "reviews.one_per_order": (1, (order(2),)),  # O2 has two reviews
    "invariant.payment_mismatch": (1, (order(4),)),
    "invariant.canceled_with_delivery_date": (1, (order(5),)),
    "invariant.no_items": (1, (order(6),)),
    "invariant.no_payments": (1, (order(7),)),
    "payments.value.not_zero": (1, (f"({order(8)}, 1)",)),
    "payments.installments.at_least_one": (1, (f"({order(8)}, 2)",)),
    "invariant.delivered_without_date": (1, (order(9),)),
    "products.category.not_null": (1, ("bd" + "0" * 28 + "03",)),  # P3
    "categories.translation.coverage": (1, ("pc_gamer",)),
    "invariant.timeline_out_of_order": (1, (order(10),)),  # carrier before purchase
    "customers.zip.geolocated": (1, ("cd" + "0" * 28 + "10",)),  # zip 78990
    "geolocation.duplicate_rows": (1, ("(01409, -23.552, -46.66, sao paulo, SP)",)),
    "geolocation.latitude.in_brazil": (1, ("22790",)),  # the point in Lisbon
    "geolocation.longitude.in_brazil": (1, ("22790",)),
    "orders.monthly_volume": (
        9,
        ("2017-04-01", "2017-05-01", "2017-06-01", "2017-07-01", "2017-08-01"),
    ),
}


def test_every_documented_anomaly_of_the_fixture_is_found_and_nothing_else(
    fixture_warehouse: Path, default_rules: list[QualityRuleRecord]
) -> None:
    outcomes = check(fixture_warehouse, *default_rules, context=CheckContext(NOW))
    assert not [o.rule_id for o in outcomes.values() if o.status is RuleStatus.ERROR]
    failing = {
        o.rule_id: (o.failing_count, o.sample_keys)
        for o in outcomes.values()
        if o.status is RuleStatus.FAIL
    }
    assert failing == FIXTURE_ANOMALIES
    # The real data's anomalies are warnings (or info): they never block publishing.
    assert {outcomes[rule_id].severity for rule_id in failing} <= {Severity.WARNING, Severity.INFO}


def test_a_generated_export_keeps_every_rule_above_warning(
    small_source: Path, default_rules: list[QualityRuleRecord], tmp_path: Path
) -> None:
    with open_source(small_source) as source:
        WarehouseBuilder().build(source, tmp_path / "generated.duckdb")
    outcomes = check(tmp_path / "generated.duckdb", *default_rules)
    serious = [
        (o.rule_id, o.status, o.message)
        for o in outcomes.values()
        if o.failed and o.severity.at_least(Severity.ERROR)
    ]
    assert serious == []


def test_the_catalogue_covers_every_kind_and_takes_its_vocabulary_from_the_domain(
    default_rules: list[QualityRuleRecord],
) -> None:
    rules = {r.rule_id: r for r in default_rules}
    assert {r.kind for r in default_rules} == set(RULE_KINDS)
    assert set(RULE_KINDS) == set(COMPILED_KINDS) | set(MONITOR_KINDS)
    assert all(not r.defect for r in default_rules)
    assert all(r.enabled and r.description for r in default_rules)
    assert rules["reconciliation.source_to_warehouse"].severity == "critical"

    assert rules["orders.status.accepted"].params["values"] == [s.value for s in OrderStatus]
    assert rules["payments.type.accepted"].params["values"] == [t.value for t in PaymentType]
    for state_rule in ("customers.state.accepted", "sellers.state.accepted"):
        assert tuple(rules[state_rule].params["values"]) == UF_CODES
    latitude, longitude = (
        rules["geolocation.latitude.in_brazil"],
        rules["geolocation.longitude.in_brazil"],
    )
    assert (latitude.params["min"], latitude.params["max"]) == BRAZIL_LAT_RANGE
    assert (longitude.params["min"], longitude.params["max"]) == BRAZIL_LNG_RANGE

    # One stored rule per invariant of the Order aggregate, named after its finding code.
    assert {f"invariant.{code}" for code in FindingCode} <= set(rules)


def test_keys_and_relationships_of_the_facts_are_critical(
    default_rules: list[QualityRuleRecord],
) -> None:
    critical = {r.rule_id for r in default_rules if r.severity == "critical"}
    for table in (
        "orders",
        "order_items",
        "payments",
        "reviews",
        "customers",
        "products",
        "sellers",
    ):
        assert {f"{table}.key.unique", f"{table}.key.not_null"} <= critical
    assert {
        "order_items.order.exists",
        "order_items.product.exists",
        "order_items.seller.exists",
        "orders.customer.exists",
        "payments.order.exists",
        "reviews.order.exists",
    } <= critical


def test_both_metadata_backends_seed_the_same_catalogue(
    default_rules: list[QualityRuleRecord], pg_clean: str
) -> None:
    store = PostgresMetadataStore(pg_clean)
    try:
        if not store.list_rules():
            reseed_catalogue(pg_clean)
        assert store.list_rules() == default_rules
    finally:
        store.close()
