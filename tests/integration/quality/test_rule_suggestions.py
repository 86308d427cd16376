"""`workbench quality suggest` on a published warehouse: every proposal is a valid rule that,
once accepted, runs at the next check and passes on the warehouse it was learned from."""

from __future__ import annotations

import json

import pytest
from quality_helpers import FIXTURE

from domain.entities.quality import RuleStatus
from workbench.application.config import Settings
from workbench.cli import main
from workbench.container import build_container


def test_accepted_suggestions_run_at_the_next_check_and_pass(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    container = build_container(settings)
    try:
        assert container.ingestion().ingest(FIXTURE).published
        suggestions = container.rule_suggestions().suggest()
        kinds = {s.rule.kind for s in suggestions}
        assert kinds == {"not_null", "unique", "accepted_values", "range"}
        status = next(
            s for s in suggestions if s.rule.rule_id.endswith("order_status.accepted_values")
        )
        assert status.evidence.startswith(f"{len(status.rule.params['values'])} distinct values: ")

        code = main(
            ["--data-dir", str(settings.data_dir), "quality", "suggest", "--format", "json"]
        )
        printed = json.loads(capsys.readouterr().out)
        assert code == 0
        assert [s["rule_id"] for s in printed] == [s.rule.rule_id for s in suggestions]
        assert all(s["evidence"] for s in printed)

        rejected, *kept = suggestions
        container.rule_suggestions().reject(rejected)
        for suggestion in kept:
            container.rule_suggestions().accept(suggestion)
        checked = {o.rule_id: o for o in container.quality().recheck().gate.outcomes}
        assert rejected.rule.rule_id not in checked  # stored disabled: never run
        for suggestion in kept:
            outcome = checked[suggestion.rule.rule_id]
            assert (outcome.status, outcome.failing_count) == (RuleStatus.PASS, 0), outcome
        assert container.rule_suggestions().suggest() == []  # each decided: none proposed again
    finally:
        container.shutdown_resources()
