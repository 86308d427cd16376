-- PostgreSQL translation of infrastructure/warehouse/models/core/money_mean.sql (sha256
-- 4b7af8e48114). The dialects differ in: a DuckDB scalar macro (untyped) -> a PostgreSQL SQL
-- function with typed parameters; hugeint, `//` and `%` -> numeric, div() and mod(). The same
-- whole-centavo arithmetic, rounding half-even like the domain's Money (PostgreSQL's numeric
-- division is exact, but its round() and casts round half away from zero).
create function money_mean(total numeric, n numeric) returns numeric(18, 2)
language sql immutable parallel safe as $body$
select case
    when total is null or n is null or n = 0 then null
    else (sign(total) * (
        div(abs(total) * 100, n)
        + case
            when 2 * mod(abs(total) * 100, n) > n then 1
            when 2 * mod(abs(total) * 100, n) = n
                and mod(div(abs(total) * 100, n), 2) = 1 then 1
            else 0
        end
    ) / 100)::numeric(18, 2)
end
$body$
