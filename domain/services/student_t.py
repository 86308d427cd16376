"""Student's t distribution, enough of it to widen a band learned from few runs honestly.

A band of `k` standard deviations around a mean learned from n runs holds a new value as often as
k normal deviations would only when n is large; from 5 runs the sample deviation is itself a
guess. `t_multiplier` gives the width with the same tail probability as `k` on the normal curve.
"""

from __future__ import annotations

import math
from statistics import NormalDist


def _beta_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (Lentz's method)."""
    tiny, c, d = 1e-300, 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1) < 1e-12:
            break
    return result


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b)."""
    if x <= 0 or x >= 1:
        return 0.0 if x <= 0 else 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1 - front * _beta_fraction(b, a, 1 - x) / b


def two_sided_tail(t: float, freedom: int) -> float:
    """P(|T| > t) for T of Student's t with `freedom` degrees of freedom."""
    return _incomplete_beta(freedom / 2, 0.5, freedom / (freedom + t * t))


def t_multiplier(sensitivity: float, freedom: int) -> float:
    """The t value whose two-sided tail equals that of `sensitivity` normal deviations."""
    tail = 2 * (1 - NormalDist().cdf(sensitivity))
    low, high = sensitivity, sensitivity
    while two_sided_tail(high, freedom) > tail:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if two_sided_tail(middle, freedom) > tail:
            low = middle
        else:
            high = middle
    return (low + high) / 2
