"""The warehouse pipeline as Dagster definitions: `dagster dev -m workbench.orchestration`.

Needs the `dagster` extra (pip install '.[dagster]'). The settings are the workbench's own
(WORKBENCH_* variables, the config file), so Dagster's runs use the same warehouse and
metadata store as `workbench ingest` and the TUI.
"""

from workbench.orchestration.definitions import build_definitions
from workbench.orchestration.resource import WorkbenchResource

defs = build_definitions(WorkbenchResource())
