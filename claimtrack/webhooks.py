"""Webhook subscriptions, outgoing messages and their delivery jobs (Standard Webhooks signing)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import secrets
import time
from typing import Any

import redis
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError
from rq.serializers import JSONSerializer

from claimtrack import jsonutil, keys, store
from claimtrack.config import Settings
from claimtrack.errors import NotFound
from claimtrack.timeutil import now_iso

EVENTS = ("article.processed", "claim.repeated", "factcheck.matched")
OPEN_OWNER = "open"
SECRET_PREFIX = "whsec_"
DELIVER = "workers.webhooks.deliver"
LOG_LENGTH = 100
MESSAGE_TTL_S = 4 * 24 * 3600
# Exponential backoff after the first attempt, about 2.9 days in all (the Standard Webhooks schedule).
RETRY_INTERVALS = [5, 300, 1800, 7200, 18000, 36000, 36000, 50400, 50400, 50400]


def delivery_queue_name(settings: Settings) -> str:
    """The queue webhook deliveries go to (workers listen to it before the article queue)."""
    return f"{settings.queue_name}-webhooks"


def delivery_queue(conn: redis.Redis, settings: Settings) -> Queue:
    """The webhook delivery queue, with the JSON serializer."""
    return Queue(delivery_queue_name(settings), connection=conn, serializer=JSONSerializer)


def new_secret() -> str:
    """A signing secret: `whsec_` and the base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value: v1 and the base64 HMAC-SHA256 of `id.timestamp.body`."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")


def public(record: dict[str, Any]) -> dict[str, Any]:
    """A subscription as the API shows it: without its signing secret."""
    view = {k: v for k, v in record.items() if k != "secret"}
    view["status"] = "disabled" if record.get("disabled_at") else "active"
    return view


def create(conn: redis.Redis, owner: str, url: str, events: list[str], description: str | None) -> dict[str, Any]:
    """Store a subscription; returns the full record, secret included (the API shows it this once)."""
    webhook_id = "wh_" + secrets.token_hex(8)
    record = {"id": webhook_id, "owner": owner, "url": url, "events": sorted(set(events), key=EVENTS.index),
              "description": description, "created_at": now_iso(), "disabled_at": None,
              "disabled_reason": None, "secret": new_secret()}
    created_ms = time.time() * 1000
    with store.atomic(conn) as tx:
        tx.set(keys.webhook(webhook_id), jsonutil.dumps(record))
        tx.then()  # on a cluster: the record before the indexes
        tx.zadd(keys.webhooks(), {webhook_id: created_ms})
        tx.zadd(keys.webhooks_of_owner(owner), {webhook_id: created_ms})
        tx.execute()
    return record


def get(conn: redis.Redis, webhook_id: str) -> dict[str, Any] | None:
    """The full subscription record (secret included), or None."""
    record: dict[str, Any] | None = jsonutil.loads(conn.get(keys.webhook(webhook_id)))
    return record


def get_visible(conn: redis.Redis, webhook_id: str, owner: str, admin: bool) -> dict[str, Any]:
    """A subscription the caller may see (its own, or any for an admin); NotFound otherwise."""
    record = get(conn, webhook_id)
    if record is None or not (admin or record["owner"] == owner):
        raise NotFound(f"no webhook subscription with id {webhook_id!r}")
    return record


def list_visible(conn: redis.Redis, owner: str, admin: bool) -> list[dict[str, Any]]:
    """The caller's subscriptions (every one for an admin), oldest first."""
    return _records(conn, keys.webhooks() if admin else keys.webhooks_of_owner(owner))


def _records(conn: redis.Redis, index_key: str) -> list[dict[str, Any]]:
    ids = [m.decode() for m in conn.zrange(index_key, 0, -1)]
    return [jsonutil.loads(r) for r in store.mget(conn, [keys.webhook(i) for i in ids]) if r is not None] if ids else []


