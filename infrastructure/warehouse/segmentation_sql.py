"""The domain's RFM rules written as SQL, so `mart_customer_rfm` scores exactly as Python does.

`SegmentationService` holds the rules as data: the ordered segment rules over score ranges, the
frequency thresholds and the quintile rule. This module is the one place that writes them as SQL.
DuckDB gets them as temporary macros of the build's connection (nothing is stored in the
warehouse file) that the marts call by name, so changing a rule in `domain/services` changes the
warehouse on the next build. The PostgreSQL side-by-side benchmark creates functions from the
same bodies in its dialect.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

import duckdb

from domain.errors import InvalidValue
from domain.services.rfm_scoring import QUINTILE_RULE, FrequencyThreshold, QuintileRule
from domain.services.segment_map import ScoreRange, SegmentRule
from domain.services.segmentation import SegmentationService

Dialect = Literal["duckdb", "postgres"]
# Integer division of two integers: DuckDB's `/` gives a DOUBLE, PostgreSQL's truncates.
_INTEGER_DIVISION: dict[Dialect, str] = {"duckdb": "//", "postgres": "/"}


class Macro(NamedTuple):
    parameters: tuple[str, ...]
    body: str


def segmentation_macros(
    service: SegmentationService | None = None, dialect: Dialect = "duckdb"
) -> dict[str, Macro]:
    """Macro name -> parameters and body, for the scoring and segment rules of `service`."""
    rules = service or SegmentationService()
    quintiles = rules.quintile_rule
    return {
        "rfm_recency_rank_key": Macro(
            ("recency_days",),
            rank_key_sql("recency_days", higher_is_better=quintiles.recency_higher_is_better),
        ),
        "rfm_monetary_rank_key": Macro(
            ("monetary",),
            rank_key_sql("monetary", higher_is_better=quintiles.monetary_higher_is_better),
        ),
        "rfm_quintile_score": Macro(
            ("rank", "population"), quintile_score_sql("rank", "population", quintiles, dialect)
        ),
        "rfm_frequency_score": Macro(
            ("frequency",), frequency_score_sql("frequency", rules.frequency_scores)
        ),
        "rfm_segment": Macro(
            ("r_score", "f_score", "m_score"),
            segment_case_sql(rules.rules, "r_score", "f_score", "m_score"),
        ),
    }


def create_segmentation_macros(
    con: duckdb.DuckDBPyConnection, service: SegmentationService | None = None
) -> None:
    """Create (or replace) the rfm_* macros on this connection from the domain's rules."""
    for name, (parameters, body) in segmentation_macros(service).items():
        con.execute(f"CREATE OR REPLACE TEMP MACRO {name}({', '.join(parameters)}) AS {body}")


# The renderings. Column names and expressions are inserted as given.


def rank_key_sql(value: str, *, higher_is_better: bool) -> str:
    """A key that sorts customers from rank 1 (score 1) upwards: ascending order is rank order."""
    return f"({value})" if higher_is_better else f"-({value})"


def quintile_score_sql(
    rank: str, population: str, rule: QuintileRule = QUINTILE_RULE, dialect: Dialect = "duckdb"
) -> str:
    """The quintile formula from a 1-based minimum rank and the number of customers scored."""
    divide = _INTEGER_DIVISION[dialect]
    return f"1 + ({rule.quintiles} * (({rank}) - 1)) {divide} ({population})"


def frequency_score_sql(order_count: str, thresholds: Sequence[FrequencyThreshold]) -> str:
    """The thresholds as a CASE, first match from the top. A count below them all gets NULL,
    no score, as the domain scores nobody without orders."""
    whens = " ".join(
        f"WHEN {order_count} >= {min_orders} THEN {score}" for min_orders, score in thresholds
    )
    return f"CASE {whens} END"


def score_range_sql(bounds: ScoreRange, column: str) -> str:
    if bounds.low == bounds.high:
        return f"{column} = {bounds.low}"
    return f"{column} BETWEEN {bounds.low} AND {bounds.high}"


def segment_rule_sql(rule: SegmentRule, r_col: str, f_col: str, m_col: str) -> str:
    """The rule's condition; ranges covering every score are left out."""
    ranges = ((rule.recency, r_col), (rule.frequency, f_col), (rule.monetary, m_col))
    conditions = [score_range_sql(bounds, column) for bounds, column in ranges if not bounds.is_any]
    return " AND ".join(conditions) or "TRUE"


def segment_case_sql(rules: Sequence[SegmentRule], r_col: str, f_col: str, m_col: str) -> str:
    """The rules as one CASE expression, in order, the last (catch-all) rule as its ELSE."""
    *ordered, last = rules
    if not last.is_catch_all:
        raise InvalidValue("the last segment rule must catch every score combination")
    if not ordered:
        return _sql_text(last.segment)  # a CASE needs at least one WHEN
    whens = "\n".join(
        f"  WHEN {segment_rule_sql(rule, r_col, f_col, m_col)} THEN {_sql_text(rule.segment)}"
        for rule in ordered
    )
    return f"CASE\n{whens}\n  ELSE {_sql_text(last.segment)}\nEND"


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
