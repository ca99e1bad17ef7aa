"""Reviewer decisions on same-claim links: a confirmed link always stays, a rejected one never returns."""

from __future__ import annotations

from typing import Any

import redis

from claimtrack import claims, keys, statements, store
from claimtrack.errors import ClaimtrackError, Conflict

ACTIONS = ("confirm", "reject")


def review_link(conn: redis.Redis, a: str, b: str, action: str, match_threshold: float) -> dict[str, Any]:
    """Confirm or reject the link between two statements of one speaker, and update their claims."""
    first, second = statements.get(conn, a), statements.get(conn, b)
    if a == b:
        raise ClaimtrackError("a statement cannot be linked to itself")
    if not first.get("speaker") or not second.get("speaker"):
        raise Conflict("only attributed statements can be linked")
    if first["speaker"]["id"] != second["speaker"]["id"]:
        raise Conflict("the statements have different speakers; move one to the other speaker first",
                       speakers=[first["speaker"]["id"], second["speaker"]["id"]])
    decision = statements.CONFIRMED if action == "confirm" else statements.REJECTED
    with store.atomic(conn) as tx:
        tx.hset(keys.statement_reviews(a), b, decision)
        tx.hset(keys.statement_reviews(b), a, decision)
        if decision == statements.CONFIRMED:
            tx.zadd(keys.statement_links(a), {b: 1.0})
            tx.zadd(keys.statement_links(b), {a: 1.0})
        else:
            tx.zrem(keys.statement_links(a), b)
            tx.zrem(keys.statement_links(b), a)
        tx.execute()
    claim_a, claim_b = claims.claim_of(conn, a), claims.claim_of(conn, b)
    if decision == statements.CONFIRMED:
        if claim_a and claim_b and claim_a != claim_b:
            keep, absorb = (claim_a, claim_b) if first["order"] <= second["order"] else (claim_b, claim_a)
            claims.merge(conn, keep, absorb)
        else:
            claims.assign(conn, [first, second], match_threshold)
    elif claim_a and claim_a == claim_b:
        members = [m.decode() for m in conn.zrange(keys.claim_statements(claim_a), 0, -1)]
        claims.rebuild(conn, members, match_threshold)
    return {"statement_id": a, "other_statement_id": b, "decision": decision,
            "claim_ids": {a: claims.claim_of(conn, a), b: claims.claim_of(conn, b)}}
