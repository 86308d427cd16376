"""Suggested rules as the command line prints them: a Markdown table or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from domain.services.rule_suggestions import RuleSuggestion

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


def suggestions_frame(suggestions: Sequence[RuleSuggestion]) -> pl.DataFrame:
    """One row per suggestion: rule id, kind, table, column(s), evidence, parameters."""
    import polars as pl

    return pl.DataFrame(
        {
            "rule": [s.rule.rule_id for s in suggestions],
            "kind": [s.rule.kind for s in suggestions],
            "model": [s.rule.model for s in suggestions],
            "evidence": [s.evidence for s in suggestions],
            "params": [json.dumps(dict(s.rule.params), sort_keys=True) for s in suggestions],
        },
        schema={name: pl.String for name in ("rule", "kind", "model", "evidence", "params")},
    )


def suggestions_markdown(suggestions: Sequence[RuleSuggestion]) -> str:
    lines = [
        f"# {len(suggestions)} suggested rules (each passes on the published warehouse)",
        "",
        "| rule | kind | model | evidence |",
        "|---|---|---|---|",
    ]
    for s in suggestions:
        evidence = s.evidence.replace("|", "\\|")
        lines.append(f"| {s.rule.rule_id} | {s.rule.kind} | {s.rule.model} | {evidence} |")
    return "\n".join(lines) + "\n"


def suggestions_json(suggestions: Sequence[RuleSuggestion]) -> str:
    return (
        json.dumps(
            [
                {
                    "rule_id": s.rule.rule_id,
                    "description": s.rule.description,
                    "kind": s.rule.kind,
                    "model": s.rule.model,
                    "params": dict(s.rule.params),
                    "severity": s.rule.severity,
                    "threshold": s.rule.threshold,
                    "evidence": s.evidence,
                }
                for s in suggestions
            ],
            indent=2,
        )
        + "\n"
    )
