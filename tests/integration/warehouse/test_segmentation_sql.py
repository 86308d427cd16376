"""The domain's RFM rules rendered as SQL: the text, and the rendered SQL run in DuckDB (and
PostgreSQL for its dialect) agreeing with the domain's Python on every input that matters."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

import duckdb
import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import InvalidValue
from domain.services.rfm_scoring import (
    FREQUENCY_SCORES,
    FrequencyThreshold,
    frequency_score,
    quintile_score,
    quintile_scores,
)
from domain.services.segment_map import SEGMENT_RULES, Segment, SegmentRule, segment_for
from domain.services.segmentation import SegmentationService
from infrastructure.warehouse.segmentation_sql import (
    Macro,
    create_segmentation_macros,
    frequency_score_sql,
    quintile_score_sql,
    rank_key_sql,
    segment_case_sql,
    segment_rule_sql,
    segmentation_macros,
)

SCORES = range(1, 6)
ALL_COMBINATIONS = list(product(SCORES, SCORES, SCORES))
ORDER_COUNTS = range(0, 12)
POPULATIONS = range(1, 26)
EVERY_RANK = [(rank, n) for n in POPULATIONS for rank in range(1, n + 1)]


@pytest.fixture(scope="module")
def macros() -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection holding the rfm_* macros the builder creates, from the domain's rules."""
    con = duckdb.connect()
    create_segmentation_macros(con)
    yield con
    con.close()


def domain_frequency(order_count: int) -> int | None:
    """The domain's F score, None where it refuses to score (no orders)."""
    try:
        return frequency_score(order_count)
    except InvalidValue:
        return None


# --- the rendered text


def test_sql_renderings() -> None:
    assert quintile_score_sql("r", "n") == "1 + (5 * ((r) - 1)) // (n)"
    assert rank_key_sql("monetary", higher_is_better=True) == "(monetary)"
    assert rank_key_sql("recency_days", higher_is_better=False) == "-(recency_days)"
    assert frequency_score_sql("orders", FREQUENCY_SCORES) == (
        "CASE WHEN orders >= 3 THEN 5 WHEN orders >= 2 THEN 3 WHEN orders >= 1 THEN 1 END"
    )


def test_the_macros_render_the_services_rules() -> None:
    macros = segmentation_macros(SegmentationService())
    assert segment_case_sql(SEGMENT_RULES, "r", "f", "m").startswith(
        "CASE\n  WHEN r BETWEEN 4 AND 5"
    )
    assert macros["rfm_segment"].body.startswith("CASE\n  WHEN r_score BETWEEN 4 AND 5")
    assert macros["rfm_recency_rank_key"] == Macro(("recency_days",), "-(recency_days)")
    assert macros["rfm_monetary_rank_key"] == Macro(("monetary",), "(monetary)")
    assert macros["rfm_quintile_score"] == Macro(
        ("rank", "population"), "1 + (5 * ((rank) - 1)) // (population)"
    )
    assert macros["rfm_frequency_score"].body.startswith("CASE WHEN frequency >= 3 THEN 5")


def test_the_postgres_dialect_differs_only_in_integer_division() -> None:
    duck, pg = segmentation_macros(), segmentation_macros(dialect="postgres")
    assert pg["rfm_quintile_score"].body == "1 + (5 * ((rank) - 1)) / (population)"
    assert {name: macro for name, macro in pg.items() if name != "rfm_quintile_score"} == {
        name: macro for name, macro in duck.items() if name != "rfm_quintile_score"
    }


def test_sql_case_renders_rules_in_order_with_the_catch_all_as_else() -> None:
    sql = segment_case_sql(SEGMENT_RULES, "r_score", "f_score", "m_score")
    lines = sql.splitlines()
    assert lines[0] == "CASE" and lines[-1] == "END"
    assert lines[1] == (
        "  WHEN r_score BETWEEN 4 AND 5 AND f_score BETWEEN 4 AND 5 AND m_score BETWEEN 4 AND 5 "
        "THEN 'Champions'"
    )
    assert "  WHEN r_score BETWEEN 3 AND 5 AND f_score BETWEEN 3 AND 5 THEN 'Loyal'" in lines
    assert "  WHEN r_score = 2 AND f_score BETWEEN 1 AND 2 THEN 'Hibernating'" in lines
    assert "'Can''t Lose Them'" in sql
    assert lines[-2] == "  ELSE 'Lost'"
    assert len(lines) == len(SEGMENT_RULES) + 2


def test_a_rule_covering_all_scores_renders_as_true() -> None:
    assert segment_rule_sql(SegmentRule(Segment.LOST, "Everyone."), "r", "f", "m") == "TRUE"


def test_rules_without_a_catch_all_cannot_be_rendered() -> None:
    with pytest.raises(InvalidValue, match="catch"):
        segment_case_sql(SEGMENT_RULES[:-1], "r", "f", "m")


# --- the rendered SQL run, against the domain's Python


