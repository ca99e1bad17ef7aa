"""Fact-check records (schema.org ClaimReview as published), their indexing state and vectors."""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from typing import Any

import numpy as np
import redis
from rq import Queue

from claimtrack import jsonutil, keys, store
from claimtrack.config import Settings
from claimtrack.errors import NotFound
from claimtrack.timeutil import now_iso

INDEX_JOB = "workers.factcheck_index.index_factchecks"
VECTOR_DTYPE = np.float16
# ids per indexing job: a worker's job loop takes other work between chunks
INDEX_CHUNK = 100


def normalise_claim(text: str) -> str:
    """Claim text as compared for de-duplication: NFKC, case-folded, whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def dedup_key(review: dict[str, Any]) -> str:
    """What makes two imports the same review: identifier, else url, else the normalised claim."""
    if review.get("identifier") not in (None, ""):
        return f"identifier:{review['identifier']}"
    if review.get("url"):
        return f"url:{review['url']}"
    return f"claim:{normalise_claim(review['claimReviewed'])}"


def factcheck_id(review: dict[str, Any]) -> str:
    """Deterministic id from the dedup key, so concurrent re-imports agree without a lookup."""
    return "f" + hashlib.sha256(dedup_key(review).encode("utf-8")).hexdigest()[:20]


def _name(value: Any) -> str | None:
    """The name of a schema.org Person/Organization given as object, string or list of those."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        name = value.get("name") or value.get("alternateName")
        return str(name).strip() or None if name else None
    if isinstance(value, str):
        return value.strip() or None
    return None


