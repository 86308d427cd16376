"""Entry point: write the nine Olist files for a scale and seed, to a folder or a zip.

Large tables stream to disk chunk by chunk; a zip is built from a temporary folder beside the
archive and holds the files in one nested folder (real Kaggle zips are flat: readers take both).
"""

from __future__ import annotations

import itertools
import math
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from infrastructure.disk_full import no_room
from infrastructure.generator.archive import write_archive
from infrastructure.generator.calibration import Scale
from infrastructure.generator.catalog import product_chunks, seller_frame
from infrastructure.generator.category_data import TRANSLATED
from infrastructure.generator.csv_writer import CsvTableWriter
from infrastructure.generator.geolocation import geolocation_chunks, rows_per_zip
from infrastructure.generator.order_chunk import World, order_chunk_frames
from infrastructure.generator.randomness import stream
from infrastructure.source.contract import (
    CATEGORY_TRANSLATION,
    CUSTOMERS,
    GEOLOCATION,
    ORDER_ITEMS,
    ORDER_PAYMENTS,
    ORDER_REVIEWS,
    ORDERS,
    PRODUCTS,
    SELLERS,
    SOURCE_FILES,
    SourceFile,
)

ARCHIVE_NAME = "brazilian-ecommerce.zip"
ARCHIVE_FOLDER = "brazilian-ecommerce"
DEFAULT_CHUNK_ORDERS = 100_000
_ORDER_FILES = (CUSTOMERS, ORDERS, ORDER_ITEMS, ORDER_PAYMENTS, ORDER_REVIEWS)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class GenerationSummary:
    """Where the dataset went (folder or zip), rows per contract table, and how long it took."""

    out: Path
    rows: dict[str, int]
    seconds: float


def generate(
    out_dir: Path,
    scale: float,
    seed: int,
    *,
    as_zip: bool = False,
    progress: Progress | None = None,
    chunk_orders: int = DEFAULT_CHUNK_ORDERS,
) -> GenerationSummary:
    """Write a synthetic Olist export of `scale` x the real size; same seed, same bytes.

    An `out_dir` named `*.zip` is the archive itself; otherwise, with `as_zip`, the files go to
    `out_dir/brazilian-ecommerce.zip` instead of `out_dir`.
    `chunk_orders` bounds memory; the output depends on it, so keep the default for a seed.
    """
    try:
        return _generate(out_dir, scale, seed, as_zip, progress, chunk_orders)
    except Exception as error:  # polars tells a full disk as a plain OSError, without the path
        full = no_room(error, out_dir, "the generated dataset")
        if full is not None:
            raise full from error
        raise


def _generate(
    out_dir: Path,
    scale: float,
    seed: int,
    as_zip: bool,
    progress: Progress | None,
    chunk_orders: int,
) -> GenerationSummary:
    started = time.perf_counter()
    size = Scale(scale)
    if chunk_orders < 1:
        raise ValueError(f"chunk_orders must be at least 1, got {chunk_orders}")
    report = progress or (lambda message: None)
    target = archive_target(out_dir, as_zip)
    if target is None:
        out_dir.mkdir(parents=True, exist_ok=True)
        rows = _write_files(out_dir, size, seed, chunk_orders, report)
        return GenerationSummary(out_dir, rows, time.perf_counter() - started)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".generating-") as staging:
        rows = _write_files(Path(staging), size, seed, chunk_orders, report)
        write_archive(target, ARCHIVE_FOLDER, (Path(staging) / f.file_name for f in SOURCE_FILES))
    report(f"{target.name}: {len(SOURCE_FILES)} files in {ARCHIVE_FOLDER}/")
    return GenerationSummary(target, rows, time.perf_counter() - started)


def archive_target(out: Path, as_zip: bool) -> Path | None:
    """The zip to write for `out`: `out` itself when named `*.zip`, `out/brazilian-ecommerce.zip`
    with `as_zip`; None for plain CSV files in the folder `out`."""
    if out.suffix.lower() == ".zip":
        return out
    return out / ARCHIVE_NAME if as_zip else None


def _write_files(
    folder: Path, scale: Scale, seed: int, chunk_orders: int, report: Progress
) -> dict[str, int]:
    world = World.build(seed, scale)
    rows: dict[str, int] = {}

    def write(source: SourceFile, frames: Iterator[pl.DataFrame]) -> None:
        with CsvTableWriter(folder / source.file_name, source) as writer:
            for frame in frames:
                writer.append(frame)
        rows[source.table] = writer.rows
        report(f"{source.file_name}: {writer.rows:,} rows")

    write(CATEGORY_TRANSLATION, iter([_translation_frame()]))
    write(SELLERS, iter([seller_frame(seed, world.catalog, world.zips)]))
    write(PRODUCTS, product_chunks(seed, world.catalog))
    geolocation_rows = rows_per_zip(stream(seed, "geolocation"), world.zips, scale)
    write(GEOLOCATION, geolocation_chunks(seed, world.zips, geolocation_rows, scale))
    rows.update(_write_order_files(folder, world, chunk_orders, report))
    return {source.table: rows[source.table] for source in SOURCE_FILES}


def _write_order_files(
    folder: Path, world: World, chunk_orders: int, report: Progress
) -> dict[str, int]:
    """Stream the five order-related files together, chunk by chunk of even size."""
    chunks = math.ceil(world.order_count / chunk_orders)
    bounds = np.linspace(0, world.order_count, chunks + 1).round().astype(np.int64)
    with ExitStack() as stack:
        writers = {
            source.table: stack.enter_context(CsvTableWriter(folder / source.file_name, source))
            for source in _ORDER_FILES
        }
        for chunk, (start, end) in enumerate(itertools.pairwise(bounds)):
            frames = order_chunk_frames(world, chunk, np.arange(start, end))
            for table, frame in frames.items():
                writers[table].append(frame)
            if chunks > 1:
                report(f"orders: {end:,} of {world.order_count:,}")
    for source in _ORDER_FILES:
        report(f"{source.file_name}: {writers[source.table].rows:,} rows")
    return {table: writer.rows for table, writer in writers.items()}


def _translation_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "product_category_name": [c.name for c in TRANSLATED],
            "product_category_name_english": [c.english for c in TRANSLATED],
        }
    )
