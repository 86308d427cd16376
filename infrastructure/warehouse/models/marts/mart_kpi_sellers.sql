-- One row per seller taking part in any order: kpi_sellers without filters (the figures of
-- kpi_seller_measures, then the seller's id and state), kept at build so that the Sellers view's
-- all-time scorecard without filters (its first answer) and mart_seller_scorecard read them
-- instead of grouping every item, and kpi_sellers names its sellers from here. seller_key is an
-- integer every item's seller has: dim_seller's, or for a seller id missing from it (an orphan,
-- reported by the quality gate, its figures kept) one after dim_seller's, without a state.
-- Money is DECIMAL(18, 2), as in every table (the macro sums in DECIMAL(38, 2)).
-- depends_on: {{ ref('kpi_seller_measures') }}
with named as (
    select
        seller_key,
        any_value(seller_id) as seller_id,
        any_value(seller_state) as seller_state
    from {{ ref('mart_kpi_items') }}
    group by seller_key
)

select
    named.seller_id,
    named.seller_state,
    measured.* exclude (seller_key) replace (
        measured.revenue::decimal(18, 2) as revenue,
        measured.freight_value::decimal(18, 2) as freight_value
    ),
    measured.seller_key
from kpi_seller_measures(null, null, null, null) as measured
join named on named.seller_key = measured.seller_key
order by measured.seller_key
