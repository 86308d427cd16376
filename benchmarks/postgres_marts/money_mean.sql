-- money_mean(total, n) of infrastructure/warehouse/models/core/money_mean.sql as a PostgreSQL
-- function: the same whole-centavo arithmetic, rounding half-even like the domain's Money
-- (PostgreSQL's numeric division is exact, but its round() and casts round half away from zero).
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
