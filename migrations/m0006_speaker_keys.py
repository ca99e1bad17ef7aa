"""Migration 0006: speakers' alias keys under the rules of this version of `speaker_key`.

The key of a name changed in three ways: a title word that ends a name is its surname ('Angus
King' was 'angus'), Ukrainian, Russian and English forms of a given name share one key
('Volodymyr'/'Vladimir'), and a name with a middle initial also answers to the name without it.
Every speaker's recorded spellings get their new keys, added beside the old ones (nothing is
removed, so nothing that resolved before stops resolving); a key already taken by another
speaker is left to it and logged, for a reviewer to merge the two. Idempotent.
"""

from __future__ import annotations

import logging

import redis

from claimtrack import jsonutil, keys, speakers
from workers.extraction.names import speaker_key

DESCRIPTION = "speaker alias keys recomputed (titles, given-name forms, middle initials)"
log = logging.getLogger(__name__)


def apply(conn: redis.Redis) -> None:
    """Add the new alias keys of every speaker's spellings, oldest speaker first (so the speaker
    who had a contested key first keeps it). Run it with the workers stopped (README, Upgrading)."""
    records = []
    for key in conn.scan_iter(match=b"ct:speaker:{*}", count=500):
        if not key.endswith(b"}"):  # the speaker's statements, vectors, claims: not the record
            continue
        record = jsonutil.loads(conn.get(key))
        if isinstance(record, dict) and "merged_into" not in record and "id" in record:
            records.append((record.get("created_at", ""), record["id"], key, record))
    for _, speaker_id, key, record in sorted(records, key=lambda r: (r[0], r[1])):
        alias_keys = list(record.get("alias_keys", []))
        for alias_key in [*alias_keys, *(speaker_key(name) for name in record.get("aliases", []))]:
            if not alias_key:
                continue
            base = speakers.without_initials(alias_key)
            if base != alias_key:  # 'donald trump' for 'donald j trump', old keys too
                conn.set(keys.speaker_alias(base), speaker_id, nx=True)
            if alias_key in alias_keys:
                continue
            owner = conn.get(keys.speaker_alias(alias_key))
            if owner is None:
                conn.set(keys.speaker_alias(alias_key), speaker_id)
            elif owner != speaker_id.encode():
                # two speakers that the new rules say are one person: left to a reviewer
                log.warning("speakers %s and %s share the key %r now: merge them with "
                            "POST /v1/speakers/%s/merge if they are one person",
                            owner.decode(), speaker_id, alias_key, owner.decode())
                continue
            alias_keys.append(alias_key)
            conn.sadd(keys.speaker_surname(speakers.surname(alias_key)), speaker_id)
        if alias_keys != record.get("alias_keys", []):
            record["alias_keys"] = alias_keys
            conn.set(key, jsonutil.dumps(record))
