"""Seeded random streams and hashed 32-hex ids, so chunks can be generated independently.

Every table part draws from its own PCG64 stream keyed by (seed, part, chunk): the output depends
only on the seed. Ids are a bijective hash of an entity's index, so any chunk can name any product,
seller or person without keeping the id strings in memory.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import polars as pl

_HEX_DIGITS = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


class Entity(IntEnum):
    """Kinds of ids; each kind hashes indices with its own salt."""

    ORDER = 1
    CUSTOMER = 2
    PERSON = 3
    PRODUCT = 4
    SELLER = 5
    REVIEW = 6
    SECOND_REVIEW = 7


def stream(seed: int, part: str, chunk: int = 0) -> np.random.Generator:
    """An independent generator for one part (e.g. "orders") and chunk of the dataset."""
    part_key = int.from_bytes(part.encode(), "little")
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, part_key, chunk])))


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a bijection on uint64 with good avalanche."""
    z = values.copy()
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z


def hex_ids(seed: int, entity: Entity, indices: np.ndarray) -> pl.Series:
    """32-char lowercase hex ids, unique per (seed, entity) and stable for an index."""
    salt = np.random.SeedSequence([seed, int(entity)]).generate_state(2, dtype=np.uint64)
    keys = indices.astype(np.uint64) + salt[0]
    high = _mix(keys)
    low = _mix(high ^ salt[1])
    raw = np.stack([high, low], axis=1).astype(">u8").view(np.uint8)
    nibbles = np.empty((len(indices), 32), dtype=np.uint8)
    nibbles[:, 0::2] = raw >> 4
    nibbles[:, 1::2] = raw & 15
    text = _HEX_DIGITS[nibbles].view("S32").ravel()
    return pl.Series(text, dtype=pl.Binary).cast(pl.String)


def pick(rng: np.random.Generator, eligible: np.ndarray, count: int) -> np.ndarray:
    """Indices of up to `count` distinct positions where `eligible` is true, at random."""
    candidates = np.flatnonzero(eligible)
    return rng.choice(candidates, size=min(count, len(candidates)), replace=False)


def sample(rng: np.random.Generator, weights: dict[int, int], size: int) -> np.ndarray:
    """Draw values from a {value: weight} distribution."""
    values = np.fromiter(weights, dtype=np.int64)
    probabilities = np.fromiter(weights.values(), dtype=np.float64)
    return rng.choice(values, size=size, p=probabilities / probabilities.sum())


def split_quota(total: int, weights: np.ndarray) -> np.ndarray:
    """Split `total` over parts in proportion to their weights, exactly and deterministically."""
    cumulative = np.concatenate([[0.0], np.cumsum(weights, dtype=np.float64)])
    bounds = np.round(total * cumulative / max(cumulative[-1], 1e-12)).astype(np.int64)
    return np.diff(bounds)
