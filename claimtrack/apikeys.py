"""API keys: random secrets shown once, stored as SHA-256 hashes, with scopes read < write < admin."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

import redis

from claimtrack import jsonutil, keys, store
from claimtrack.errors import ClaimtrackError, NotFound
from claimtrack.timeutil import now_iso

SCOPES = ("read", "write", "admin")
TOKEN_PREFIX = "ctk_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def expand(scopes: list[str]) -> set[str]:
    """Scopes a key effectively holds: admin implies write, write implies read."""
    held = set(scopes)
    if "admin" in held:
        held |= {"write", "read"}
    if "write" in held:
        held.add("read")
    return held


def create(conn: redis.Redis, name: str, scopes: list[str]) -> tuple[dict[str, Any], str]:
    """Create a key; returns its public record and the token (shown only this once)."""
    unknown = set(scopes) - set(SCOPES)
    if not scopes or unknown:
        raise ClaimtrackError(f"scopes must be a non-empty subset of {', '.join(SCOPES)}")
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    record = {"id": key_id, "name": name, "scopes": sorted(set(scopes), key=SCOPES.index),
              "created_at": now_iso(), "revoked_at": None, "sha256": _digest(secret)}
    with store.atomic(conn) as tx:
        tx.set(keys.api_key(key_id), jsonutil.dumps(record))
        tx.then()
        tx.sadd(keys.api_keys(), key_id)
        tx.execute()
    return public(record), f"{TOKEN_PREFIX}{key_id}.{secret}"


def public(record: dict[str, Any]) -> dict[str, Any]:
    """A key record without its hash."""
    return {k: v for k, v in record.items() if k != "sha256"}


def verify(conn: redis.Redis, token: str) -> dict[str, Any] | None:
    """The active key record a token belongs to, or None (constant-time comparison of hashes)."""
    if not token.startswith(TOKEN_PREFIX) or "." not in token:
        return None
    key_id, secret = token[len(TOKEN_PREFIX):].split(".", 1)
    record = jsonutil.loads(conn.get(keys.api_key(key_id))) if key_id.isalnum() else None
    if record is None or record.get("revoked_at"):
        return None
    if not hmac.compare_digest(record["sha256"], _digest(secret)):
        return None
    return public(record)


def list_keys(conn: redis.Redis) -> list[dict[str, Any]]:
    """Every key (active and revoked), oldest first, without hashes."""
    ids = sorted(m.decode() for m in conn.smembers(keys.api_keys()))
    records = [jsonutil.loads(r) for r in store.mget(conn, [keys.api_key(i) for i in ids])] if ids else []
    return sorted((public(r) for r in records if r), key=lambda r: r["created_at"])


def revoke(conn: redis.Redis, key_id: str) -> dict[str, Any]:
    """Revoke a key; it stops working at once."""
    record = jsonutil.loads(conn.get(keys.api_key(key_id)))
    if record is None:
        raise NotFound(f"no API key with id {key_id!r}")
    record["revoked_at"] = record.get("revoked_at") or now_iso()
    conn.set(keys.api_key(key_id), jsonutil.dumps(record))
    return public(record)