def test_the_macros_agree_with_the_domain_on_every_score_combination_and_order_count(
    macros: duckdb.DuckDBPyConnection,
) -> None:
    rows = macros.sql(
        "SELECT r, f, m, rfm_segment(r, f, m) FROM range(1, 6) AS rs(r), "
        "range(1, 6) AS fs(f), range(1, 6) AS ms(m)"
    ).fetchall()
    assert len(rows) == len(ALL_COMBINATIONS) == 125
    assert {(r, f, m): segment for r, f, m, segment in rows} == {
        (r, f, m): str(segment_for(r, f, m)) for r, f, m in ALL_COMBINATIONS
    }
    frequency = macros.sql("SELECT n, rfm_frequency_score(n) FROM range(0, 12) AS t(n)")
    assert frequency.fetchall() == [(n, domain_frequency(n)) for n in ORDER_COUNTS]
    # No orders: the domain refuses to score, SQL gives no score.
    assert domain_frequency(0) is None
    assert frequency_score(1) == 1 and frequency_score(10) == 5


def test_the_quintile_macro_agrees_with_the_domain_on_every_rank(
    macros: duckdb.DuckDBPyConnection,
) -> None:
    rows = macros.sql(
        "SELECT rank, n, rfm_quintile_score(rank, n) FROM range(1, 26) AS ns(n), "
        "range(1, n + 1) AS ranks(rank) ORDER BY n, rank"
    ).fetchall()
    assert rows == [(rank, n, quintile_score(rank, n)) for rank, n in EVERY_RANK]


def test_the_rank_key_macros_rank_recency_and_spend_as_the_domain_does(
    macros: duckdb.DuckDBPyConnection,
) -> None:
    values = [40, 0, 10, 10, 20, 30, 0, 55, 10, 7, 7]
    for key, higher_is_better in (("rfm_recency_rank_key", False), ("rfm_monetary_rank_key", True)):
        rows = macros.execute(
            f"SELECT i, rfm_quintile_score(rank() OVER (ORDER BY {key}(v)), count(*) OVER ()) "
            "FROM (SELECT unnest(range(len($values))) AS i, unnest($values) AS v) ORDER BY i",
            {"values": values},
        ).fetchall()
        assert [score for _, score in rows] == quintile_scores(
            values, higher_is_better=higher_is_better
        )


# The property is about results, not speed: a DuckDB query on a loaded machine can take longer
# than hypothesis's default 200 ms deadline, which made this test fail at random.
@settings(deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=120),
    st.booleans(),
)
def test_sql_ranking_by_key_gives_the_python_scores(
    values: list[int], higher_is_better: bool
) -> None:
    """RANK() over the rank key, then the formula, in DuckDB: the same scores as Python."""
    key = rank_key_sql("v", higher_is_better=higher_is_better)
    score = quintile_score_sql(f"rank() OVER (ORDER BY {key})", "count(*) OVER ()")
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT i, {score} FROM (SELECT unnest(range(len($values))) AS i, "
            "unnest($values) AS v) ORDER BY i",
            {"values": values},
        ).fetchall()
    assert [s for _, s in rows] == quintile_scores(values, higher_is_better=higher_is_better)


def test_other_rules_render_as_given() -> None:
    """Change a rule in the service and the macros change with it: no copy of the rules here."""
    two_steps = (FrequencyThreshold(2, 5), FrequencyThreshold(1, 1))
    service = SegmentationService(rules=SEGMENT_RULES[-1:], frequency_scores=two_steps)
    with duckdb.connect() as con:
        create_segmentation_macros(con, service)
        frequency = con.sql("SELECT n, rfm_frequency_score(n) FROM range(0, 4) AS t(n)")
        assert frequency.fetchall() == [(0, None), (1, 1), (2, 5), (3, 5)]
        segments = con.sql("SELECT DISTINCT rfm_segment(r, 5, 5) FROM range(1, 6) AS t(r)")
        assert segments.fetchall() == [("Lost",)]


def test_the_postgres_dialect_agrees_with_the_domain(pg_dsn: str) -> None:
    """The bodies the PostgreSQL side-by-side benchmark makes functions of, run in PostgreSQL."""
    rendered = segmentation_macros(dialect="postgres")
    with psycopg.connect(pg_dsn) as pg:
        quintiles = pg.execute(
            f"SELECT rank, population, {rendered['rfm_quintile_score'].body} "
            "FROM generate_series(1::bigint, 25) AS population, "
            "generate_series(1::bigint, population) AS rank ORDER BY population, rank"
        ).fetchall()
        frequency = pg.execute(
            f"SELECT frequency, {rendered['rfm_frequency_score'].body} "
            "FROM generate_series(0::bigint, 11) AS frequency ORDER BY frequency"
        ).fetchall()
        segments = pg.execute(
            f"SELECT r_score, f_score, m_score, {rendered['rfm_segment'].body} "
            "FROM generate_series(1, 5) AS r_score, generate_series(1, 5) AS f_score, "
            "generate_series(1, 5) AS m_score"
        ).fetchall()
    assert quintiles == [(rank, n, quintile_score(rank, n)) for rank, n in EVERY_RANK]
    assert frequency == [(n, domain_frequency(n)) for n in ORDER_COUNTS]
    assert len(segments) == 125
    assert all(segment == segment_for(r, f, m) for r, f, m, segment in segments)
