"""Bad input through `workbench ingest`: one clear line, exit 2, published warehouse untouched."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from domain.entities.ingestion_run import RunStatus
from workbench.application.config import load_settings
from workbench.cli import main
from workbench.container import build_container

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
ITEMS = "olist_order_items_dataset.csv"
ORDERS = "olist_orders_dataset.csv"
CUSTOMERS = "olist_customers_dataset.csv"
PAYMENTS = "olist_order_payments_dataset.csv"


def edit_line(folder: Path, name: str, line: int, old: bytes, new: bytes) -> None:
    path = folder / name
    lines = path.read_bytes().split(b"\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_bytes(b"\n".join(lines))


def missing_file(src: Path) -> Path:
    (src / ORDERS).unlink()
    return src


def renamed_column(src: Path) -> Path:
    edit_line(src, ITEMS, 1, b',"price",', b',"item_price",')
    return src


def wrong_delimiter(src: Path) -> Path:
    path = src / PAYMENTS
    path.write_bytes(path.read_bytes().replace(b",", b";"))
    return src


def latin1(src: Path) -> Path:
    edit_line(src, CUSTOMERS, 4, b"rio de janeiro", "São Paulo".encode("latin-1"))
    return src


def bad_decimal(src: Path) -> Path:
    edit_line(src, ITEMS, 6, b",45.90,", b',"45,90",')
    return src


def bad_timestamp(src: Path) -> Path:
    edit_line(src, ORDERS, 5, b"2017-01-20 14:00:00", b"20/01/2017 14:00")
    return src


def empty_file(src: Path) -> Path:
    (src / "olist_sellers_dataset.csv").write_bytes(b"")
    return src


def truncated_last_line(src: Path) -> Path:
    path = src / ORDERS
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"invoiced") + len(b"invoiced")])
    return src


def unsafe_zip(entry: str) -> Callable[[Path], Path]:
    def make(src: Path) -> Path:
        archive = src.parent / "evil.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            for csv in src.glob("*.csv"):
                zf.write(csv, csv.name)
            zf.writestr(zipfile.ZipInfo(entry), b"x\n")
        return archive

    return make


CASES = {
    "missing-file": (missing_file, [ORDERS, "missing 1 of the 9"]),
    "renamed-column": (renamed_column, [ITEMS, "line 1", "price", "item_price"]),
    "wrong-delimiter": (wrong_delimiter, [PAYMENTS, "';'"]),
    "latin-1": (latin1, [CUSTOMERS, "line 4", "customer_city", "UTF-8"]),
    "bad-decimal": (bad_decimal, [ITEMS, "line 6", "column price", "'45,90'"]),
    "bad-timestamp": (
        bad_timestamp,
        [ORDERS, "line 5", "order_purchase_timestamp", "'20/01/2017 14:00'"],
    ),
    "empty-file": (empty_file, ["olist_sellers_dataset.csv is empty"]),
    "truncated-line": (truncated_last_line, [ORDERS, "line 16", "expected 8"]),
    "zip-absolute-path": (unsafe_zip("/etc/evil.csv"), ["unsafe path", "/etc/evil.csv"]),
    "zip-parent-path": (unsafe_zip("../evil.csv"), ["unsafe path", "../evil.csv"]),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the fixture already published once."""
    data_dir = tmp_path_factory.mktemp("data")
    assert main(["ingest", str(FIXTURE), "--data-dir", str(data_dir)]) == 0
    return data_dir


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_one_clear_line_and_changes_nothing_published(
    case: str, published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corrupt, expected = CASES[case]
    source = corrupt(Path(shutil.copytree(FIXTURE, tmp_path / "src")))
    warehouse = published / "warehouse.duckdb"
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    capsys.readouterr()

    code = main(["ingest", str(source), "--data-dir", str(published)])

    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    failure_line = err.strip().splitlines()[-1]
    for fragment in expected:
        assert fragment in failure_line
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
    container = build_container(load_settings({"data_dir": published}, env={}))
    try:
        latest = container.run_history().latest()
        assert latest is not None and latest.status is RunStatus.FAILED
        assert expected[0] in latest.error
        published_run = container.run_history().latest_published()
        assert published_run is not None and published_run.run_id == 1
    finally:
        container.shutdown_resources()
