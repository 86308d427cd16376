"""Review rows of a chunk of orders: scores follow how the delivery went.

The survey goes out on delivery (or on the estimated date when nothing arrived), so creation
dates are midnights. Some orders get a second review; some rows reuse another order's review
(same review_id, score and text), as in the real file.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from infrastructure.generator import calibration
from infrastructure.generator.order_plan import Mark, OrderPlan
from infrastructure.generator.randomness import Entity, hex_ids
from infrastructure.generator.review_texts import review_comments
from infrastructure.generator.timeline import DAY, NAT, Timeline, day_of

_DAYS_AFTER_DELIVERY = {0: 15, 1: 60, 2: 15, 3: 5, 5: 3, 7: 2}
_SECOND_REVIEW_DAYS = (1, 30)


def _scores(rng: np.random.Generator, delivered: np.ndarray, late: np.ndarray) -> np.ndarray:
    uniform = rng.random(len(delivered))
    cumulative = np.cumsum(
        np.select(
            [late[:, None], delivered[:, None]],
            [np.array([calibration.REVIEW_SCORES_LATE]),
             np.array([calibration.REVIEW_SCORES_ON_TIME])],
            default=np.array([calibration.REVIEW_SCORES_UNDELIVERED]),
        ),
        axis=1,
    )  # fmt: skip
    scores: np.ndarray = 1 + np.minimum((uniform[:, None] > cumulative).sum(axis=1), 4)
    return scores


def _reviews(
    seed: int,
    rng: np.random.Generator,
    entity: Entity,
    orders: np.ndarray,
    score: np.ndarray,
    created: np.ndarray,
) -> pl.DataFrame:
    title, message = review_comments(rng, score)
    answered = created + rng.lognormal(np.log(1.2 * DAY), 1.0, len(orders)).astype(np.int64)
    return pl.DataFrame(
        {
            "review_id": hex_ids(seed, entity, orders),
            "order_id": hex_ids(seed, Entity.ORDER, orders),
            "review_score": score,
            "review_comment_title": title,
            "review_comment_message": message,
            "review_creation_date": created,
            "review_answer_timestamp": answered,
        }
    )


def review_frame(
    seed: int, rng: np.random.Generator, plan: OrderPlan, orders: np.ndarray, timeline: Timeline
) -> pl.DataFrame:
    """Review rows of `orders`, shuffled."""
    reviewed = ~plan.has(orders, Mark.UNREVIEWED)
    delivered = timeline.delivered != NAT
    score = _scores(rng, delivered, timeline.late)
    waits = np.fromiter(_DAYS_AFTER_DELIVERY.values(), dtype=np.float64)
    wait = rng.choice(list(_DAYS_AFTER_DELIVERY), len(orders), p=waits / waits.sum())
    created = np.where(
        delivered,
        day_of(timeline.delivered) + wait * DAY,
        timeline.estimated + rng.integers(0, 4, len(orders)) * DAY,
    )
    first = _reviews(seed, rng, Entity.REVIEW, orders[reviewed], score[reviewed], created[reviewed])

    shared = plan.has(orders[reviewed], Mark.SHARED_REVIEW)
    if shared.all():  # a chunk too small to hold another order's review to share
        shared[:] = False
    donors = np.flatnonzero(~shared)
    source = np.arange(len(first))
    source[shared] = rng.choice(donors, int(shared.sum()))
    first = first.drop("order_id").select(pl.all().gather(source))
    first = first.insert_column(1, hex_ids(seed, Entity.ORDER, orders[reviewed]).alias("order_id"))

    twice = plan.has(orders, Mark.TWO_REVIEWS)
    later = rng.integers(*_SECOND_REVIEW_DAYS, int(twice.sum())) * DAY
    second_score = _scores(rng, delivered[twice], timeline.late[twice])
    second = _reviews(
        seed, rng, Entity.SECOND_REVIEW, orders[twice], second_score, created[twice] + later
    )
    rows = pl.concat([first, second])
    return rows.select(pl.all().gather(rng.permutation(rows.height)))
