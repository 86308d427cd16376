-- The stamp the builder wrote into a warehouse file: which run built it, for which warehouse.
SELECT key, value FROM workbench_snapshot
