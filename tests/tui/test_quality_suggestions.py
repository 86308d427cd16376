"""Suggested rules and a rule's past runs, driven from the Quality screen as a user does:
accepted suggestions become stored rules that run at the next re-check; a past run's kept
failing rows still open after a newer run."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from shown import loads_done

from screens.quality import QualityScreen
from screens.quality_past_runs import QualityPastRunsScreen
from screens.quality_suggestions import QualitySuggestionsScreen
from screens.widgets.frame_table import FrameTable
from workbench.app import WorkbenchApp
from workbench.container import Container

FIXTURE = Path(__file__).parents[1] / "fixtures" / "olist_small"


async def settled(pilot: Any) -> None:
    await loads_done(pilot)
    await pilot.pause()


async def test_accepted_suggestions_are_stored_and_run_at_the_next_recheck(
    container: Container,
) -> None:
    assert container.ingestion().ingest(FIXTURE).published
    before = {rule.rule_id for rule in container.metadata_store().list_rules()}
    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44)) as pilot:
        await pilot.press("2")
        await settled(pilot)
        await pilot.press("u")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, QualitySuggestionsScreen)
        table = screen.query_one("#suggestions-table", FrameTable)
        offered = table.frame["rule"].to_list()
        assert offered and all(rule not in before for rule in offered)
        assert all(table.frame["evidence"].to_list())

        table.table.focus()
        await pilot.press("a")  # the first suggestion; the cursor stays on the first row
        await settled(pilot)
        await pilot.press("down", "x")  # the third one offered: rejected
        await settled(pilot)
        await pilot.press("a")  # the fourth one, now where the third was
        await settled(pilot)
        shown = table.frame["rule"].to_list()
        accepted = [offered[0], offered[3]]
        assert offered[2] not in shown and not set(accepted) & set(shown)
        assert len(shown) == len(offered) - 3

        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, QualityScreen)
        stored = {r.rule_id: r for r in container.metadata_store().list_rules()}
        assert set(stored) - before == {*accepted, offered[2]}
        assert [stored[rule].enabled for rule in accepted] == [True, True]
        assert not stored[offered[2]].enabled  # rejected: kept disabled, never run
        rules = app.screen.query_one("#quality-rules", FrameTable).frame
        assert set(accepted) <= set(rules["rule"].to_list())

        await pilot.press("r")
        await settled(pilot)
        rules = app.screen.query_one("#quality-rules", FrameTable).frame
        statuses = dict(zip(rules["rule"].to_list(), rules["status"].to_list(), strict=True))
        assert [statuses[rule] for rule in accepted] == ["pass", "pass"]
        assert statuses[offered[2]] == "disabled"


async def test_a_past_runs_failing_rows_open_after_a_newer_run(
    container: Container, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    assert container.ingestion().ingest(source).published
    reviews = source / "olist_order_reviews_dataset.csv"
    lines = reviews.read_bytes().split(b"\n")
    reviews.write_bytes(b"\n".join(lines[:1] + lines[4:]))  # 3 of 13 reviews lost
    second = container.ingestion().ingest(source)
    assert second.published
    first_rows = container.quality().kept_failures("invariant.payment_mismatch", 1)
    assert first_rows is not None

    app = WorkbenchApp(container)
    async with app.run_test(size=(160, 44)) as pilot:
        await pilot.press("2")
        await settled(pilot)
        rules = app.screen.query_one("#quality-rules", FrameTable)
        rules.table.focus()
        rules.table.move_cursor(
            row=rules.frame["rule"].to_list().index("invariant.payment_mismatch"), column=0
        )
        await pilot.press("h")
        await settled(pilot)
        assert isinstance(app.screen, QualityPastRunsScreen)
        runs = app.screen.query_one("#past-runs", FrameTable)
        assert runs.frame["run"].to_list() == [2, 1]  # newest first
        await pilot.press("down", "enter")  # run #1, replaced by run #2's warehouse
        await settled(pilot)
        kept = app.screen.query_one("#past-rows", FrameTable).frame
        assert kept.columns == list(first_rows.columns)
        assert kept.rows() == list(first_rows.rows)
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, QualityScreen)
