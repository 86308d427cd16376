"""When a purchase can have happened: the moments an export's purchase dates may plausibly hold.

Olist's marketplace made its first sales in 2016, and no purchase can come after the export was
taken: after the latest thing it records as having happened (an approval, a hand-over to the
carrier, a delivery, a review written or answered), give or take a tolerance for the orders
placed since. Promised dates (estimated deliveries, shipping limits) are no such record.
A purchase date outside is a quality finding and never the RFM as-of moment.
"""

from __future__ import annotations

from datetime import date

EARLIEST_PURCHASE = date(2016, 1, 1)
DEFAULT_TOLERANCE_DAYS = 30
