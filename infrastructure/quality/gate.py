"""The quality gate run before publishing a built warehouse file."""

from __future__ import annotations

from pathlib import Path

from domain.entities.quality import GateOutcome
from infrastructure.quality.reconciliation_gate import reconciliation_outcome


class WarehouseQualityGate:
    def evaluate(self, warehouse: Path, run_id: int) -> GateOutcome:
        return GateOutcome((reconciliation_outcome(warehouse),))
