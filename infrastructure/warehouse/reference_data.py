"""Rules and reference data the SQL models take from the domain, handed to DuckDB before a build."""

from __future__ import annotations

import duckdb

from domain.value_objects.brazil import (
    BRAZIL_LAT_RANGE,
    BRAZIL_LNG_RANGE,
    REGION_OF_STATE,
    UF_CODES,
)
from domain.value_objects.purchase_window import DEFAULT_TOLERANCE_DAYS, EARLIEST_PURCHASE
from domain.value_objects.statuses import OrderStatus
from infrastructure.warehouse.segmentation_sql import create_segmentation_macros


def seed_reference_data(
    con: duckdb.DuckDBPyConnection, purchase_tolerance_days: int = DEFAULT_TOLERANCE_DAYS
) -> int:
    """Set the variables and rule macros the models use, create ref_brazil_states; return rows."""
    set_reference_variables(con, purchase_tolerance_days)
    return create_reference_tables(con)


def set_reference_variables(
    con: duckdb.DuckDBPyConnection, purchase_tolerance_days: int = DEFAULT_TOLERANCE_DAYS
) -> None:
    """The session's part: variables and the temp rule macros, set on every connection."""
    variables: dict[str, object] = {
        "earliest_purchase": EARLIEST_PURCHASE,
        "purchase_tolerance_days": purchase_tolerance_days,
        "brazil_lat_min": BRAZIL_LAT_RANGE[0],
        "brazil_lat_max": BRAZIL_LAT_RANGE[1],
        "brazil_lng_min": BRAZIL_LNG_RANGE[0],
        "brazil_lng_max": BRAZIL_LNG_RANGE[1],
        "non_sale_statuses": [s.value for s in OrderStatus if not s.counts_as_sale],
    }
    for name, value in variables.items():
        con.execute(f"SET VARIABLE {name} = ?", [value])
    create_segmentation_macros(con)


def create_reference_tables(con: duckdb.DuckDBPyConnection) -> int:
    """The warehouse's part: (re)create ref_brazil_states; return its rows."""
    states = list(UF_CODES)
    regions = [REGION_OF_STATE[s] for s in states]
    con.execute(
        "CREATE OR REPLACE TABLE ref_brazil_states AS "
        "SELECT unnest(?) AS state, unnest(?) AS region",
        [states, regions],
    )
    return len(states)
