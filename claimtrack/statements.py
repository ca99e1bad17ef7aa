"""Statement records, their embeddings and their same-claim links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import redis

from claimtrack import jsonutil, keys, store
from claimtrack.errors import NotFound

VECTOR_DTYPE = np.float16
MOVING_TO = "moving_to"  # the target speakers of moves in progress (speaker_admin.retag)
INTERNAL_FIELDS = frozenset({"order", MOVING_TO, "described_as"})  # (described_as: shown as the speaker)


def indexed_under(record: dict[str, Any]) -> list[str]:
    """The speakers whose index may list the statement: its own, then the targets of moves that
    stopped half way (speaker_admin.retag notes them in the record)."""
    own = [record["speaker"]["id"]] if record.get("speaker") else []
    return list(dict.fromkeys([*own, *record.get(MOVING_TO, [])]))


def unindex(tx: store.Atomic, speaker_id: str, sid: str) -> None:
    """Buffer the removal of a statement from a speaker's index and vectors (one slot: the speaker's)."""
    tx.zrem(keys.speaker_statements(speaker_id), sid)
    tx.hdel(keys.speaker_vectors(speaker_id), sid)
    tx.incr(keys.speaker_vector_removals(speaker_id))  # workers' vector caches reload the speaker


def statement_id(article_id: str, position: int) -> str:
    """Deterministic id: reprocessing an article rewrites the same statements."""
    return f"{article_id}.{position}"


def get(conn: redis.Redis, sid: str) -> dict[str, Any]:
    """The statement record, or NotFound."""
    record = jsonutil.loads(conn.get(keys.statement(sid)))
    if record is None:
        raise NotFound(f"no statement with id {sid!r}")
    return dict(record)


def get_many(conn: redis.Redis, sids: list[str]) -> list[dict[str, Any]]:
    """Statement records in the order asked (missing ones left out)."""
    if not sids:
        return []
    raws = store.mget(conn, [keys.statement(s) for s in sids])
    return [jsonutil.loads(r) for r in raws if r is not None]


def encode_vector(vector: np.ndarray) -> bytes:
    """Compact binary form of a normalised embedding."""
    return np.asarray(vector, dtype=VECTOR_DTYPE).tobytes()


def decode_vectors(blobs: Iterable[bytes]) -> np.ndarray:
    """Stack stored embeddings into a float32 matrix."""
    rows = [np.frombuffer(b, dtype=VECTOR_DTYPE) for b in blobs]
    if not rows:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack(rows).astype(np.float32)


def write(conn: redis.Redis, records: list[dict[str, Any]], vectors: np.ndarray) -> None:
    """Store statements, index them under their speakers and store their embeddings (under the
    speaker, or on their own for a statement with none)."""
    with store.atomic(conn) as tx:
        for record in records:
            tx.set(keys.statement(record["id"]), jsonutil.dumps(record))
        tx.then()  # on a cluster: the records exist before any speaker's index lists them
        for record, vector in zip(records, vectors, strict=True):
            if record.get("speaker"):
                speaker_id = record["speaker"]["id"]
                tx.zadd(keys.speaker_statements(speaker_id), {record["id"]: record["order"]})
                tx.hset(keys.speaker_vectors(speaker_id), record["id"], encode_vector(vector))
            else:  # kept for a reviewer who attributes it (speaker_admin.retag)
                tx.set(keys.statement_vector(record["id"]), encode_vector(vector))
        tx.execute()


def remove(conn: redis.Redis, sids: list[str]) -> None:
    """Delete statements with their index entries, embeddings and links in both directions."""
    for record in get_many(conn, sids):
        sid = record["id"]
        neighbours = conn.zrange(keys.statement_links(sid), 0, -1)
        with store.atomic(conn) as tx:
            for other in neighbours:
                tx.zrem(keys.statement_links(other.decode()), sid)
            for speaker_id in indexed_under(record):
                unindex(tx, speaker_id, sid)
            tx.then()  # on a cluster: out of every index before the record goes
            tx.delete(keys.statement_links(sid))
            tx.delete(keys.statement_vector(sid))
            tx.delete(keys.statement(sid))
            tx.execute()


def speaker_vectors(conn: redis.Redis, speaker_id: str) -> tuple[list[str], np.ndarray]:
    """All of a speaker's statement ids and their embeddings (float32, row-aligned)."""
    stored = conn.hgetall(keys.speaker_vectors(speaker_id))
    ids = [k.decode() for k in stored]
    return ids, decode_vectors(stored.values())


CONFIRMED = "confirmed"
REJECTED = "rejected"


