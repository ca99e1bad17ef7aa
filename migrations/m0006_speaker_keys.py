"""Migration 0006: speakers' alias keys under the rules of this version of `speaker_key`.

The key of a name changed in three ways: a title word that ends a name is its surname ('Angus
King' was 'angus'), Ukrainian, Russian and English forms of a given name share one key
('Volodymyr'/'Vladimir'), and a name with a middle initial also answers to the name without it.
Every speaker's recorded spellings get their new keys, added beside the old ones (nothing is
removed, so nothing that resolved before stops resolving); a key already taken by another
speaker is left to it. Idempotent.
"""

from __future__ import annotations

import redis

from claimtrack import jsonutil, keys, speakers
from workers.extraction.names import speaker_key

DESCRIPTION = "speaker alias keys recomputed (titles, given-name forms, middle initials)"


def apply(conn: redis.Redis) -> None:
    """Add the new alias keys of every speaker's spellings."""
    for key in conn.scan_iter(match=b"ct:speaker:{*}", count=500):
        if not key.endswith(b"}"):  # the speaker's statements, vectors, claims: not the record
            continue
        record = jsonutil.loads(conn.get(key))
        if not isinstance(record, dict) or "merged_into" in record or "id" not in record:
            continue
        speaker_id = record["id"]
        alias_keys = list(record.get("alias_keys", []))
        for name in record.get("aliases", []):
            alias_key = speaker_key(name)
            if not alias_key or alias_key in alias_keys:
                continue
            if conn.set(keys.speaker_alias(alias_key), speaker_id, nx=True) or \
                    conn.get(keys.speaker_alias(alias_key)) == speaker_id.encode():
                alias_keys.append(alias_key)
                conn.sadd(keys.speaker_surname(speakers.surname(alias_key)), speaker_id)
                if speakers.without_initials(alias_key) != alias_key:
                    conn.set(keys.speaker_alias(speakers.without_initials(alias_key)), speaker_id, nx=True)
        if alias_keys != record.get("alias_keys", []):
            record["alias_keys"] = alias_keys
            conn.set(key, jsonutil.dumps(record))
