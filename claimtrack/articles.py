"""Article records: creation with de-duplication, status changes, reads."""

from __future__ import annotations

import contextlib
import re
import time
import unicodedata
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import redis
from rq import Queue
from rq.exceptions import DuplicateJobError

from claimtrack import jsonutil, keys, store
from claimtrack.config import Settings
from claimtrack.errors import Conflict, NotFound, Unavailable
from claimtrack.queueing import enqueue_article, job_exists
from claimtrack.timeutil import now_iso

STATUSES = ("queued", "processing", "done", "failed")


def normalise_text(text: str) -> str:
    """Text as compared for de-duplication: NFC, whitespace collapsed, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


_DEFAULT_PORTS = {"http": 80, "https": 443}
_URL_SAFE = "/:@!$&'()*+,;=-._~?"  # RFC 3986 reserved and unreserved characters, kept as written


def normalise_url(url: str) -> str:
    """A URL as compared for de-duplication: the scheme and host in lower case, the default port
    and any #fragment dropped, percent-encoding made uniform ('%c3%bc', 'ü' and '%C3%BC' alike)."""
    url = unicodedata.normalize("NFC", url.strip())
    try:
        parts = urlsplit(url)
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return url  # left as written: still the same key for the same string
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    path = quote(unquote(parts.path), safe=_URL_SAFE) or "/"
    query = quote(unquote(parts.query), safe=_URL_SAFE)
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def new_article_id() -> str:
    """A fresh opaque article id."""
    return "a" + uuid.uuid4().hex[:20]


def get(conn: redis.Redis, article_id: str) -> dict[str, Any]:
    """The article record, or NotFound."""
    record = jsonutil.loads(conn.get(keys.article(article_id)))
    if record is None or record["status"] == CREATING:
        raise NotFound(f"no article with id {article_id!r}")
    return dict(record)


def save(conn: redis.Redis, record: dict[str, Any]) -> None:
    """Overwrite an article record, stamping updated_at."""
    record["updated_at"] = now_iso()
    conn.set(keys.article(record["id"]), jsonutil.dumps(record))


# Internal status of a record whose dedup keys are not all claimed yet; never shown, never answered.
CREATING = "creating"
# How long a post waits for a concurrent post of the same article to finish creating it.
CONCURRENT_CREATION_WAIT_S = 2.0


def create_or_get(
    conn: redis.Redis, queue: Queue, settings: Settings, fields: dict[str, Any]
) -> tuple[dict[str, Any], bool]:
    """Store and enqueue a new article, or return the existing one with the same url or text.

    The steps touch one key each, so the store may be a Redis Cluster and the queue another Redis:
    mark the new id as unqueued, write the record as `creating`, claim the url and text keys (SET
    NX, in a fixed order), commit the record as `queued` (only while it is still `creating`),
    index it, enqueue its job, unmark it. A post that loses a key to a concurrent post of the same
    article undoes its steps and answers with the winner, once the winner is committed. A process
    that dies between two steps leaves the mark, and `finish_unqueued` (every worker's maintenance)
    queues a committed article or undoes one that was never committed, so never answered.
    """
    claims = _dedup_keys(fields["text"], fields.get("url"))
    for _ in range(10):
        existing = _existing(conn, claims)
        if existing is not None:
            _heal_lost_job(queue, settings, existing)
            return existing, False
        now = now_iso()
        record = {
            "id": new_article_id(),
            "title": fields.get("title"),
            "url": fields.get("url"),
            "source": fields.get("source"),
            "published_at": fields.get("published_at"),
            "received_at": now,
            "updated_at": now,
            "status": CREATING,
            "error": None,
            "run": 1,
            "statement_ids": [],
            "text": fields["text"],
        }
        conn.zadd(keys.articles_unqueued(), {record["id"]: _ms()})
        conn.set(keys.article(record["id"]), jsonutil.dumps(record))
        record["status"] = "queued"
        if not (_claim(conn, record["id"], claims) and _commit(conn, record)):
            _undo(conn, record["id"], claims)
            continue
        conn.zadd(keys.articles(), {record["id"]: _ms()})
        _enqueue_once(queue, settings, record["id"], 1)
        conn.zrem(keys.articles_unqueued(), record["id"])
        return record, True
    raise Unavailable("concurrent posts of this article keep colliding; retry", retry_after=1)