def add_links(conn: redis.Redis, links: list[tuple[str, str, float]]) -> None:
    """Record same-claim links in both directions (idempotent); reviewer decisions win over scores."""
    if not links:
        return
    with conn.pipeline(transaction=False) as pipe:
        for a, b, _ in links:
            pipe.hget(keys.statement_reviews(a), b)
        decisions = pipe.execute()
    with conn.pipeline(transaction=False) as pipe:
        for (a, b, score), decision in zip(links, decisions, strict=True):
            if decision == REJECTED.encode():
                continue
            value = 1.0 if decision == CONFIRMED.encode() else round(score, 4)
            pipe.zadd(keys.statement_links(a), {b: value})
            pipe.zadd(keys.statement_links(b), {a: value})
        pipe.execute()


def drop_links(conn: redis.Redis, sids: list[str]) -> None:
    """Remove every link of these statements in both directions (reviews are kept and re-applied)."""
    for sid in sids:
        for other in conn.zrange(keys.statement_links(sid), 0, -1):
            conn.zrem(keys.statement_links(other.decode()), sid)
        conn.delete(keys.statement_links(sid))


def restore_confirmed_links(conn: redis.Redis, sids: list[str]) -> None:
    """Re-create links a reviewer confirmed (after reprocessing rewrote the statements)."""
    links = []
    for record in get_many(conn, sids):
        confirmed = [o.decode() for o, d in conn.hgetall(keys.statement_reviews(record["id"])).items()
                     if d == CONFIRMED.encode()]
        for other in get_many(conn, confirmed):
            if other.get("speaker") and record.get("speaker") and other["speaker"]["id"] == record["speaker"]["id"]:
                links.append((record["id"], other["id"], 1.0))
    add_links(conn, links)


def with_matches(
    conn: redis.Redis, records: list[dict[str, Any]], top_k: int, match_threshold: float
) -> list[dict[str, Any]]:
    """Attach each statement's claim id, `matches` (linked earlier statements at or above the match
    threshold, or confirmed by a reviewer) and `possible_matches` (below it, for review), best first."""
    with conn.pipeline(transaction=False) as pipe:
        for record in records:
            pipe.zrevrange(keys.statement_links(record["id"]), 0, -1, withscores=True)
            pipe.hgetall(keys.statement_reviews(record["id"]))
            pipe.get(keys.statement_claim(record["id"]))
        raw = pipe.execute()
    linked, reviews, claim_ids = raw[0::3], raw[1::3], raw[2::3]
    neighbour_ids = sorted({m.decode() for rows in linked for m, _ in rows})
    neighbours = {r["id"]: r for r in get_many(conn, neighbour_ids)}
    out = []
    for record, rows, decided, claim_id in zip(records, linked, reviews, claim_ids, strict=True):
        matches: list[dict[str, Any]] = []
        possible: list[dict[str, Any]] = []
        for member, score in rows:
            other = neighbours.get(member.decode())
            if other is None or other["order"] >= record["order"]:
                continue
            review = decided.get(member)
            view = match_view(other, score) | {"reviewed": review.decode() if review else None}
            target = matches if score >= match_threshold or review == CONFIRMED.encode() else possible
            if len(target) < top_k:
                target.append(view)
        out.append({**record, "claim_id": claim_id.decode() if claim_id else None,
                    "matches": matches, "possible_matches": possible})
    return out


def match_view(other: dict[str, Any], score: float) -> dict[str, Any]:
    """How an earlier statement is shown inside another statement's matches."""
    return {"statement_id": other["id"], "score": round(float(score), 4)} | {
        k: v for k, v in appearance_view(other).items() if k != "statement_id"
    }


def appearance_view(other: dict[str, Any]) -> dict[str, Any]:
    """Where and when a statement appeared."""
    return {
        "statement_id": other["id"],
        "text": other["text"],
        "kind": other["kind"],
        "article_id": other["article_id"],
        "article_title": other.get("article_title"),
        "article_url": other.get("article_url"),
        "source": other.get("source"),
        "published_at": other.get("published_at"),
    }


def public_view(record: dict[str, Any]) -> dict[str, Any]:
    """A statement as the API shows it (internal fields dropped)."""
    view = {k: v for k, v in record.items() if k not in INTERNAL_FIELDS}
    view["speaker"] = speaker_view(record)
    return view


def speaker_view(record: dict[str, Any]) -> dict[str, Any] | None:
    """Who made a statement, as the API shows it: a tracked speaker (`named` true), else the article's
    own description of a source it does not name (`id` null, `named` false: 'police officials', 'a
    Western diplomat'; it joins no speaker's history and is never matched), else None."""
    if record.get("speaker"):
        return {**record["speaker"], "named": True}
    if record.get("described_as"):
        return {"id": None, "name": record["described_as"], "named": False}
    return None


def refresh_speakers(conn: redis.Redis, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Show each statement's speaker under the speaker's current canonical name."""
    from claimtrack import speakers

    ids = sorted({r["speaker"]["id"] for r in records if r.get("speaker")})
    current = speakers.get_many(conn, ids)
    for record in records:
        if record.get("speaker") and record["speaker"]["id"] in current:
            record["speaker"] = {"id": record["speaker"]["id"], "name": current[record["speaker"]["id"]]["name"]}
    return records
