"""The domain's RFM rules as DuckDB macros, so `mart_customer_rfm` scores exactly as Python does.

`SegmentationService` renders each rule as a SQL expression; here each one becomes a temporary
macro of the build's connection (nothing is stored in the warehouse file). The mart calls them
by name, so changing a rule in `domain/services` changes the warehouse on the next build.
"""

from __future__ import annotations

import duckdb

from domain.services.segmentation import SegmentationService


def segmentation_macros(service: SegmentationService) -> dict[str, tuple[tuple[str, ...], str]]:
    """Macro name -> (parameters, body) for the scoring and segment rules of `service`."""
    return {
        "rfm_recency_rank_key": (("recency_days",), service.recency_rank_key_sql("recency_days")),
        "rfm_monetary_rank_key": (("monetary",), service.monetary_rank_key_sql("monetary")),
        "rfm_quintile_score": (
            ("rank", "population"),
            service.quintile_score_sql("rank", "population"),
        ),
        "rfm_frequency_score": (("frequency",), service.frequency_score_sql("frequency")),
        "rfm_segment": (
            ("r_score", "f_score", "m_score"),
            service.to_sql_case("r_score", "f_score", "m_score"),
        ),
    }


def create_segmentation_macros(
    con: duckdb.DuckDBPyConnection, service: SegmentationService | None = None
) -> None:
    """Create (or replace) the rfm_* macros on this connection from the domain's rules."""
    for name, (parameters, body) in segmentation_macros(service or SegmentationService()).items():
        con.execute(f"CREATE OR REPLACE TEMP MACRO {name}({', '.join(parameters)}) AS {body}")
