"""Monitors' judgement: bands learned from history, direction, minimum change, PSI, schema drift."""

from __future__ import annotations

import math

import pytest

from domain.entities.monitor import (
    Direction,
    MonitorSettings,
    SourceColumn,
    monitor_settings,
    schema_changes,
    settings_problem,
)
from domain.services.anomaly import (
    judge_distribution,
    judge_number,
    learned_band,
    stability_index,
)
from domain.services.student_t import t_multiplier

HISTORY = [100.0, 104.0, 98.0, 101.0, 97.0]


@pytest.mark.parametrize(
    ("freedom", "expected"), [(4, 6.620), (6, 4.904), (30, 3.272), (10_000, 3.000)]
)
def test_the_t_multiplier_has_the_tail_of_three_normal_deviations(
    freedom: int, expected: float
) -> None:
    assert t_multiplier(3.0, freedom) == pytest.approx(expected, abs=0.005)


def test_the_band_is_learned_from_the_history_not_fixed() -> None:
    band = learned_band(HISTORY, 3.0)
    assert band.mean == pytest.approx(100.0)
    assert band.deviation == pytest.approx(2.739, abs=0.001)
    spread = t_multiplier(3.0, 4) * band.deviation * math.sqrt(1 + 1 / 5)
    assert (band.low, band.high) == pytest.approx((100 - spread, 100 + spread))
    wider = learned_band([100.0, 130.0, 70.0, 110.0, 90.0], 3.0)
    assert wider.high - wider.low > band.high - band.low


def test_counts_and_rates_are_never_judged_quieter_than_counting_noise() -> None:
    assert learned_band([400.0] * 5, 3.0, counts=True).deviation == pytest.approx(20.0)
    rate = learned_band([0.1] * 5, 3.0, rate_of=900)
    assert rate.deviation == pytest.approx(0.01)
    assert learned_band([0.0] * 5, 3.0, rate_of=900).low == 0.0


def test_a_value_outside_its_band_is_flagged_with_direction_and_score() -> None:
    settings = MonitorSettings()
    drop = judge_number("orders.rows", 50.0, HISTORY, settings)
    assert drop is not None and drop.direction is Direction.DROP and drop.score < -10
    spike = judge_number("orders.rows", 150.0, HISTORY, settings)
    assert spike is not None and spike.direction is Direction.SPIKE
    assert judge_number("orders.rows", 103.0, HISTORY, settings) is None


def test_direction_and_minimum_change_are_settings() -> None:
    only_spikes = MonitorSettings(direction=Direction.SPIKE)
    assert judge_number("m", 50.0, HISTORY, only_spikes) is None
    steady = [100.0, 100.1, 99.9, 100.0, 100.0]
    assert judge_number("m", 105.0, steady, MonitorSettings(min_change=0.0)) is not None
    assert judge_number("m", 105.0, steady, MonitorSettings(min_change=0.1)) is None


def test_a_shifted_mix_is_flagged_by_its_stability_index_naming_the_category() -> None:
    history = [
        {"credit_card": 0.74, "boleto": 0.19, "voucher": 0.05, "debit_card": 0.02},
        {"credit_card": 0.75, "boleto": 0.19, "voucher": 0.04, "debit_card": 0.02},
        {"credit_card": 0.73, "boleto": 0.20, "voucher": 0.05, "debit_card": 0.02},
        {"credit_card": 0.74, "boleto": 0.20, "voucher": 0.04, "debit_card": 0.02},
        {"credit_card": 0.75, "boleto": 0.18, "voucher": 0.05, "debit_card": 0.02},
    ]
    same = {"credit_card": 0.74, "boleto": 0.19, "voucher": 0.05, "debit_card": 0.02}
    assert judge_distribution("payment_type", same, history, MonitorSettings(), 1000) is None
    shifted = {"credit_card": 0.40, "boleto": 0.19, "voucher": 0.05, "debit_card": 0.36}
    finding = judge_distribution("payment_type", shifted, history, MonitorSettings(), 1000)
    assert finding is not None
    assert finding.observed == pytest.approx(stability_index(history[0], shifted), rel=0.1)
    assert "debit_card 36.0% spike" in finding.detail


def test_schema_changes_name_added_removed_and_retyped_columns() -> None:
    def cols(*spec: tuple[str, str]) -> tuple[SourceColumn, ...]:
        return tuple(SourceColumn("f.csv", i, n, t) for i, (n, t) in enumerate(spec, 1))

    before = cols(("a", "VARCHAR"), ("b", "BIGINT"), ("c", "DOUBLE"))
    after = cols(("a", "VARCHAR"), ("b", "VARCHAR"), ("d", "DOUBLE"))
    assert [str(c) for c in schema_changes(before, after)] == [
        "f.csv: column c removed",
        "f.csv: column d added",
        "f.csv: column b retyped BIGINT -> VARCHAR",
    ]
    assert schema_changes(before, before) == ()


def test_settings_are_checked_and_read_with_defaults() -> None:
    assert settings_problem({"sensitivity": 2.5, "direction": "drop"}) == ""
    assert "direction" in settings_problem({"direction": "up"})
    assert "sensitivity" in settings_problem({"sensitivity": 0})
    assert "min_training_runs" in settings_problem({"min_training_runs": 12})
    settings = monitor_settings({"direction": "spike", "min_change": 0.2})
    assert settings == MonitorSettings(direction=Direction.SPIKE, min_change=0.2)
