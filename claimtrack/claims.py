"""Claims: statements of one speaker linked as the same claim, grouped without chaining.

A statement joins the claim of its best-scoring strong neighbour (a link at or above the
match threshold, or one a reviewer confirmed) that already has a claim, else it starts a
new claim. Existing claims are merged only by a reviewer's confirmation, never through
one automatic link, so a weak chain cannot glue two claims together.
"""

from __future__ import annotations

import hashlib
from typing import Any

import redis

from claimtrack import jsonutil, keys, statements, store
from claimtrack.errors import NotFound
from claimtrack.timeutil import now_iso


def claim_of(conn: redis.Redis, sid: str) -> str | None:
    """The claim id of a statement, if it has one."""
    raw = conn.get(keys.statement_claim(sid))
    return raw.decode() if raw is not None else None


def claims_of(conn: redis.Redis, sids: list[str]) -> list[str | None]:
    """Claim ids of several statements, in order."""
    if not sids:
        return []
    return [r.decode() if r is not None else None for r in store.mget(conn, [keys.statement_claim(s) for s in sids])]


def _new_claim(conn: redis.Redis, speaker_id: str, founder: str) -> str:
    """Create a claim whose id derives from its first statement, so reprocessing recreates the same id."""
    for attempt in range(1000):
        seed = founder if attempt == 0 else f"{founder}:{attempt}"
        claim_id = "c" + hashlib.sha256(seed.encode()).hexdigest()[:16]
        record = {"id": claim_id, "speaker_id": speaker_id, "created_at": now_iso()}
        if conn.set(keys.claim(claim_id), jsonutil.dumps(record), nx=True):
            conn.sadd(keys.speaker_claims(speaker_id), claim_id)
            return claim_id
    raise RuntimeError(f"could not allocate a claim id for {founder}")


def _join(conn: redis.Redis, claim_id: str, sid: str, order: float) -> None:
    with store.atomic(conn) as tx:
        tx.set(keys.statement_claim(sid), claim_id)
        tx.zadd(keys.claim_statements(claim_id), {sid: order})
        tx.execute()


def assign(conn: redis.Redis, records: list[dict[str, Any]], match_threshold: float) -> None:
    """Give each attributed statement without a claim the claim of its best strong neighbour, or a new one.

    Statements go in text order. Each one's claim, strong links and reviews are read afresh at its
    turn in one pipeline, and its neighbours' claims in one MGET (another job, a review or a
    reprocess may have changed them meanwhile); only founding and joining a claim write.
    """
    founded = []
    for record in sorted(records, key=lambda r: r["order"]):
        if not record.get("speaker"):
            continue
        own, neighbours, rejected = _live_state(conn, record["id"], match_threshold)
        if own:
            continue
        claim_id = next(iter(_joinable(conn, neighbours, rejected)), None)
        if claim_id is None:
            claim_id = _new_claim(conn, record["speaker"]["id"], record["id"])
            founded.append(record)
        _join(conn, claim_id, record["id"], record["order"])
    _reconcile_all(conn, founded, match_threshold)


def _live_state(conn: redis.Redis, sid: str, match_threshold: float) -> tuple[str | None, list[str], list[str]]:
    """A statement's claim, its strong neighbours (best link first) and the statements it rejected."""
    with conn.pipeline(transaction=False) as pipe:
        pipe.get(keys.statement_claim(sid))
        pipe.zrevrangebyscore(keys.statement_links(sid), "+inf", match_threshold)
        pipe.hgetall(keys.statement_reviews(sid))
        own, linked, reviews = pipe.execute()
    rejected = [o.decode() for o, d in reviews.items() if d == statements.REJECTED.encode()]
    return (own.decode() if own is not None else None), [m.decode() for m in linked], rejected


def _joinable(conn: redis.Redis, neighbours: list[str], rejected: list[str]) -> list[str]:
    """Claims of strong neighbours, best link first, without those holding a statement this one rejected."""
    out: list[str] = []
    for candidate in claims_of(conn, neighbours):
        if candidate and candidate not in out and not any(
            conn.zscore(keys.claim_statements(candidate), r) is not None for r in rejected
        ):
            out.append(candidate)
    return out


def _joinable_claims(conn: redis.Redis, sid: str, match_threshold: float) -> list[str]:
    """Claims of a statement's strong neighbours, read now, best link first, without rejected ones."""
    _, neighbours, rejected = _live_state(conn, sid, match_threshold)
    return _joinable(conn, neighbours, rejected)


def _reconcile_all(conn: redis.Redis, founded: list[dict[str, Any]], match_threshold: float) -> None:
    """_reconcile every statement that started a claim here and, read now, is alone in it with strong links."""
    if not founded:
        return
    own = claims_of(conn, [r["id"] for r in founded])
    with conn.pipeline(transaction=False) as pipe:
        for record, claim_id in zip(founded, own, strict=True):
            pipe.zcard(keys.claim_statements(claim_id or ""))
            pipe.zcount(keys.statement_links(record["id"]), match_threshold, "+inf")
        replies = pipe.execute()
    for i, record in enumerate(founded):
        if own[i] is not None and replies[2 * i] == 1 and replies[2 * i + 1]:
            _reconcile(conn, record, match_threshold)


