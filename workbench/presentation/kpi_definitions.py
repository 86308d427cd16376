"""What each KPI means, (`d` on the KPI screen, `workbench kpis --definitions`)."""

from __future__ import annotations

from domain.services.seller_health import SellerHealth
from workbench.application.kpis import TREND_MONTHS

DEFINITIONS = """\
## KPI definitions

The figures are computed from the warehouse's order facts (`fct_orders`, `fct_order_items`)
through the `kpi_orders(...)` and `kpi_items(...)` macros stored in the warehouse, so every view
and chart applies the same filters and the same fixed definitions. The executive tiles and series
(`kpi_periods(...)`) add up daily rollups the warehouse builds from the same orders (per purchase
day, customer state and set of categories; `mart_kpi_daily`): the same figures, exact, whatever
the number of orders.

| KPI | definition |
|---|---|
| **GMV** | items price + freight of the orders not canceled or unavailable, by purchase day |
| **Orders** | orders purchased in the period, whatever their status |
| **AOV** | GMV ÷ the orders counted in GMV |
| **Customers** | distinct people (`customer_unique_id`) with an order in the period |
| **New customers** | people whose first order ever is among the period's orders |
| **Mean review** | mean over orders of the review score per order (= mean of its reviews) |
| **Late deliveries** | late ÷ delivered orders with a delivery date (late: below) |
| **Not fulfilled** | (canceled + unavailable orders) ÷ orders, with the split (below) |
| **Delivery days** | delivered − purchase time in fractional days |
| **Change** | versus the period of equal length just before (money, counts in %; rates in points) |

**Late** is a delivered order's property: a delivered order whose delivered day is after its
estimated day. Orders of other statuses are never late, whatever dates they hold.

**Not fulfilled** = canceled + unavailable orders, every order that does not count as a sale.
It is shown with its split wherever it is counted: the tile's drill-down says how many are
canceled and how many unavailable, the Sellers table has both counts. `kpi_monthly` keeps
`canceled_rate` (canceled only) next to `not_fulfilled_rate`.

**Payment mismatch** (`fct_orders.payment_mismatch`, the quality rule and the domain share one
definition): an order with items and payments whose payments differ from items price + freight by
more than R$ 0.01. Orders without items or without payments are not mismatches: they carry their
own flags, `has_no_items` and `has_no_payments`.

**RFM** (Segments) is measured as of the latest purchase that counts as a sale (not canceled or
unavailable), never today and never a later canceled order.

**Filters.** Date range: purchase day, both ends included. State: the customer's state on the
order (UF). Category: as shown in Categories (English name; untranslated categories keep their
Portuguese name; products without one are `(no category)`). With a category, an order counts
when it holds an item of it, and its value is that of those items only, so category GMVs add up
to the total.

**Categories** and **Sellers** count revenue (items price) over orders that count as sales;
Sellers count not fulfilled orders (with the split, canceled and unavailable), deliveries and
reviews over every order they took part in.
**Cohorts** group people by the month of their first order ever (when it passes the filters) and
count their later orders that pass the state and category filters, at any date. In the grid,
m1..m12 is the share of the cohort ordering again that many months later: 0 % when the data
reaches that month and nobody came back, empty (`·` on screen, null in csv/json/md exports) when
the data does not reach it yet; `months_observable` says how many months after the cohort the
data reaches, so an empty cell is never ambiguous.
The Sellers view lists sellers with at least 10 orders placed (`all_orders`: canceled and
unavailable ones count; `orders` counts sales) under the filters by default (`m` on the
screen, `--min-orders N` in `workbench kpis`); exports of every table keep every seller.

**Seller health.** {health}

**Products** (`o`). *ABC / Pareto*: categories, and products, ranked by GMV (items price +
freight of the sale orders under the filters, ties by name or id); a member is **A** while the
GMV of those ranked before it is under **80 %** of the total (so the one crossing 80 % is A),
**B** under **95 %**, **C** after. `kpi_abc_summary` gives each class's cut-off, members and GMV
share. *Price bands*: sale items by unit price (under R$ 25, 25-50, 50-100, 100-200, 200-500,
500-1000, 1000 and more; lower bound included); an order counts once per band for its mean
review and late rate. *Review vs delay*: orders delivered with a date by whole days between the
estimated and the delivered day (negative = early), mean review and share of reviews of 1-2.
*Freight share*: freight ÷ (price + freight) of the sale items by product weight band and
category, `(all categories)` first in each band.

**Customers** (`n`). The people **acquired** under the filters: their first order ever passes
them (as in Cohorts). What they bought afterwards counts at any date under the state and
category filters. *Repeat-purchase rate*: the share of them with a later sale order (not
canceled or unavailable). *Days to the second order*: whole days from the first order to that
later sale. *New vs returning*: GMV of the filtered sale orders per month, from orders that are
their customer's first ever (new) or not (returning). *Lifetime GMV* (LTV): the value of a
person's sale orders; by acquisition month and by RFM segment (`(not scored)`: no scored sale).

**Geography** (`a`). Points are the zip-prefix centroids of `dim_geography` (mean of the
geolocation points inside Brazil) where the filtered orders' customers, or the sellers taking
part in them, live; prefixes without coordinates are not drawn. Colours: the states' quintiles
of the chosen measure (GMV, orders, mean delivery days, late rate, freight share of the sale
value), by the customer's state (customers, both) or the seller's (sellers: an order counts once
per seller state, with its items of that state). *Per area*: GMV or orders summed over the
points falling in one map cell, cells coloured by quintile (the cell is the area: it grows as
the map shrinks or zooms out). The projection keeps Brazil's shape:
longitudes are scaled by the cosine of the middle latitude.

**Sellers, last 90 days.** Next to each seller's all-time health, the same formula over the
orders purchased in the last 90 days of the data (up to the filters' end, or the last purchase
day): `health_90d`, and `health_trend` = `health_90d` − `health_score`. Declining sellers
(trend below −5 points) are listed first, worst trend first.
*Health per month*: the same formula over each seller's orders of each calendar month of the
last {months} months of the period (the first and last month cut to it), in
`kpi_seller_health_months`; the chart draws the median of the listed declining sellers' monthly
health against the other listed sellers'.
"""


def definitions(health: SellerHealth) -> str:
    """The definitions as Markdown, with the seller health formula in use."""
    return DEFINITIONS.format(health=health.formula(), months=TREND_MONTHS)