def _dedup_keys(text: str, url: str | None) -> list[str]:
    """The keys that make an article unique: its url (when given) and its normalised text."""
    return [*([keys.article_by_url(normalise_url(url))] if url else []), keys.article_by_text(normalise_text(text))]


def _existing(conn: redis.Redis, claims: list[str]) -> dict[str, Any] | None:
    """The committed article holding any of these dedup keys, or None when none is held.

    A key held by an article still being created (or undone) is waited for. One still naming a
    missing record after the wait is released: its holder can no longer commit (commit needs the
    record), so it is dead or about to undo.
    """
    deadline = time.monotonic() + CONCURRENT_CREATION_WAIT_S
    while True:
        creating, ghosts = False, []  # ghosts: (key, holder id) of keys naming a missing record
        for key in claims:
            holder = conn.get(key)
            if holder is None:
                continue
            record = jsonutil.loads(conn.get(keys.article(holder.decode())))
            if record is not None and record["status"] != CREATING:
                return dict(record)
            creating = creating or record is not None
            if record is None:
                ghosts.append((key, holder))
        if not creating and not ghosts:
            return None
        if time.monotonic() > deadline:
            if creating and _undo_orphans(conn, claims):
                continue
            if creating:
                raise Unavailable("a concurrent post of this article is still being stored; retry", retry_after=1)
            for key, holder in ghosts:
                _delete_when(conn, key, _equals(holder))
            return None
        time.sleep(0.02)


def _undo_orphans(conn: redis.Redis, claims: list[str]) -> bool:
    """Undo uncommitted articles holding these keys that no sweeper will see (their unqueued mark was
    cleared while their creator stalled before writing the record); True when one was undone."""
    undone = False
    for key in claims:
        holder = conn.get(key)
        if holder is None or conn.zscore(keys.articles_unqueued(), holder) is not None:
            continue
        record = jsonutil.loads(conn.get(keys.article(holder.decode())))
        if record is not None and record["status"] == CREATING:
            _undo(conn, holder.decode(), _dedup_keys(record["text"], record.get("url")))
            undone = True
    return undone


def _claim(conn: redis.Redis, article_id: str, claims: list[str]) -> bool:
    """Take every dedup key for `article_id` (SET NX, in a fixed order); False when one is taken."""
    return all(conn.set(key, article_id, nx=True) for key in claims)


def _commit(conn: redis.Redis, record: dict[str, Any]) -> bool:
    """Write the record over its `creating` version; False when it is gone (undone by a sweeper)."""
    key = keys.article(record["id"])
    with conn.pipeline(transaction=True) as pipe:  # WATCH: one key, one slot
        try:
            pipe.watch(key)
            current = jsonutil.loads(pipe.get(key))  # type: ignore[arg-type]
            if current is None or current["status"] != CREATING:
                pipe.unwatch()
                return False
            pipe.multi()
            pipe.set(key, jsonutil.dumps(record))
            pipe.execute()
            return True
        except redis.WatchError:
            return False


def _undo(conn: redis.Redis, article_id: str, claims: list[str]) -> None:
    """Delete an uncommitted article's record (then it can never commit), then release its dedup keys.

    A record committed meanwhile keeps its keys (and its mark, which the sweeper finishes)."""
    record_key = keys.article(article_id)
    _delete_when(conn, record_key, _uncommitted)
    if conn.exists(record_key):
        return
    for key in claims:
        _delete_when(conn, key, _equals(article_id.encode()))
    conn.zrem(keys.articles_unqueued(), article_id)