def _reconcile(conn: redis.Redis, record: dict[str, Any], match_threshold: float) -> None:
    """Undo a race: two jobs processing the same claim at once may each start a claim for it.

    A statement that is still alone in the claim it started joins a neighbour's claim with a
    smaller id; the ordering makes two racing jobs converge instead of swapping places.
    """
    own = claim_of(conn, record["id"])
    if own is None or conn.zcard(keys.claim_statements(own)) != 1:
        return
    smaller = [c for c in _joinable_claims(conn, record["id"], match_threshold) if c < own]
    if smaller:
        detach(conn, [record["id"]])
        _join(conn, min(smaller), record["id"], record["order"])


def detach(conn: redis.Redis, sids: list[str]) -> None:
    """Take statements out of their claims, deleting claims left empty."""
    for sid, claim_id in zip(sids, claims_of(conn, sids), strict=True):
        if claim_id is None:
            continue
        conn.zrem(keys.claim_statements(claim_id), sid)
        conn.delete(keys.statement_claim(sid))
        if conn.zcard(keys.claim_statements(claim_id)) == 0:
            record = jsonutil.loads(conn.get(keys.claim(claim_id)))
            conn.delete(keys.claim(claim_id))
            if record:
                conn.srem(keys.speaker_claims(record["speaker_id"]), claim_id)


def rebuild(conn: redis.Redis, sids: list[str], match_threshold: float) -> None:
    """Recompute the claims of these statements from their current links."""
    detach(conn, sids)
    assign(conn, statements.get_many(conn, sids), match_threshold)


def merge(conn: redis.Redis, keep: str, absorb: str) -> None:
    """Move every statement of claim `absorb` into claim `keep` (a reviewer confirmed they are one)."""
    if keep == absorb:
        return
    members = conn.zrange(keys.claim_statements(absorb), 0, -1, withscores=True)
    for member, order in members:
        _join(conn, keep, member.decode(), order)
    conn.delete(keys.claim_statements(absorb))
    record = jsonutil.loads(conn.get(keys.claim(absorb)))
    conn.delete(keys.claim(absorb))
    if record:
        conn.srem(keys.speaker_claims(record["speaker_id"]), absorb)


def get(conn: redis.Redis, claim_id: str) -> dict[str, Any]:
    """A claim with its appearances in chronological order."""
    record = jsonutil.loads(conn.get(keys.claim(claim_id)))
    if record is None:
        raise NotFound(f"no claim with id {claim_id!r}")
    sids = [m.decode() for m in conn.zrange(keys.claim_statements(claim_id), 0, -1)]
    members = statements.refresh_speakers(conn, statements.get_many(conn, sids))
    appearances = [statements.appearance_view(m) for m in members]
    speaker = members[0]["speaker"] if members else {"id": record["speaker_id"], "name": None}
    reviews = _fact_checks(members)
    return {
        "id": claim_id,
        "speaker": speaker,
        "text": members[0]["text"] if members else None,
        "statement_count": len(members),
        "repetitions": max(len(members) - 1, 0),
        "article_count": len({m["article_id"] for m in members}),
        "first_appearance": appearances[0] if appearances else None,
        "last_appearance": appearances[-1] if appearances else None,
        "appearances": appearances,
        "fact_checks": reviews,
        "verdict": reviews[0].get("rating") if reviews else None,
        "created_at": record["created_at"],
    }


def _fact_checks(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fact-checks matched by any appearance of the claim, best first, each once."""
    best: dict[str, dict[str, Any]] = {}
    for member in members:
        for review in member.get("fact_checks") or []:
            if review["id"] not in best or review["score"] > best[review["id"]]["score"]:
                best[review["id"]] = review
    return sorted(best.values(), key=lambda r: (not r.get("by_speaker"), -r["score"]))


def speaker_claim_page(
    conn: redis.Redis, speaker_id: str, sort: str, offset: int, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """A speaker's claims sorted by repetitions or by most recent appearance, one page."""
    claim_ids = sorted(m.decode() for m in conn.smembers(keys.speaker_claims(speaker_id)))
    with conn.pipeline(transaction=False) as pipe:
        for claim_id in claim_ids:
            pipe.zcard(keys.claim_statements(claim_id))
            pipe.zrange(keys.claim_statements(claim_id), -1, -1, withscores=True)
        raw = pipe.execute()
    stats = []
    for i, claim_id in enumerate(claim_ids):
        count, last = raw[2 * i], raw[2 * i + 1]
        stats.append((claim_id, int(count), float(last[0][1]) if last else 0.0))
    if sort == "repetitions":
        stats.sort(key=lambda s: (-s[1], -s[2], s[0]))
    else:
        stats.sort(key=lambda s: (-s[2], s[0]))
    page = [get(conn, claim_id) for claim_id, _, _ in stats[offset : offset + limit]]
    return page, len(stats)


def to_jsonld(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim as a schema.org Claim (JSON-LD), the form fact-checkers publish and consume."""

    def work(a: dict[str, Any]) -> dict[str, Any]:
        node: dict[str, Any] = {"@type": "CreativeWork", "datePublished": a.get("published_at")}
        if a.get("article_url"):
            node["url"] = a["article_url"]
        if a.get("article_title"):
            node["headline"] = a["article_title"]
        if a.get("source"):
            node["publisher"] = {"@type": "Organization", "name": a["source"]}
        return node

    author = {"@type": "Person", "name": claim["speaker"]["name"]} if claim.get("speaker") else None
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "identifier": claim["id"],
        "text": claim["text"],
        "author": author,
        "appearance": [work(a) for a in claim["appearances"]],
    }
    if claim["first_appearance"]:
        doc["firstAppearance"] = work(claim["first_appearance"])
        doc["datePublished"] = claim["first_appearance"].get("published_at")
    return {k: v for k, v in doc.items() if v is not None}
