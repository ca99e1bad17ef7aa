"""The one way to open a Redis connection (bytes in, bytes out; the store decodes)."""

from __future__ import annotations

import redis


def connect(url: str) -> redis.Redis:
    """Open a client for `url` with sane timeouts and retry on transient errors."""
    return redis.Redis.from_url(
        url,
        decode_responses=False,
        socket_connect_timeout=5,
        socket_timeout=30,
        health_check_interval=30,
        retry_on_timeout=True,
    )