def _names(value: Any) -> list[str]:
    """Every name in an author value (object, string or list)."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    name = _name(value)
    return [name] if name else []


def summarise(review: dict[str, Any]) -> dict[str, Any]:
    """The fields search results show, drawn from a ClaimReview."""
    rating: dict[str, Any] = review["reviewRating"] if isinstance(review.get("reviewRating"), dict) else {}
    verdict = rating.get("alternateName") or rating.get("name")
    if verdict is None and rating.get("ratingValue") is not None:
        verdict = str(rating["ratingValue"])
    item: dict[str, Any] = review["itemReviewed"] if isinstance(review.get("itemReviewed"), dict) else {}
    identifier = review.get("identifier")
    return {
        "identifier": None if identifier is None else str(identifier),
        "claim_reviewed": review["claimReviewed"],
        "headline": review.get("headline"),
        "rating": verdict,
        "publisher": _name(review.get("author")) or _name(review.get("publisher")),
        "url": review.get("url"),
        "date_published": review.get("datePublished"),
        "claim_author": _name(item.get("author")),
        "claim_authors": _names(item.get("author")),
    }


def import_reviews(conn: redis.Redis, queue: Queue, settings: Settings, reviews: list[dict[str, Any]]) -> list[str]:
    """Store validated ClaimReviews (new or changed ones are queued for indexing); ids in input order."""
    ids = [factcheck_id(r) for r in reviews]
    latest = dict(zip(ids, reviews, strict=True))  # a review given twice in one batch: the last one wins
    unique = list(latest)
    existing = dict(zip(unique, store.mget(conn, [keys.factcheck(f) for f in unique]), strict=True))
    now, now_ms = now_iso(), int(time.time() * 1000)
    changed: list[tuple[str, dict[str, Any]]] = []
    for fid in unique:
        old = jsonutil.loads(existing[fid])
        if old is not None and old["review"] == latest[fid]:
            continue
        changed.append((fid, {
            "id": fid,
            "review": latest[fid],
            "summary": summarise(latest[fid]),
            "imported_at": old["imported_at"] if old else now,
            "updated_at": now,
        }))
    if changed:
        # The ids are marked unqueued first and unmarked once their indexing jobs are queued: a
        # process dying in between leaves them to `requeue_unindexed` (run by workers' maintenance).
        changed_ids = [fid for fid, _ in changed]
        with store.atomic(conn) as tx:
            tx.zadd(keys.factchecks_unqueued(), dict.fromkeys(changed_ids, now_ms))
            tx.sadd(keys.factchecks_pending(), *changed_ids)
            tx.then()  # on a cluster: marked and pending, then the records, then the index
            for fid, record in changed:
                tx.set(keys.factcheck(fid), jsonutil.dumps(record))
            tx.then()
            tx.zadd(keys.factchecks(), dict.fromkeys(changed_ids, now_ms), nx=True)
            tx.execute()
        _enqueue_indexing(queue, settings, changed_ids)
        conn.zrem(keys.factchecks_unqueued(), *changed_ids)
    return ids


def _enqueue_indexing(queue: Queue, settings: Settings, factcheck_ids: list[str]) -> None:
    for start in range(0, len(factcheck_ids), INDEX_CHUNK):
        chunk = factcheck_ids[start:start + INDEX_CHUNK]
        queue.enqueue_call(
            INDEX_JOB,
            args=(chunk,),
            timeout=settings.job_timeout_s,
            result_ttl=600,
            failure_ttl=7 * 24 * 3600,
            description=f"index {len(chunk)} fact-checks",
        )


def requeue_unindexed(conn: redis.Redis, queue: Queue, settings: Settings, older_than_s: float = 30.0) -> int:
    """Queue indexing for fact-checks whose import stopped before their jobs were queued; returns how many.

    One worker at a time (a short lock), so the ids are queued once.
    """
    cutoff = time.time() * 1000 - older_than_s * 1000
    seen = [(m.decode(), score) for m, score in conn.zrangebyscore(keys.factchecks_unqueued(), "-inf", cutoff,
                                                                   withscores=True)]
    stale = [fid for fid, _ in seen]
    if not stale or not conn.set(keys.factchecks_unqueued_lock(), 1, nx=True, ex=60):
        return 0
    try:
        flags = conn.smismember(keys.factchecks_pending(), stale)
        stored = store.mget(conn, [keys.factcheck(f) for f in stale])
        waiting: list[str] = []  # pending, with a record
        never: list[str] = []  # pending, the record never written
        for fid, pending, raw in zip(stale, flags, stored, strict=True):
            if pending:
                (waiting if raw else never).append(fid)
        if never:  # the import stopped before writing these records: nothing to index
            conn.srem(keys.factchecks_pending(), *never)
        if waiting:  # and perhaps before indexing them by time
            conn.zadd(keys.factchecks(), dict.fromkeys(waiting, int(time.time() * 1000)), nx=True)
        _enqueue_indexing(queue, settings, waiting)  # indexing is idempotent: a second job costs only time
        # only the marks read: a re-import may have marked some ids afresh meanwhile
        store.remove_unless_rescored(conn, keys.factchecks_unqueued(), seen)
    finally:
        conn.delete(keys.factchecks_unqueued_lock())
    return len(waiting)


def get(conn: redis.Redis, factcheck_id: str) -> dict[str, Any]:
    """The stored ClaimReview with `id`, `status` (pending or indexed) and import times, or NotFound."""
    with conn.pipeline(transaction=False) as pipe:
        pipe.get(keys.factcheck(factcheck_id))
        pipe.sismember(keys.factchecks_pending(), factcheck_id)
        raw, pending = pipe.execute()
    record = jsonutil.loads(raw)
    if record is None:
        raise NotFound(f"no fact-check with id {factcheck_id!r}")
    return {
        **record["review"],
        "id": record["id"],
        "status": "pending" if pending else "indexed",
        "imported_at": record["imported_at"],
        "updated_at": record["updated_at"],
    }


def get_records(conn: redis.Redis, factcheck_ids: list[str]) -> list[dict[str, Any] | None]:
    """Stored records (review, summary, times) in the order asked; None where missing."""
    if not factcheck_ids:
        return []
    return [jsonutil.loads(r) for r in store.mget(conn, [keys.factcheck(f) for f in factcheck_ids])]


def count(conn: redis.Redis) -> int:
    """Number of stored fact-checks."""
    return int(conn.zcard(keys.factchecks()))


def encode_vectors(claim: np.ndarray, headline: np.ndarray) -> bytes:
    """One stored blob: the claim vector then the headline vector, float16."""
    return np.concatenate([claim, headline]).astype(VECTOR_DTYPE).tobytes()


def decode_vectors(blobs: list[bytes], dims: int) -> tuple[np.ndarray, np.ndarray]:
    """Claim and headline matrices (float32) from stored blobs."""
    if not blobs:
        empty = np.zeros((0, dims), dtype=np.float32)
        return empty, empty
    both = np.frombuffer(b"".join(blobs), dtype=VECTOR_DTYPE).reshape(len(blobs), 2 * dims).astype(np.float32)
    return both[:, :dims], both[:, dims:]


def mark_indexed(conn: redis.Redis, factcheck_ids: list[str], claim: np.ndarray, headline: np.ndarray) -> None:
    """Store the vectors, append the ids to the indexing log and clear their pending flags (one
    transaction; on a cluster, in that order)."""
    if not factcheck_ids:
        return
    with store.atomic(conn) as tx:
        tx.hset(keys.factcheck_vectors(), mapping={
            fid: encode_vectors(c, h) for fid, c, h in zip(factcheck_ids, claim, headline, strict=True)
        })
        tx.then()  # on a cluster: the vectors, then the log that announces them, then the flags
        tx.rpush(keys.factchecks_log(), *factcheck_ids)
        tx.then()
        tx.srem(keys.factchecks_pending(), *factcheck_ids)
        tx.execute()


def read_log(conn: redis.Redis, start: int) -> tuple[str, list[str]]:
    """The store's epoch token and the ids indexed since log position `start`."""
    with store.atomic(conn) as tx:
        tx.get(keys.factchecks_epoch())
        tx.lrange(keys.factchecks_log(), start, -1)
        epoch, ids = tx.execute()
    return (epoch or b"").decode(), [i.decode() for i in ids]


def get_vectors(conn: redis.Redis, factcheck_ids: list[str], dims: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The ids that have vectors, with their claim and headline matrices (row-aligned)."""
    if not factcheck_ids:
        return [], *decode_vectors([], dims)
    blobs = conn.hmget(keys.factcheck_vectors(), factcheck_ids)
    found = [(f, b) for f, b in zip(factcheck_ids, blobs, strict=True) if b is not None]
    claim, headline = decode_vectors([b for _, b in found], dims)
    return [f for f, _ in found], claim, headline
