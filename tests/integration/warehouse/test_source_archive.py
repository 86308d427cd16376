"""Zip sources: nested folder accepted, unsafe paths and bombs refused, temp files cleaned up."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from infrastructure.source import ArchiveLimits, SourceError, open_source

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
CSV_FILES = sorted(FIXTURE.glob("*.csv"))


def make_zip(path: Path, folder: str = "", extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for csv in CSV_FILES:
            zf.write(csv, f"{folder}{csv.name}")
        for name, data in (extra or {}).items():
            zf.writestr(zipfile.ZipInfo(name), data)
    return path


@pytest.mark.parametrize("folder", ["", "olist/"])
def test_zip_flat_or_in_one_folder_matches_the_directory(tmp_path: Path, folder: str) -> None:
    archive = make_zip(tmp_path / "olist.zip", folder)
    with open_source(FIXTURE) as from_dir:
        expected = from_dir.fingerprint
    with open_source(archive) as from_zip:
        from_zip.validate()
        extracted = from_zip.path("orders")
        assert extracted.read_bytes() == (FIXTURE / "olist_orders_dataset.csv").read_bytes()
        assert from_zip.fingerprint == expected
    assert not extracted.exists(), "the extraction folder is removed on exit"


def test_nested_folder_in_a_directory(tmp_path: Path) -> None:
    nested = tmp_path / "download" / "olist"
    nested.mkdir(parents=True)
    for csv in CSV_FILES:
        (nested / csv.name).write_bytes(csv.read_bytes())
    with open_source(tmp_path / "download") as source:
        assert source.path("sellers").parent == nested


@pytest.mark.parametrize("unsafe", ["/etc/olist_orders_dataset.csv", "../olist_orders_dataset.csv"])
def test_unsafe_paths_are_refused(tmp_path: Path, unsafe: str) -> None:
    archive = make_zip(tmp_path / "evil.zip", extra={unsafe: b"order_id\n"})
    with pytest.raises(SourceError) as caught, open_source(archive):
        pass
    assert "unsafe path" in str(caught.value) and unsafe in str(caught.value)
    assert caught.value.value == unsafe


def test_oversized_entry_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "olist.zip")
    limits = ArchiveLimits(max_entry_bytes=1_000)
    with pytest.raises(SourceError, match="possible zip bomb"), open_source(archive, limits=limits):
        pass


def test_compression_bomb_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for csv in CSV_FILES:
            data = csv.read_bytes()
            if csv.name == "olist_geolocation_dataset.csv":
                data += b" " * (8 << 20)
            zf.writestr(csv.name, data)
    with pytest.raises(SourceError, match=r"compressed \d+:1"), open_source(archive):
        pass


def test_missing_file_in_zip(tmp_path: Path) -> None:
    archive = tmp_path / "partial.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for csv in CSV_FILES[:-1]:
            zf.write(csv, csv.name)
    with pytest.raises(SourceError, match=CSV_FILES[-1].name), open_source(archive):
        pass


def test_corrupt_zip(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "olist.zip")
    archive.write_bytes(archive.read_bytes()[:-200])
    with (
        pytest.raises(SourceError, match="not a readable zip archive"),
        open_source(archive),
    ):
        pass
