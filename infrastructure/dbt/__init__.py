"""The warehouse as a dbt project: the builder's own model files, run by dbt-duckdb ([dbt])."""

from infrastructure.dbt.project import DbtProject, DbtProjectError, write_dbt_project

__all__ = ["DbtProject", "DbtProjectError", "write_dbt_project"]
