"""Migration 0002: fact-check store (ClaimReview records, vectors, indexing log; see claimtrack/keys.py)."""

from __future__ import annotations

import uuid

import redis

from claimtrack import keys

DESCRIPTION = "fact-checks: ClaimReview records, pending set, vectors, indexing log, cache epoch"


def apply(conn: redis.Redis) -> None:
    """Write the cache epoch token; the other fact-check keys are created lazily."""
    conn.set(keys.factchecks_epoch(), uuid.uuid4().hex, nx=True)
