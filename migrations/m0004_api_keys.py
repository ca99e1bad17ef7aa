"""Migration 0004: API keys (records are created by `claimtrack keys create`)."""

from __future__ import annotations

import redis

DESCRIPTION = "API keys with scopes, stored hashed"


def apply(conn: redis.Redis) -> None:
    """Nothing to convert: key records are created on demand."""
    del conn
