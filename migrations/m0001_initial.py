"""Migration 0001: the initial key layout (documented in claimtrack/keys.py)."""

from __future__ import annotations

import redis

DESCRIPTION = "initial layout: articles, statements, speakers, vectors, links"


def apply(conn: redis.Redis) -> None:
    """Nothing to move: layout 1 is created lazily; the runner records the version key."""
    del conn
