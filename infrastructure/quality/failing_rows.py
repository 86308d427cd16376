"""The rows behind a rule's failures in the published warehouse, for the Quality drill-down."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import RuleCheckFailed
from domain.errors import WarehouseNotPublished
from domain.repositories.metadata_store import MetadataStore, QualityRuleRecord
from infrastructure.quality.compiler import compile_rule
from infrastructure.quality.connection import checking_connection, read_catalogue
from infrastructure.quality.context import context_for_run


class PublishedFailingRows:
    def __init__(self, store: MetadataStore, warehouse_path: Path) -> None:
        self._store = store
        self._path = warehouse_path

    def __call__(self, rule: QualityRuleRecord, limit: int) -> pl.DataFrame:
        """Up to `limit` failing rows of `rule`, with its keys and the values it checks."""
        published = self._store.latest_run(RunStatus.SUCCEEDED)
        if published is None or not self._path.exists():
            raise WarehouseNotPublished(
                f"No warehouse published at {self._path} yet: ingest a dataset first."
            )
        context = context_for_run(self._store, published.run_id)
        try:
            with checking_connection(self._path) as con:
                sql, params = compile_rule(rule, read_catalogue(con), context).rows(limit)
                frame: pl.DataFrame = con.sql(sql, params=params).pl()
        except duckdb.Error as error:
            reason = str(error).strip().splitlines()[0]
            raise RuleCheckFailed(f"{rule.rule_id} cannot list its rows: {reason}") from None
        return frame
