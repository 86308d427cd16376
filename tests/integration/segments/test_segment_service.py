"""SegmentService on the hand-made fixture: every figure against a hand query and the README."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from domain.errors import InvalidValue
from domain.services.segment_map import SEGMENT_RULES
from workbench.application.config import Settings, load_settings
from workbench.application.segment_offers import Offer, parse_offer
from workbench.application.segments import SegmentService
from workbench.application.table_rows import QueryRows, extremes_from_row, frame_extremes
from workbench.container import Container, build_container
from workbench.presentation.table_fit import fit_extremes, fit_table

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


def person(number: int) -> str:
    return ("3e" if number == 3 else "ee") + f"{number:030d}"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    settings: Settings = load_settings(
        {"data_dir": tmp_path_factory.mktemp("segments")}, env={}, config_file=None
    )
    container = build_container(settings)
    assert container.ingestion().ingest(FIXTURE).published
    yield container
    container.shutdown_resources()


@pytest.fixture
def segments(published: Container) -> SegmentService:
    return published.segments()


@pytest.fixture
def hand(published: Container) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    con.execute("ATTACH ? AS w (READ_ONLY)", [str(published.settings().warehouse_path)])
    con.execute("USE w")
    yield con
    con.close()


def test_summary_lists_every_segment_in_rule_order_and_matches_a_hand_query(segments, hand):
    summary = segments.summary()
    assert summary["segment"].to_list() == [str(rule.segment) for rule in SEGMENT_RULES]
    expected = dict(
        (segment, (customers, revenue, days))
        for segment, customers, revenue, days in hand.sql(
            "SELECT segment, count(*), sum(monetary), avg(recency_days) FROM mart_customer_rfm "
            "GROUP BY segment"
        ).fetchall()
    )
    for row in summary.iter_rows(named=True):
        customers, revenue, days = expected.get(row["segment"], (0, Decimal("0.00"), None))
        assert (row["customers"], row["revenue"], row["mean_recency_days"]) == (
            customers,
            revenue,
            days,
        )
    assert summary["customer_share"].sum() == pytest.approx(1.0)
    assert summary["revenue_share"].sum() == pytest.approx(1.0)


def test_summary_figures_equal_the_fixture_readme(segments):
    rows = {row["segment"]: row for row in segments.summary().iter_rows(named=True)}
    assert rows["Lost"]["customers"] == 2
    assert rows["Lost"]["revenue"] == Decimal("208.25")
    assert rows["Lost"]["mean_recency_days"] == 402.0
    # 208.25 / 2 = 104.125: half a centavo goes to the even one, as Money rounds
    assert rows["Lost"]["mean_monetary"] == Decimal("104.12")
    assert rows["Need Attention"]["revenue"] == Decimal("350.00")
    assert rows["New"]["customer_share"] == pytest.approx(0.2)
    assert rows["Can't Lose Them"]["mean_frequency"] == 3.0
    assert rows["Champions"]["customers"] == 0 and rows["Champions"]["revenue"] == 0
    assert sum(rows[s]["revenue"] for s in rows) == Decimal("1103.75")  # = GMV


def test_people_with_only_canceled_or_unavailable_orders_are_counted_apart(segments):
    unscored = segments.unscored()
    assert (unscored.people, unscored.unscored) == (11, 1)  # U4: one unavailable order


def test_score_grids_match_a_hand_query(segments, hand):
    rf = segments.grid("f")
    assert rf.columns == ["R \\ F", "1 order", "2 orders", "3+ orders"]
    assert rf["R \\ F"].to_list() == ["R 5 newest", "R 4", "R 3", "R 2", "R 1 oldest"]
    counts = dict(
        ((r, f), n)
        for r, f, n in hand.sql(
            "SELECT r_score, f_score, count(*) FROM mart_customer_rfm GROUP BY ALL"
        ).fetchall()
    )
    for i, r in enumerate(range(5, 0, -1)):
        assert rf.row(i)[1:] == tuple(counts.get((r, f), 0) for f in (1, 3, 5))
    rm = segments.grid("m")
    assert rm.columns[1:] == [f"M {m}" for m in range(1, 6)]
    assert sum(sum(rm[c]) for c in rm.columns[1:]) == 10
    assert rm.row(4)[1:] == (0, 1, 0, 1, 0)  # R 1: U2 (M 2) and U10 (M 4)


def test_a_segments_customers_biggest_spenders_first(segments):
    new = segments.customers("New")
    assert new["customer_unique_id"].to_list() == [person(11), person(9)]
    assert new["monetary"].to_list() == [Decimal("80.00"), Decimal("12.00")]
    assert new.row(0, named=True)["state"] is not None
    assert segments.customers().height == 10
    with pytest.raises(InvalidValue, match="not a segment"):
        segments.customers("Whales")


def test_a_segments_customers_read_a_page_at_a_time_are_the_whole_query(segments, published):
    """Every customer (the segment None: all ten), paged as a screen reads them: the pages
    join into the whole query in its order, sorted pages into the sorted rows, and the count
    and widest values come from the one aggregate: the widths they give are those of every
    cell formatted."""
    everyone = segments.customers()
    rows = QueryRows(published.warehouse(), "segment_customers", {"segment": None})
    assert rows.height == everyone.height == 10
    pages = pl.concat([rows.slice(offset, 3) for offset in range(0, 12, 3)])
    assert pages.equals(everyone)
    whole = fit_table(everyone).widths  # every cell formatted and measured
    for extremes in (rows.extremes(), frame_extremes(everyone)):
        assert fit_extremes(extremes.frame, extremes.key_typical).widths == whole
        assert extremes.key_typical == 32
    # the same rows read as the Segments screen reads them: the count and extremes kept at
    # build (mart_segment_extremes), not an aggregate over every customer
    fast = QueryRows(
        published.warehouse(),
        "segment_customers",
        {"segment": None},
        extremes_query="segment_customers_extremes",
    )
    assert fast.height == 10
    assert pl.concat([fast.slice(offset, 3) for offset in range(0, 12, 3)]).equals(everyone)
    assert fit_extremes(fast.extremes().frame, fast.extremes().key_typical).widths == whole
    for segment in everyone["segment"].unique().to_list():
        mine = segments.customers(segment)
        rows_of = segments.customer_rows(segment)
        assert rows_of.height == mine.height
        assert pl.concat([rows_of.slice(0, 2), rows_of.slice(2, 100)]).equals(mine)
        extremes = rows_of.extremes()
        assert fit_extremes(extremes.frame, extremes.key_typical).widths == fit_table(mine).widths
    by_state = rows.sorted("state", descending=True)
    paged = pl.concat([by_state.slice(offset, 4) for offset in range(0, 12, 4)])
    assert paged.equals(by_state.collect())
    assert paged["state"].to_list() == sorted(everyone["state"].to_list(), reverse=True)


@pytest.mark.parametrize("segment", [str(rule.segment) for rule in SEGMENT_RULES])
def test_a_segments_count_and_widest_values_kept_at_build_are_those_of_its_rows(published, segment):
    """mart_segment_extremes (read by segment_customers_extremes) against one aggregate over
    every row of segment_customers: the same count, typical key length, least and greatest of
    each figure, length of each longest text, and nulls, for every segment (empty ones too)."""
    reader = published.warehouse()
    kept = extremes_from_row(reader.query("segment_customers_extremes", {"segment": segment}))
    assert kept is not None, "the kept row tells every column"
    height, measured, typical = reader.query_extremes("segment_customers", {"segment": segment})
    assert (kept[0], kept[1].key_typical) == (height, typical)
    assert kept[1].frame.columns == measured.columns
    assert kept[1].frame.height == measured.height
    for name, dtype in measured.schema.items():
        mine, theirs = kept[1].frame[name], measured[name]
        if dtype == pl.String:  # a longest text: any of that length
            mine, theirs = mine.str.len_chars(), theirs.str.len_chars()
        assert mine.to_list() == theirs.to_list(), name


def test_every_scored_customer_at_once_is_counted_and_left_to_be_measured(published):
    """Every scored customer ($segment null) is not kept at build: the statement gives their
    count and no widest value, which tells the caller to measure them on every row."""
    found = published.warehouse().query("segment_customers_extremes", {"segment": None})
    assert found["rows"].to_list() == [10]
    assert extremes_from_row(found) is None


def test_what_if_prices_one_average_order_per_customer(segments):
    percent = segments.what_if("New", parse_offer("10%"))
    assert (percent.customers, percent.revenue_at_risk.amount, percent.cost.amount) == (
        2,
        Decimal("92.00"),
        Decimal("9.20"),
    )
    fixed = segments.what_if("Lost", parse_offer("R$ 100"))  # orders of 58.25 and 150.00
    assert fixed.cost.amount == Decimal("158.25")  # 58.25 (never beyond the order) + 100
    assert fixed.revenue_after_offer.amount == Decimal("50.00")
    repeat = segments.what_if("Can't Lose Them", parse_offer("15%"))  # U1: 228.50 over 3 orders
    assert repeat.revenue_at_risk.amount == Decimal("76.17")
    assert repeat.cost.amount == Decimal("11.43")  # 15% of 76.17 = 11.4255, half-even
    empty = segments.what_if("Champions", parse_offer("10%"))
    assert (empty.customers, empty.cost_share) == (0, None)


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("10%", Offer(percent=Decimal("10"))),
        (" 12,5 % ", Offer(percent=Decimal("12.5"))),
        ("R$ 15", Offer(amount=parse_offer("15").amount)),
        ("r$19,90", Offer(amount=parse_offer("19.90").amount)),
    ],
)
def test_offers_are_read_as_written(text, offer):
    assert parse_offer(text) == offer


@pytest.mark.parametrize("text", ["", "ten percent", "-5%", "R$ -3", "10%%"])
def test_unreadable_offers_say_how_to_write_one(text):
    with pytest.raises(InvalidValue, match="10%"):
        parse_offer(text)


def test_a_percentage_above_100_is_refused_by_pricing(segments):
    with pytest.raises(InvalidValue, match="between 0 and 100"):
        segments.what_if("New", parse_offer("150%"))


def test_definitions_follow_the_rules_in_plain_words(segments):
    definitions = segments.definitions()
    assert definitions["segment"].to_list() == [str(rule.segment) for rule in SEGMENT_RULES]
    scores = dict(zip(definitions["segment"], definitions["scores"], strict=True))
    assert scores["Champions"] == "R 4–5 · 3 or more orders · M 4–5"
    assert scores["Loyal"] == "R 3–5 · 2 or more orders · any M"
    assert scores["New"] == "R 5 · 1 order · M 1–3"
    assert scores["Lost"] == "all other scores"


def test_no_offer_yet_is_not_called_an_offer_of_nothing():
    """The box's example looked like a value; Evaluate on it said "'' is not an offer"."""
    with pytest.raises(InvalidValue, match=r"^No offer yet: write a percentage like 10%"):
        parse_offer("  ")
