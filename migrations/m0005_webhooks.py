"""Migration 0005: webhook subscriptions, their delivery logs and outgoing messages."""

from __future__ import annotations

import redis

DESCRIPTION = "webhook subscriptions per API key, delivery logs, outgoing messages"


def apply(conn: redis.Redis) -> None:
    """Nothing to convert: subscriptions are created through the API."""
    del conn
