"""A rule running past its time limit is stopped and reported as that rule's error; a cancel
stops every check. The slow rule would take seconds to finish if it were not interrupted, so a
broken interrupt shows as a passing rule, not as a slow test only."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import duckdb
import pytest
from quality_helpers import NOW, rule

from domain.cancellation import CancelToken
from domain.entities.quality import RuleStatus
from domain.errors import RunCancelled
from infrastructure.quality.connection import checking_connection
from infrastructure.quality.context import CheckContext
from infrastructure.quality.runner import run_rules

KEY = ["child_id", "line"]
# The view counts 2 billion hashes (about 4 s on 2 cores), then its one row passes. A view of the
# warehouse, since a stored predicate may not hold the subquery that would do it.
SLOW_VIEW = """CREATE VIEW slow_count AS
SELECT count(*) AS hashed_zero FROM range(2000000000) AS r(x) WHERE hash(x) = 0"""
SLOW = rule("not_null", "slow_count", name="slow", columns=["hashed_zero"], key=["hashed_zero"])
QUICK = rule("not_null", "children", columns=["child_id"], key=KEY)


@pytest.fixture(scope="module")
def clean_warehouse(clean_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The crafted clean warehouse with the slow view added."""
    copy = tmp_path_factory.mktemp("slow") / "clean.duckdb"
    shutil.copyfile(clean_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute(SLOW_VIEW)
    return copy


@pytest.mark.parametrize("workers", [1, 2])
def test_a_rule_over_the_time_limit_is_stopped_as_an_error(
    clean_warehouse: Path, workers: int
) -> None:
    with checking_connection(clean_warehouse) as con:
        slow, quick = run_rules(
            con, [SLOW, QUICK], CheckContext(NOW), workers=workers, time_limit_s=0.2
        )
    assert (slow.status, slow.message) == (
        RuleStatus.ERROR,
        "stopped after 0.2 s, the time limit of a rule",
    )
    assert quick.status is RuleStatus.PASS


def test_without_a_time_limit_the_slow_rule_finishes(clean_warehouse: Path) -> None:
    """The same rule, left to run, passes: what the time-limit test tells apart."""
    with checking_connection(clean_warehouse) as con:
        (slow,) = run_rules(con, [SLOW], CheckContext(NOW), workers=1)
    assert slow.status is RuleStatus.PASS, slow.message


@pytest.mark.parametrize("workers", [1, 2])
def test_a_cancel_stops_the_running_checks(clean_warehouse: Path, workers: int) -> None:
    cancel = CancelToken()
    timer = threading.Timer(0.2, cancel.cancel)
    timer.start()
    try:
        with checking_connection(clean_warehouse) as con, pytest.raises(RunCancelled):
            run_rules(con, [SLOW, SLOW, QUICK], CheckContext(NOW), workers=workers, cancel=cancel)
    finally:
        timer.cancel()