def _equals(value: bytes) -> Callable[[bytes | None], bool]:
    return lambda raw: raw == value


def _uncommitted(raw: bytes | None) -> bool:
    record = jsonutil.loads(raw)
    return record is not None and record["status"] == CREATING


def _delete_when(conn: redis.Redis, key: str, holds: Callable[[bytes | None], bool]) -> None:
    """DEL `key` only while its value `holds` (WATCH on that one key; changed meanwhile: kept)."""
    with conn.pipeline(transaction=True) as pipe:  # WATCH: one key, one slot
        try:
            pipe.watch(key)
            if holds(pipe.get(key)):  # type: ignore[arg-type]
                pipe.multi()
                pipe.delete(key)
                pipe.execute()
            else:
                pipe.unwatch()
        except redis.WatchError:
            pass


def _enqueue_once(queue: Queue, settings: Settings, article_id: str, run: int) -> None:
    """Enqueue an article run's job unless it is already queued (by a healing path)."""
    with contextlib.suppress(DuplicateJobError):
        enqueue_article(queue, settings, article_id, run, unique=True)


def _heal_lost_job(queue: Queue, settings: Settings, record: dict[str, Any]) -> bool:
    """Re-enqueue a queued article whose job RQ no longer knows (e.g. expired, or never queued); False
    (a no-op) otherwise."""
    if record["status"] != "queued" or job_exists(queue.connection, record["id"], record["run"]):
        return False
    _enqueue_once(queue, settings, record["id"], record["run"])  # two concurrent re-posts make one job
    return True


def finish_unqueued(conn: redis.Redis, queue: Queue, settings: Settings, older_than_s: float = 30.0) -> list[str]:
    """Finish articles whose creation or retry stopped between its steps; returns those enqueued.

    A committed article (anything but `creating`) may have been answered 202: it is indexed and,
    while `queued` without a job, enqueued. An uncommitted one was never answered: undone.
    """
    cutoff = _ms() - older_than_s * 1000.0
    enqueued = []
    for raw, marked in conn.zrangebyscore(keys.articles_unqueued(), "-inf", cutoff, withscores=True):
        article_id = raw.decode()
        record = jsonutil.loads(conn.get(keys.article(article_id)))
        if record is not None and record["status"] == CREATING:
            _undo(conn, article_id, _dedup_keys(record["text"], record.get("url")))
            continue
        if record is not None:
            conn.zadd(keys.articles(), {article_id: _ms()}, nx=True)
            if _heal_lost_job(queue, settings, record):
                enqueued.append(article_id)
        # Only the mark read: a retry may have marked the article afresh meanwhile and still be on
        # its way to queueing it (or have died on the way; then the next sweep heals it).
        store.remove_unless_rescored(conn, keys.articles_unqueued(), [(article_id, marked)])
    return enqueued


def retry(conn: redis.Redis, queue: Queue, settings: Settings, article_id: str) -> dict[str, Any]:
    """Put a failed article back on the queue as a new run (two concurrent retries make one run).

    The article is marked unqueued before its status changes and unmarked once its job is
    queued; a mark left by a refused retry is harmless (the sweeper finds nothing to do), and a
    sweeper reading an older mark of the same article leaves this one in place.
    """
    conn.zadd(keys.articles_unqueued(), {article_id: _ms()})
    with conn.pipeline(transaction=True) as pipe:  # WATCH: one key, one slot
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
                pipe.execute()
                break
            except redis.WatchError:
                continue
    _enqueue_once(queue, settings, article_id, record["run"])
    conn.zrem(keys.articles_unqueued(), article_id)
    return record


def set_status(conn: redis.Redis, article_id: str, status: str, error: str | None = None) -> dict[str, Any]:
    """Record a status change (and error text) on an article."""
    assert status in STATUSES
    record = get(conn, article_id)
    record.update(status=status, error=error)
    save(conn, record)
    return record


def _ms() -> float:
    return time.time() * 1000.0
