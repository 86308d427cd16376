"""How the gate shares its DuckDB threads among the checks: two checks at once at most, each
asking from a thread of its own, and the checking connection gets the rest of the threads."""

from __future__ import annotations

import pytest

from infrastructure.quality.gate import ThreadSplit, split_threads


@pytest.mark.parametrize(
    ("threads", "split"),
    [
        (1, ThreadSplit(checks=1, threads=1)),
        (2, ThreadSplit(checks=2, threads=1)),  # each check on its own thread alone
        (3, ThreadSplit(checks=2, threads=2)),
        (8, ThreadSplit(checks=2, threads=7)),  # 6 shared, 8 working in all
        (32, ThreadSplit(checks=2, threads=31)),
    ],
)
def test_the_threads_configured_are_the_threads_working(threads: int, split: ThreadSplit) -> None:
    assert split_threads(threads) == split


def test_checks_asked_for_are_the_checks_at_once() -> None:
    assert split_threads(8, checks=1) == ThreadSplit(checks=1, threads=8)
    assert split_threads(2, checks=4) == ThreadSplit(checks=4, threads=1)
