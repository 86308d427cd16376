-- money_mean(total, n): a money total (centavos, 2 decimals) shared over a count n >= 1 (orders,
-- items), rounded half-even to the centavo like the domain's Money; NULL when n is 0 or NULL.
-- Worked on whole centavos, because DuckDB divides DECIMALs as DOUBLE: a mean of exactly half a
-- centavo (70.945) came out on either side (22 rows at scale 1, found comparing with PostgreSQL).
case
    when total is null or n is null or n = 0 then null
    else
        (case when total < 0 then -1 else 1 end * (
            (abs(total)::decimal(38, 2) * 100)::hugeint // n
            + case
                when 2 * ((abs(total)::decimal(38, 2) * 100)::hugeint % n) > n then 1
                when 2 * ((abs(total)::decimal(38, 2) * 100)::hugeint % n) = n
                    and ((abs(total)::decimal(38, 2) * 100)::hugeint // n) % 2 = 1 then 1
                else 0
            end
        ))::decimal(38, 0) * 0.01
end::decimal(18, 2)
