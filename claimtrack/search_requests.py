"""Fact-check searches as requests and replies over Redis lists, answered by a thread in every worker.

A search is latency-bound and small; an RQ job costs about twenty Redis commands of bookkeeping
and waits behind whatever article job the worker is running. Instead the API pushes a request
(`ask`) and blocks on its own reply list; each worker runs a search thread beside its job loop
(workers/search_thread.py) that pops requests (`next_request`) and pushes answers (`reply`).
A request nobody answers in time is withdrawn; one a worker pops after its deadline is dropped.
Deadlines are on the Redis server's clock, so hosts whose clocks differ agree on them.
"""

from __future__ import annotations

import uuid
from typing import Any

import redis

from claimtrack import jsonutil, keys

REPLY_TTL_S = 60
# Requests pile up only while no worker runs: keep the newest, and let the list expire.
MAX_PENDING = 10_000
REQUESTS_TTL_S = 300


def ask(conn: redis.Redis, text: str, limit: int, speaker: str | None, timeout_s: float) -> dict[str, Any] | None:
    """Queue a search and wait for its answer; None when no worker answered within `timeout_s`."""
    request_id = uuid.uuid4().hex
    payload = jsonutil.dumps({"id": request_id, "text": text, "limit": limit, "speaker": speaker,
                          "deadline": redis_now(conn) + timeout_s})
    with conn.pipeline(transaction=False) as pipe:
        pipe.lpush(keys.search_requests(), payload)
        pipe.ltrim(keys.search_requests(), 0, MAX_PENDING - 1)
        pipe.expire(keys.search_requests(), REQUESTS_TTL_S)
        pipe.execute()
    answer = conn.blpop([keys.search_reply(request_id)], timeout=timeout_s)
    if answer is None:
        conn.lrem(keys.search_requests(), 1, payload)  # withdraw it: nobody waits for its answer any more
        return None
    result: dict[str, Any] = jsonutil.loads(answer[1])
    return result


def next_request(conn: redis.Redis, wait_s: int) -> dict[str, Any] | None:
    """The oldest pending request that is still awaited, waiting up to `wait_s` for one; else None."""
    popped = conn.brpop([keys.search_requests()], timeout=wait_s)
    if popped is None:
        return None
    request = jsonutil.loads(popped[1])
    if not isinstance(request, dict):
        raise ValueError(f"search request is not an object: {popped[1][:100]!r}")
    return request if float(request.get("deadline", 0)) > redis_now(conn) else None


def redis_now(conn: redis.Redis) -> float:
    """The Redis server's clock, in seconds (one clock for every API and worker host)."""
    seconds, micros = conn.time()
    return float(seconds) + micros / 1e6


def reply(conn: redis.Redis, request_id: str, body: dict[str, Any]) -> None:
    """Hand the answer to the API process waiting for it."""
    with conn.pipeline(transaction=False) as pipe:
        pipe.rpush(keys.search_reply(request_id), jsonutil.dumps(body))
        pipe.expire(keys.search_reply(request_id), REPLY_TTL_S)
        pipe.execute()


def pending(conn: redis.Redis) -> int:
    """Number of searches waiting for a worker."""
    return int(conn.llen(keys.search_requests()))
