"""Say how a run's source columns differ from the last published run's, for a refused input."""

from __future__ import annotations

from collections.abc import Sequence

from domain.entities.ingestion_run import RunStatus
from domain.entities.monitor import SourceColumn, schema_changes
from domain.errors import SourceRejected
from domain.repositories.metadata_store import MetadataStore
from domain.repositories.run_profiles import RunProfiles


def drift_since_published(
    store: MetadataStore,
    profiles: RunProfiles,
    run_id: int,
    columns: Sequence[SourceColumn],
    rejected: SourceRejected,
) -> str:
    """'Against run #N (the last published): <changes>.', or '' when nothing changed or there
    is nothing to compare with. The column `rejected` names a value of is not said to be
    retyped: a value the contract cannot read makes the sample read the column as text
    (TIMESTAMP -> VARCHAR), which the rejection says already, with the value."""
    previous = store.previous_run(run_id, RunStatus.SUCCEEDED)
    if previous is None:
        return ""
    changes = [
        change
        for change in schema_changes(profiles.source_columns(previous.run_id), tuple(columns))
        if not (
            change.change == "retyped"
            and (change.file_name, change.column) == (rejected.file_name, rejected.column)
        )
    ]
    if not changes:
        return ""
    told = "; ".join(str(change) for change in changes)
    return f"Against run #{previous.run_id} (the last published): {told}."
