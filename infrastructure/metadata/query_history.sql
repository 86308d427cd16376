-- The SQL console's history and saved queries (both dialects; $name parameters).

-- name: record_query
INSERT INTO query_history
    (sql_text, ran_at, ran_by, duration_ms, row_count, error, warehouse_id)
VALUES ($sql_text, $ran_at, $ran_by, $duration_ms, $row_count, $error, $warehouse_id)
RETURNING query_id;

-- name: search_queries
SELECT query_id, sql_text, ran_at, ran_by, duration_ms, row_count, error, warehouse_id
FROM query_history
WHERE ($warehouse_id = '' OR warehouse_id = $warehouse_id)
    AND lower(sql_text) LIKE '%' || lower($text) || '%'
ORDER BY query_id DESC
LIMIT $limit;

-- name: save_query
INSERT INTO saved_queries (name, sql_text, saved_by, saved_at)
VALUES ($name, $sql_text, $saved_by, $saved_at)
ON CONFLICT (name) DO UPDATE SET
    sql_text = excluded.sql_text, saved_by = excluded.saved_by, saved_at = excluded.saved_at;

-- name: list_saved_queries
SELECT name, sql_text, saved_by, saved_at FROM saved_queries ORDER BY name;

-- name: delete_saved_query
DELETE FROM saved_queries WHERE name = $name RETURNING name;
