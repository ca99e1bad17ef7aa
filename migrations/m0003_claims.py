"""Migration 0003: claims and link reviews; every existing attributed statement gets a claim."""

from __future__ import annotations

import redis

DESCRIPTION = "claims: group linked statements of each speaker into claims"


def apply(conn: redis.Redis) -> None:
    """Assign claims to statements stored under layout 2, speaker by speaker, in chronological order."""
    from claimtrack import claims, statements
    from claimtrack.config import load_settings

    threshold = load_settings().match_threshold
    for key in conn.scan_iter(match=b"ct:speaker:{*}:statements", count=500):
        sids = [m.decode() for m in conn.zrange(key, 0, -1)]
        for start in range(0, len(sids), 500):
            claims.assign(conn, statements.get_many(conn, sids[start : start + 500]), threshold)
