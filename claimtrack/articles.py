"""Article records: creation with de-duplication, status changes, reads."""

from __future__ import annotations

import contextlib
import re
import time
import unicodedata
import uuid
from typing import Any

import redis
from rq import Queue
from rq.exceptions import DuplicateJobError

from claimtrack import jsonutil, keys
from claimtrack.config import Settings
from claimtrack.errors import Conflict, NotFound
from claimtrack.queueing import enqueue_article, job_exists
from claimtrack.timeutil import now_iso

STATUSES = ("queued", "processing", "done", "failed")


def normalise_text(text: str) -> str:
    """Text as compared for de-duplication: NFC, whitespace collapsed, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def new_article_id() -> str:
    """A fresh opaque article id."""
    return "a" + uuid.uuid4().hex[:20]


def get(conn: redis.Redis, article_id: str) -> dict[str, Any]:
    """The article record, or NotFound."""
    record = jsonutil.loads(conn.get(keys.article(article_id)))
    if record is None:
        raise NotFound(f"no article with id {article_id!r}")
    return dict(record)


def save(conn: redis.Redis, record: dict[str, Any]) -> None:
    """Overwrite an article record, stamping updated_at."""
    record["updated_at"] = now_iso()
    conn.set(keys.article(record["id"]), jsonutil.dumps(record))


def create_or_get(
    conn: redis.Redis, queue: Queue, settings: Settings, fields: dict[str, Any]
) -> tuple[dict[str, Any], bool]:
    """Store and enqueue a new article atomically, or return the existing one with the same url or text."""
    text_key = keys.article_by_text(normalise_text(fields["text"]))
    url_key = keys.article_by_url(fields["url"]) if fields.get("url") else None
    watched = [k for k in (url_key, text_key) if k]
    with conn.pipeline() as pipe:
        while True:
            try:
                pipe.watch(*watched)
                existing = None
                for key in watched:
                    existing = existing or pipe.get(key)
                if existing is not None:
                    pipe.unwatch()
                    record = get(conn, bytes(existing).decode())  # type: ignore[call-overload]
                    _heal_lost_job(conn, queue, settings, record)
                    return record, False
                now = now_iso()
                record = {
                    "id": new_article_id(),
                    "title": fields.get("title"),
                    "url": fields.get("url"),
                    "source": fields.get("source"),
                    "published_at": fields.get("published_at"),
                    "received_at": now,
                    "updated_at": now,
                    "status": "queued",
                    "error": None,
                    "run": 1,
                    "statement_ids": [],
                    "text": fields["text"],
                }
                pipe.multi()
                pipe.set(keys.article(record["id"]), jsonutil.dumps(record))
                for key in watched:
                    pipe.set(key, record["id"])
                pipe.zadd(keys.articles(), {record["id"]: _ms()})
                enqueue_article(queue, settings, record["id"], 1, pipeline=pipe)
                pipe.execute()
                return record, True
            except redis.WatchError:
                continue


def _heal_lost_job(conn: redis.Redis, queue: Queue, settings: Settings, record: dict[str, Any]) -> None:
    """Re-enqueue a queued article whose job RQ no longer knows (e.g. expired); a no-op otherwise."""
    if record["status"] == "queued" and not job_exists(conn, record["id"], record["run"]):
        with contextlib.suppress(DuplicateJobError):  # two concurrent re-posts: only one job is created
            enqueue_article(queue, settings, record["id"], record["run"], unique=True)


def retry(conn: redis.Redis, queue: Queue, settings: Settings, article_id: str) -> dict[str, Any]:
    """Put a failed article back on the queue as a new run (two concurrent retries make one run)."""
    with conn.pipeline() as pipe:
        while True:
            try:
                pipe.watch(keys.article(article_id))
                record = get(conn, article_id)
                if record["status"] != "failed":
                    pipe.unwatch()
                    raise Conflict(
                        f"article {article_id!r} is {record['status']}; only failed articles can be retried",
                        current_status=record["status"],
                    )
                record.update(status="queued", error=None, run=int(record["run"]) + 1)
                pipe.multi()
                pipe.set(keys.article(article_id), jsonutil.dumps(record))
                enqueue_article(queue, settings, article_id, record["run"], pipeline=pipe)
                pipe.execute()
                return record
            except redis.WatchError:
                continue


def set_status(conn: redis.Redis, article_id: str, status: str, error: str | None = None) -> dict[str, Any]:
    """Record a status change (and error text) on an article."""
    assert status in STATUSES
    record = get(conn, article_id)
    record.update(status=status, error=error)
    save(conn, record)
    return record


def _ms() -> float:
    return time.time() * 1000.0
