"""A relationship to a table much bigger than the one checked (its keys repeat, as geolocation's
zips do) joins its distinct keys: the failures, samples and kept rows are the plain anti join's."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from quality_helpers import NOW, rule

from infrastructure.quality.compiler import REPEATED_KEYS_RATIO, compile_rule
from infrastructure.quality.connection import checking_connection, read_catalogue
from infrastructure.quality.context import CheckContext
from infrastructure.quality.runner import run_rules

PLAIN = """
select t.customer_id, t.zip, t.state
from customers as t
anti join places as p on p.zip = t.zip and p.state = t.state
where t.zip is not null and t.state is not null
order by t.customer_id
"""


def warehouse(path: Path, repeats: int) -> Path:
    """customers with zips and states, some unknown to `places`, which holds each known
    (zip, state) `repeats` times, some with a null zip."""
    with duckdb.connect(str(path)) as con:
        con.execute(
            """
            create table customers as
            select 'c' || lpad(i::varchar, 3, '0') as customer_id,
                case when i % 11 = 0 then null else lpad((i % 40)::varchar, 5, '0') end as zip,
                case when i % 13 = 0 then 'RJ' else 'SP' end as state
            from range(100) as r(i)
            order by hash(i)
            """
        )
        con.execute(
            f"""
            create table places as
            select lpad((i % 30)::varchar, 5, '0') as zip, 'SP' as state, i as n
            from range(30) as r(i), range({repeats}) as copies(copy)
            union all select null, 'SP', -1
            """
        )
    return path


@pytest.mark.parametrize(("repeats", "distinct"), [(1, False), (4 * REPEATED_KEYS_RATIO, True)])
def test_the_outcome_is_the_plain_anti_joins(tmp_path: Path, repeats: int, distinct: bool) -> None:
    path = warehouse(tmp_path / "w.duckdb", repeats)
    chosen = rule(
        "relationship",
        "customers",
        columns=["zip", "state"],
        to_model="places",
        to_columns=["zip", "state"],
        key=["customer_id"],
    )
    with checking_connection(path) as con:
        compiled = compile_rule(chosen, read_catalogue(con), CheckContext(NOW))
        assert ("select distinct" in compiled.failing_sql.text) is distinct
        (outcome,) = run_rules(con, [chosen], CheckContext(NOW), sample_limit=5, sample_rows=8)
        expected = con.sql(PLAIN).fetchall()
    assert outcome.failing_count == len(expected) > 8
    assert list(outcome.sample_keys) == [row[0] for row in expected[:5]]
    assert outcome.failing_sample is not None
    assert outcome.failing_sample.columns == ("customer_id", "zip", "state")
    assert [tuple(row) for row in outcome.failing_sample.rows] == expected[:8]
