"""`workbench shipping-fit` calibrates the freight model on the published warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import main
from workbench.container import Container


def test_shipping_fit_prints_the_model_and_its_fit(
    published: Container, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(published.settings().data_dir)
    assert main(["--data-dir", data_dir, "shipping-fit", "--sample", "10"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("freight ≈ ")
    assert "R² " in printed and "mean absolute error R$ " in printed
    assert "over 10 items" in printed


def test_shipping_fit_without_a_warehouse_or_with_a_bad_sample_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "shipping-fit"]) == 2
    assert "ingest a dataset first" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "shipping-fit", "--sample", "0"]) == 2
    assert "--sample must be from 1 to" in capsys.readouterr().err
