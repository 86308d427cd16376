-- Set one key of a warehouse file's stamp (a restored copy takes its new run's id).
INSERT OR REPLACE INTO workbench_snapshot VALUES ($key, $value)
