"""What each KPI means, (`d` on the KPI screen, `workbench kpis --definitions`)."""

from __future__ import annotations

from domain.services.seller_health import SellerHealth

DEFINITIONS = """\
## KPI definitions

The figures are computed from the warehouse's order facts (`fct_orders`, `fct_order_items`)
through the `kpi_orders(...)` and `kpi_items(...)` macros stored in the warehouse, so every view
and chart applies the same filters and the same fixed definitions.

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
The Sellers view lists sellers with at least 10 orders under the filters by default (`m` on the
screen, `--min-orders N` in `workbench kpis`); exports of every table keep every seller.

**Seller health.** {health}
"""


def definitions(health: SellerHealth) -> str:
    """The definitions as Markdown, with the seller health formula in use."""
    return DEFINITIONS.format(health=health.formula())
