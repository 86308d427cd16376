"""Suggested rules: profile the published warehouse, propose rules with their evidence, keep
those that pass on it, and store the user's decision on each: accepted rules run from the next
check, rejected ones are stored disabled (so they are not proposed again)."""

from __future__ import annotations

from dataclasses import replace

from domain.entities.quality import RuleStatus
from domain.repositories.metadata_store import MetadataStore, QualityRuleRecord
from domain.services.rule_suggestions import RuleSuggestion, suggest_rules
from workbench.application.ports import WarehouseProfiler


class RuleSuggestionService:
    def __init__(self, store: MetadataStore, profiler: WarehouseProfiler) -> None:
        self._store = store
        self._profiler = profiler

    def suggest(self) -> list[RuleSuggestion]:
        """Rules no stored rule checks yet, each passing on the warehouse it was learned from."""
        candidates = suggest_rules(self._profiler.profile(), self._store.list_rules())
        outcomes = {o.rule_id: o for o in self._profiler.check([c.rule for c in candidates])}
        return [
            candidate
            for candidate in candidates
            if (outcome := outcomes.get(candidate.rule.rule_id)) is not None
            and outcome.status is RuleStatus.PASS
            and outcome.failing_count == 0
        ]

    def accept(self, suggestion: RuleSuggestion) -> QualityRuleRecord:
        """Store the suggested rule for everyone on the store; it runs from the next check."""
        self._store.save_rule(suggestion.rule)
        return suggestion.rule

    def reject(self, suggestion: RuleSuggestion) -> QualityRuleRecord:
        """Store the suggested rule disabled: the decision is kept for everyone on the store,
        it is not suggested again, and it never runs unless someone enables it."""
        rejected = replace(suggestion.rule, enabled=False)
        self._store.save_rule(rejected)
        return rejected
