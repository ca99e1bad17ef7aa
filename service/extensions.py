"""Per-app resources (Redis client, queue), attached in the factory and looked up per request."""

from __future__ import annotations

import redis
from flask import Flask, current_app
from rq import Queue

from claimtrack.config import Settings
from claimtrack.queueing import get_queue
from claimtrack.redis_client import connect

REDIS = "claimtrack.redis"
QUEUE = "claimtrack.queue"


def init_app(app: Flask, settings: Settings, conn: redis.Redis | None = None) -> None:
    """Open the app's Redis client (connections are made lazily, per process) and queue."""
    conn = conn if conn is not None else connect(settings.redis_url)
    app.extensions[REDIS] = conn
    app.extensions[QUEUE] = get_queue(conn, settings)


def redis_conn() -> redis.Redis:
    """The current app's Redis client."""
    conn: redis.Redis = current_app.extensions[REDIS]
    return conn


def queue() -> Queue:
    """The current app's work queue."""
    q: Queue = current_app.extensions[QUEUE]
    return q
