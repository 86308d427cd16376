"""Helpers of the operations tests: the CLI run in-process on the small fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], data: Path) -> None:
        self._capsys = capsys
        self.data = data

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self._capsys.readouterr()
        code = main(["--data-dir", str(self.data), *args])
        out, err = self._capsys.readouterr()
        return code, out, err


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys, tmp_path / "data")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "source"
    shutil.copytree(FIXTURE, folder)
    return folder


def drop_reviews(source: Path) -> None:
    """Lose 3 of the fixture's 13 reviews: reviews.volume (error) flips from pass to fail."""
    reviews = source / "olist_order_reviews_dataset.csv"
    lines = reviews.read_bytes().split(b"\n")
    reviews.write_bytes(b"\n".join(lines[:1] + lines[4:]))
