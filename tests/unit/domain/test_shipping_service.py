"""Freight model calibrated by least squares on past shipments, then used to estimate."""

import random
from decimal import Decimal

import pytest

from domain.errors import CalibrationFailed, InvalidValue
from domain.services.least_squares import fit_least_squares, solve_linear_system
from domain.services.shipping import FreightModel, FreightSample, ShippingService
from domain.value_objects.money import Money
from domain.value_objects.product_dimensions import ProductDimensions

BASE, PER_KG, PER_CM3, PER_KM = 8.0, 1.5, 0.0004, 0.012


def exact_freight(box, distance_km):
    return BASE + PER_KG * box.weight_kg + PER_CM3 * box.volume_cm3 + PER_KM * distance_km


def history(count=60, noise=0.0, seed=7):
    rng = random.Random(seed)
    samples = []
    for _ in range(count):
        box = ProductDimensions(
            rng.randint(100, 30000), rng.randint(10, 100), rng.randint(2, 60), rng.randint(10, 80)
        )
        distance = rng.uniform(1, 3000)
        freight = exact_freight(box, distance) + rng.uniform(-noise, noise)
        samples.append(FreightSample(box, distance, Money(Decimal(f"{freight:.2f}"))))
    return samples


def test_calibration_recovers_the_coefficients_of_a_noiseless_history():
    model = ShippingService.calibrate(history())
    assert model.base == pytest.approx(BASE, abs=0.01)
    assert model.per_kg == pytest.approx(PER_KG, abs=0.001)
    assert model.per_cm3 == pytest.approx(PER_CM3, abs=1e-6)
    assert model.per_km == pytest.approx(PER_KM, abs=1e-5)
    assert model.r_squared == pytest.approx(1.0, abs=1e-6)
    assert model.mean_absolute_error <= Money("0.01")


def test_noise_lowers_r_squared_and_shows_in_the_mean_absolute_error():
    model = ShippingService.calibrate(history(count=300, noise=10.0))
    assert 0.5 < model.r_squared < 1.0
    assert Money("2.00") < model.mean_absolute_error < Money("8.00")


def test_estimates_are_money_rounded_to_centavos():
    service = ShippingService(ShippingService.calibrate(history()))
    box = ProductDimensions(2000, 30, 20, 10)
    estimate = service.estimate(box, 500.0)
    assert isinstance(estimate, Money)
    assert estimate.amount == pytest.approx(Decimal(f"{exact_freight(box, 500.0):.2f}"), abs=0.02)


def test_an_estimate_never_goes_below_zero():
    generous = FreightModel(-50.0, 0.0, 0.0, 0.0, 1.0, Money.zero())
    assert ShippingService(generous).estimate(ProductDimensions(1, 1, 1, 1), 1.0) == Money.zero()


def test_a_negative_distance_is_refused():
    service = ShippingService(ShippingService.calibrate(history()))
    with pytest.raises(InvalidValue, match="negative"):
        service.estimate(ProductDimensions(1, 1, 1, 1), -1.0)


def test_calibration_needs_enough_shipments():
    with pytest.raises(CalibrationFailed, match="at least 5 shipments, got 4"):
        ShippingService.calibrate(history(count=4))


def test_calibration_needs_features_that_vary():
    same_box = ProductDimensions(500, 10, 10, 10)
    samples = [FreightSample(same_box, float(km), Money(km)) for km in range(10, 20)]
    with pytest.raises(CalibrationFailed, match="linearly dependent"):
        ShippingService.calibrate(samples)


def test_identical_freight_is_a_perfect_flat_fit():
    samples = [
        FreightSample(s.dimensions, s.distance_km, Money("15.00")) for s in history(count=20)
    ]
    model = ShippingService.calibrate(samples)
    assert model.r_squared == 1.0
    assert model.base == pytest.approx(15.0)


def test_least_squares_fits_a_line_through_noisy_points():
    rows = [(1.0, x) for x in range(10)]
    targets = [2.0 + 3.0 * x + (0.5 if x % 2 else -0.5) for x in range(10)]
    intercept, slope = fit_least_squares(rows, targets)
    assert slope == pytest.approx(3.0, abs=0.1)
    assert intercept == pytest.approx(2.0, abs=0.5)


def test_gaussian_elimination_pivots_on_the_largest_entry():
    assert solve_linear_system([[0.0, 1.0], [1.0, 0.0]], [2.0, 3.0]) == [3.0, 2.0]
    with pytest.raises(CalibrationFailed):
        solve_linear_system([[1.0, 2.0], [2.0, 4.0]], [1.0, 2.0])
