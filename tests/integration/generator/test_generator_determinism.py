"""Same seed, same bytes; another seed, another dataset; bad scales are refused clearly."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from infrastructure.generator import GenerationSummary, generate
from infrastructure.source.contract import SOURCE_FILES


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {s.file_name: (folder / s.file_name).read_bytes() for s in SOURCE_FILES}


def test_same_seed_gives_identical_files(small_dataset: GenerationSummary, tmp_path: Path):
    again = generate(tmp_path, 0.01, 20_240_521)
    assert file_bytes(again.out) == file_bytes(small_dataset.out)
    assert again.rows == small_dataset.rows


def test_another_seed_gives_another_dataset(small_dataset: GenerationSummary, tmp_path: Path):
    other = file_bytes(generate(tmp_path, 0.01, 1).out)
    mine = file_bytes(small_dataset.out)
    changed = {name for name in mine if other[name] != mine[name]}
    assert changed == set(mine) - {"product_category_name_translation.csv"}


def test_summary_counts_rows_per_contract_table(small_dataset: GenerationSummary):
    assert set(small_dataset.rows) == {s.table for s in SOURCE_FILES}
    for source in SOURCE_FILES:
        path = small_dataset.out / source.file_name
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = sum(1 for _ in csv.reader(handle)) - 1
        assert small_dataset.rows[source.table] == records, source.table
    assert small_dataset.rows["category_translation"] == 71
    assert small_dataset.rows["customers"] == small_dataset.rows["orders"]
    assert small_dataset.seconds > 0


def test_progress_reports_each_file(tmp_path: Path):
    messages: list[str] = []
    generate(tmp_path, 0.001, 3, progress=messages.append)
    for source in SOURCE_FILES:
        assert any(m.startswith(source.file_name) for m in messages), source.file_name


@pytest.mark.parametrize("scale", [0, -1, math.nan, math.inf])
def test_a_scale_that_is_not_positive_is_refused(tmp_path: Path, scale: float):
    with pytest.raises(ValueError, match="scale must be a positive number"):
        generate(tmp_path / "out", scale, 1)
    assert not (tmp_path / "out").exists()
