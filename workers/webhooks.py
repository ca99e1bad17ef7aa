"""Webhook events of a processed article, and the job that delivers one signed message to one subscriber."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import ssl
import time
from typing import Any

import redis
from rq import get_current_job

from claimtrack import claims, keys, statements, webhooks
from claimtrack.config import Settings
from claimtrack.timeutil import now_iso
from claimtrack.webhook_targets import Target, TargetRefused, resolve
from workers.context import get_context

log = logging.getLogger(__name__)

USER_AGENT = "claimtrack-webhooks/1"
MAX_RESPONSE_BYTES = 64 * 1024


class DeliveryFailed(Exception):
    """A delivery attempt failed; RQ retries the job on the backoff schedule."""


def emit_article_events(
    conn: redis.Redis, queue_conn: redis.Redis, settings: Settings, record: dict[str, Any], rows: list[dict[str, Any]]
) -> int:
    """Queue the webhook messages of a finished article run on the delivery queue (on `queue_conn`);
    a rerun of the same run queues nothing new."""
    wanted = webhooks.subscribers(conn)
    if not any(wanted.values()):
        return 0
    article_id, run = record["id"], str(record["run"])
    delivery = webhooks.delivery_queue(queue_conn, settings)
    queued = 0

    def emit(event: str, data: dict[str, Any], statement_id: str = "") -> None:
        nonlocal queued
        msg_id = webhooks.message_id(article_id, run, event, statement_id)
        queued += webhooks.emit(conn, delivery, settings, event, msg_id, data, wanted[event])

    if wanted["article.processed"]:
        emit("article.processed", {"article_id": article_id, "status": "done", "statement_count": len(rows),
                                   "url": record.get("url"), "title": record.get("title"), "run": record["run"]})
    if wanted["claim.repeated"]:
        for row, claim_id, earlier, count in _repetitions(conn, rows):
            emit("claim.repeated", {"statement": _statement_view(row), "claim_id": claim_id,
                                    "speaker": statements.speaker_view(row),
                                    "earlier": statements.appearance_view(earlier),
                                    "statement_count": count}, row["id"])
    if wanted["factcheck.matched"]:
        for row in rows:
            found = row.get("fact_checks")
            if isinstance(found, list) and found:
                emit("factcheck.matched", {"statement": _statement_view(row), "fact_checks": found}, row["id"])
    return queued


def _statement_view(row: dict[str, Any]) -> dict[str, Any]:
    return {**statements.appearance_view(row), "speaker": statements.speaker_view(row)}


def _repetitions(
    conn: redis.Redis, rows: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], str, dict[str, Any], int]]:
    """(statement, claim id, latest earlier appearance in another article, claim size) for each repetition."""
    attributed = [r for r in rows if r.get("speaker")]
    found = []
    for row, claim_id in zip(attributed, claims.claims_of(conn, [r["id"] for r in attributed]), strict=True):
        if claim_id is None:
            continue
        members = conn.zrange(keys.claim_statements(claim_id), 0, -1, withscores=True)
        earlier_ids = [m.decode() for m, score in members if float(score) < row["order"]]
        earlier = [e for e in statements.get_many(conn, earlier_ids) if e["article_id"] != row["article_id"]]
        if earlier:
            found.append((row, claim_id, earlier[-1], len(members)))
    return found


def deliver(subscription_id: str, message_id: str) -> dict[str, Any]:
    """POST one stored message to one subscriber, signed; raises on failure so that RQ retries it."""
    ctx = get_context()
    conn, settings = ctx.conn, ctx.settings
    subscription = webhooks.get(conn, subscription_id)
    if subscription is None or subscription.get("disabled_at"):
        return {"skipped": "the subscription was deleted or disabled"}
    body = webhooks.get_message(conn, message_id)
    job = get_current_job()
    retries_left = job.retries_left if job is not None and job.retries_left is not None else 0
    entry: dict[str, Any] = {
        "at": now_iso(), "message_id": message_id, "event": None,
        "attempt": len(webhooks.RETRY_INTERVALS) - retries_left + 1 if job is not None else 1,
        "status_code": None, "duration_ms": 0, "error": None, "outcome": "failed", "will_retry": False,
    }
    if body is None:
        entry["error"] = "the message expired before it could be delivered"
        webhooks.log_attempt(conn, subscription_id, entry)
        return {"skipped": entry["error"]}
    entry["event"] = json.loads(body)["type"]
    started = time.monotonic()
    try:
        target = resolve(subscription["url"], settings.webhook_allow_private)
        entry["status_code"] = post(target, _headers(subscription["secret"], message_id, body), body,
                                    settings.webhook_timeout_s)
    except TargetRefused as exc:
        entry["error"] = f"refused: {exc.detail}"
    except (OSError, http.client.HTTPException, ValueError) as exc:  # ValueError: what http.client refuses to send
        entry["error"] = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    entry["duration_ms"] = round((time.monotonic() - started) * 1000)
    status = entry["status_code"]
    if status is not None and 200 <= status < 300:
        entry["outcome"] = "delivered"
    elif status == 410:
        entry["outcome"] = "gone"
        webhooks.disable(conn, subscription_id, f"the receiver answered 410 Gone to {message_id}")
    else:
        entry["will_retry"] = retries_left > 0
    webhooks.log_attempt(conn, subscription_id, entry)
    if entry["outcome"] == "failed":
        raise DeliveryFailed(entry["error"] or f"the receiver answered HTTP {status}")
    return {"subscription_id": subscription_id, "message_id": message_id, "outcome": entry["outcome"]}


def _headers(secret: str, message_id: str, body: bytes) -> dict[str, str]:
    timestamp = int(time.time())
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": webhooks.sign(secret, message_id, timestamp, body),
    }


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address that was vetted, while naming the URL's host in the request."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        """Open the TCP connection to the vetted address (not a fresh DNS answer)."""
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Like _PinnedHTTPConnection, over TLS with the certificate checked against the URL's host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        """Open the TCP connection to the vetted address, then TLS with SNI and verification for the host."""
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def post(target: Target, headers: dict[str, str], body: bytes, timeout: float) -> int:
    """POST to the first vetted address that accepts a connection; the status code (redirects are not followed)."""
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    error: OSError = ConnectionError(f"no address for {target.host}")
    for address in target.addresses:
        connection = kind(target.host, target.port, address, timeout)
        try:
            try:
                connection.connect()
            except OSError as exc:
                error = exc
                continue
            connection.request("POST", target.path, body=body, headers=headers)
            response = connection.getresponse()
            response.read(MAX_RESPONSE_BYTES)
            return response.status
        finally:
            connection.close()
    raise error

