"""Ordinary least squares in pure Python: solve the normal equations (XᵀX)β = Xᵀy."""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import CalibrationFailed

# A pivot this small relative to the largest entry means the columns are (nearly) dependent.
SINGULAR_TOLERANCE = 1e-10


def fit_least_squares(rows: Sequence[Sequence[float]], targets: Sequence[float]) -> list[float]:
    """Coefficients minimising the squared error of `rows · β` against `targets`.

    Columns are scaled to a largest absolute value of 1 before solving, for conditioning.
    """
    width = len(rows[0])
    scales = [max(abs(row[j]) for row in rows) or 1.0 for j in range(width)]
    scaled = [[row[j] / scales[j] for j in range(width)] for row in rows]
    gram = [[sum(row[i] * row[j] for row in scaled) for j in range(width)] for i in range(width)]
    moments = [
        sum(row[i] * y for row, y in zip(scaled, targets, strict=True)) for i in range(width)
    ]
    solution = solve_linear_system(gram, moments)
    return [coefficient / scale for coefficient, scale in zip(solution, scales, strict=True)]


def solve_linear_system(matrix: Sequence[Sequence[float]], vector: Sequence[float]) -> list[float]:
    """x with `matrix · x = vector`, by Gaussian elimination with partial pivoting."""
    size = len(vector)
    augmented = [[*matrix[i], vector[i]] for i in range(size)]
    largest = max((abs(value) for row in matrix for value in row), default=0.0)
    for column in range(size):
        pivot = max(range(column, size), key=lambda row: abs(augmented[row][column]))
        if abs(augmented[pivot][column]) <= SINGULAR_TOLERANCE * largest:
            raise CalibrationFailed("the samples' features are linearly dependent: vary them more")
        augmented[column], augmented[pivot] = augmented[pivot], augmented[column]
        for row in range(column + 1, size):
            factor = augmented[row][column] / augmented[column][column]
            for k in range(column, size + 1):
                augmented[row][k] -= factor * augmented[column][k]
    solution = [0.0] * size
    for row in reversed(range(size)):
        known = sum(augmented[row][k] * solution[k] for k in range(row + 1, size))
        solution[row] = (augmented[row][size] - known) / augmented[row][row]
    return solution
