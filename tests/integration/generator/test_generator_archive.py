"""Zip output: the nine files nested in one folder, same bytes as the folder output."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from infrastructure.generator import GenerationSummary, generate
from infrastructure.source.contract import SOURCE_FILES


def test_zip_nests_the_nine_files_in_one_folder(small_dataset: GenerationSummary, tmp_path: Path):
    summary = generate(tmp_path, 0.01, 20_240_521, as_zip=True)
    assert summary.out == tmp_path / "brazilian-ecommerce.zip"
    assert summary.rows == small_dataset.rows
    assert [p.name for p in tmp_path.iterdir()] == ["brazilian-ecommerce.zip"]
    with zipfile.ZipFile(summary.out) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == sorted(
            f"brazilian-ecommerce/{s.file_name}" for s in SOURCE_FILES
        )
        for source in SOURCE_FILES:
            packed = archive.read(f"brazilian-ecommerce/{source.file_name}")
            assert packed == (small_dataset.out / source.file_name).read_bytes()
        orders = archive.read("brazilian-ecommerce/olist_orders_dataset.csv").decode()
    rows = list(csv.reader(io.StringIO(orders, newline="")))
    assert len(rows) - 1 == summary.rows["orders"]


def test_same_seed_gives_the_same_zip(tmp_path: Path):
    first = generate(tmp_path / "a", 0.002, 5, as_zip=True).out.read_bytes()
    second = generate(tmp_path / "b", 0.002, 5, as_zip=True).out.read_bytes()
    assert first == second


def test_an_out_path_ending_in_zip_is_the_archive_itself(tmp_path: Path):
    for as_zip in (True, False):
        target = tmp_path / f"zipped-{as_zip}" / "demo.zip"
        summary = generate(target, 0.002, 5, as_zip=as_zip)
        assert summary.out == target
        assert target.is_file() and zipfile.is_zipfile(target)
        assert [p.name for p in target.parent.iterdir()] == ["demo.zip"], "no staging left"
