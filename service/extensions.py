"""Per-app resources (the results store's client, RQ's client, the queue), attached in the factory
and looked up per request."""

from __future__ import annotations

import redis
from flask import Flask, current_app
from rq import Queue

from claimtrack.config import Settings
from claimtrack.queueing import get_queue
from claimtrack.redis_client import connections

REDIS = "claimtrack.redis"
QUEUE_REDIS = "claimtrack.queue_redis"
QUEUE = "claimtrack.queue"


def init_app(
    app: Flask, settings: Settings, conn: redis.Redis | None = None, queue_conn: redis.Redis | None = None
) -> None:
    """Open the app's clients (connections are made lazily, per process) and queue.

    `conn` is the results store and `queue_conn` RQ's Redis: one client unless
    CLAIMTRACK_STORE_URL names a store apart from REDIS_URL.
    """
    conn, queue_conn = connections(settings, conn, queue_conn)
    app.extensions[REDIS] = conn
    app.extensions[QUEUE_REDIS] = queue_conn
    app.extensions[QUEUE] = get_queue(queue_conn, settings)


def redis_conn() -> redis.Redis:
    """The current app's results store client."""
    conn: redis.Redis = current_app.extensions[REDIS]
    return conn


def queue_redis() -> redis.Redis:
    """The current app's client of RQ's Redis (queues, workers, job metrics)."""
    conn: redis.Redis = current_app.extensions[QUEUE_REDIS]
    return conn


def queue() -> Queue:
    """The current app's work queue."""
    q: Queue = current_app.extensions[QUEUE]
    return q
