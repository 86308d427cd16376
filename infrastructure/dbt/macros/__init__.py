"""dbt macros of the dbt project (macro-paths point here): Jinja, not Python."""
