-- The SQL console's catalogue: DuckDB's own keywords for completion (reserved ones, the
-- type/function names such as JOIN and ILIKE, and a few unreserved ones written every day).
SELECT keyword_name AS name, keyword_category AS category
FROM duckdb_keywords()
WHERE keyword_category IN ('reserved', 'type_function')
    OR keyword_name IN ('over', 'partition', 'rows', 'range', 'nulls', 'first', 'last',
        'explain', 'replace', 'exclude', 'filter', 'within', 'preceding', 'following',
        'unbounded', 'current', 'interval', 'exists', 'between', 'coalesce', 'values')
ORDER BY name;