def subscribers(conn: redis.Redis) -> dict[str, list[dict[str, Any]]]:
    """Active subscriptions by event type."""
    active = [r for r in _records(conn, keys.webhooks()) if not r.get("disabled_at")]
    return {event: [r for r in active if event in r["events"]] for event in EVENTS}


def delete(conn: redis.Redis, record: dict[str, Any]) -> None:
    """Delete a subscription and its log; queued deliveries find it gone and stop."""
    with store.atomic(conn) as tx:
        tx.zrem(keys.webhooks(), record["id"])
        tx.zrem(keys.webhooks_of_owner(record["owner"]), record["id"])
        tx.then()  # on a cluster: out of the indexes before the record goes
        tx.delete(keys.webhook(record["id"]))
        tx.delete(keys.webhook_log(record["id"]))
        tx.execute()


def disable(conn: redis.Redis, webhook_id: str, reason: str) -> None:
    """Stop delivering to a subscription (the receiver answered 410 Gone)."""
    record = get(conn, webhook_id)
    if record is not None and not record.get("disabled_at"):
        record["disabled_at"], record["disabled_reason"] = now_iso(), reason
        conn.set(keys.webhook(webhook_id), jsonutil.dumps(record), xx=True)


def log_attempt(conn: redis.Redis, webhook_id: str, entry: dict[str, Any]) -> None:
    """Record one delivery attempt (newest first, the last LOG_LENGTH kept) if the subscription still exists."""
    if not conn.exists(keys.webhook(webhook_id)):
        return
    with conn.pipeline() as pipe:
        pipe.lpush(keys.webhook_log(webhook_id), jsonutil.dumps(entry))
        pipe.ltrim(keys.webhook_log(webhook_id), 0, LOG_LENGTH - 1)
        pipe.execute()


def delivery_log(conn: redis.Redis, webhook_id: str) -> list[dict[str, Any]]:
    """Recent delivery attempts, newest first."""
    return [jsonutil.loads(r) for r in conn.lrange(keys.webhook_log(webhook_id), 0, -1)]


def message_id(*parts: str) -> str:
    """A deterministic message id: the same event of the same article run always gets the same id."""
    return "msg_" + hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def get_message(conn: redis.Redis, msg_id: str) -> bytes | None:
    """The exact body of a stored message, or None once it expired."""
    raw: bytes | None = conn.get(keys.webhook_message(msg_id))
    return raw


def emit(conn: redis.Redis, queue: Queue, settings: Settings, event: str, msg_id: str, data: dict[str, Any],
         targets: list[dict[str, Any]]) -> int:
    """Store a message once and queue its delivery (on `queue`, the delivery queue) to each target that
    has not had it; returns how many were queued.

    The job is enqueued before the target's marker is set: a rerun after a crash between the two
    finds the job still there (one job per target and message) or, if it already ran and its
    result expired, delivers again. Receivers see each message at least once, never lose one,
    and deduplicate on its id.
    """
    body = jsonutil.dumps({"type": event, "timestamp": now_iso(), "data": data})
    conn.set(keys.webhook_message(msg_id), body, nx=True, ex=MESSAGE_TTL_S)
    queued = 0
    for target in targets:
        marker = keys.webhook_sent(target["id"], msg_id)
        if conn.exists(marker):
            continue
        with contextlib.suppress(DuplicateJobError):
            queue.enqueue_call(
                DELIVER,
                args=(target["id"], msg_id),
                timeout=2 * settings.webhook_timeout_s + 10,
                job_id=f"webhook-{target['id']}-{msg_id}",
                retry=Retry(max=len(RETRY_INTERVALS), interval=list(RETRY_INTERVALS)),
                result_ttl=3600,
                failure_ttl=7 * 24 * 3600,
                description=f"deliver {event} {msg_id} to webhook {target['id']}",
                unique=True,
            )
        conn.set(marker, 1, ex=MESSAGE_TTL_S)
        queued += 1
    return queued
