"""Migration 0007: aliases added through the API get the key extraction looks names up by.

`POST /v1/speakers/{id}/aliases` stored an alias under a plain folding of its letters, while
extraction looks a name up by `speaker_key` ('Bill Whitcombe' is 'bil vhitcombe' there): such an
alias never routed a later article to its speaker. Every speaker's recorded spellings get their
`speaker_key` keys, as migration 0006 gives them (the old keys stay; a key another speaker holds
is left to it and logged). Idempotent.
"""

from __future__ import annotations

import redis

from migrations import m0006_speaker_keys

DESCRIPTION = "alias keys of aliases added through the API recomputed with speaker_key"


def apply(conn: redis.Redis) -> None:
    """Run it with the workers stopped (README, Upgrading)."""
    m0006_speaker_keys.apply(conn)
