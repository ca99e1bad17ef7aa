"""Speaker records: one person, one id across articles, found through normalised aliases."""

from __future__ import annotations

import unicodedata
import uuid
from typing import Any

import redis

from claimtrack import jsonutil, keys, store
from claimtrack.errors import NotFound
from claimtrack.timeutil import now_iso


def new_speaker_id() -> str:
    """A fresh opaque speaker id."""
    return "p" + uuid.uuid4().hex[:16]


def get(conn: redis.Redis, speaker_id: str) -> dict[str, Any]:
    """The speaker record, or NotFound."""
    record = jsonutil.loads(conn.get(keys.speaker(speaker_id)))
    if record is None:
        raise NotFound(f"no speaker with id {speaker_id!r}")
    if "merged_into" in record:  # merged by a reviewer: the old id keeps working
        return get(conn, record["merged_into"])
    return dict(record)


def get_many(conn: redis.Redis, speaker_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Speaker records by id (missing ones left out)."""
    if not speaker_ids:
        return {}
    raws = store.mget(conn, [keys.speaker(s) for s in speaker_ids])
    found = {s: jsonutil.loads(r) for s, r in zip(speaker_ids, raws, strict=True) if r is not None}
    return {s: get(conn, s) if "merged_into" in r else r for s, r in found.items()}


def resolve(conn: redis.Redis, name: str, alias_key: str, role: str | None = None) -> str:
    """The id of the speaker known under `alias_key`, creating the speaker on first sight (race-safe)."""
    found = conn.get(keys.speaker_alias(alias_key))
    if found is None and " " not in alias_key:
        found = _unique_by_surname(conn, alias_key)
    if found is None and " " in alias_key:
        if alias_key.split()[-1] not in SUFFIXES:  # 'Donald Trump Jr.' is not who a bare 'Trump' was
            found = _bare_surname_speaker(conn, surname(alias_key))
        if found is None:
            found = _same_name_but_initials(conn, alias_key)
        if found is not None:
            conn.set(keys.speaker_alias(alias_key), found, nx=True)
    if found is not None:
        speaker_id = found.decode()
        _note_alias(conn, speaker_id, name, role, alias_key)
        return speaker_id
    speaker_id = new_speaker_id()
    if not conn.set(keys.speaker_alias(alias_key), speaker_id, nx=True):
        winner = conn.get(keys.speaker_alias(alias_key))
        assert winner is not None
        return winner.decode()
    record = {"id": speaker_id, "name": name, "aliases": [name], "roles": [role] if role else [],
              "alias_keys": [alias_key], "created_at": now_iso()}
    with store.atomic(conn) as tx:
        tx.set(keys.speaker(speaker_id), jsonutil.dumps(record))
        tx.then()  # on a cluster: the record before the indexes that lead to it
        tx.zadd(keys.speakers(), {index_member(name, speaker_id): 0})
        index_key_forms(tx, speaker_id, alias_key)
        tx.execute()
    return speaker_id


def index_key_forms(target: redis.Redis | store.Atomic, speaker_id: str, alias_key: str) -> None:
    """Let the forms a later mention of this name may take find the speaker: its bare surname, and
    the name without a middle initial ('Donald J. Trump' is who a later 'Donald Trump' is)."""
    target.sadd(keys.speaker_surname(surname(alias_key)), speaker_id)
    base = without_initials(alias_key)
    if base != alias_key:
        target.set(keys.speaker_alias(base), speaker_id, nx=True)


SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(alias_key: str) -> str:
    """The surname in an alias key, with its 'Jr.' or 'III' when it has one ('trump jr'): a bare
    'Trump' in a later article is not the son."""
    words = alias_key.split()
    if len(words) > 2 and words[-1] in SUFFIXES:
        return " ".join(words[-2:])
    return words[-1]


def _initials(alias_key: str) -> tuple[str, ...]:
    return tuple(w for w in alias_key.split()[1:-1] if len(w) == 1)


def without_initials(alias_key: str) -> str:
    """The key without middle initials: 'donald j trump' -> 'donald trump'."""
    words = alias_key.split()
    if len(words) < 3:
        return alias_key
    return " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])


def _same_name_but_initials(conn: redis.Redis, alias_key: str) -> bytes | None:
    """The speaker known under this name with no or the same middle initials ('Donald Trump' for
    'Donald J. Trump'); never one whose initials differ ('George W. Bush' for 'George H. W. Bush')."""
    base = without_initials(alias_key)
    found = conn.get(keys.speaker_alias(base)) if base != alias_key else None
    if found is None:
        return None
    record = jsonutil.loads(conn.get(keys.speaker(found.decode())))
    if record is None:
        return None
    mine = _initials(alias_key)
    theirs = {_initials(k) for k in record.get("alias_keys", []) if without_initials(k) == base}
    return found if all(t in ((), mine) for t in theirs) else None


def _unique_by_surname(conn: redis.Redis, surname: str) -> bytes | None:
    """A speaker id when exactly one known speaker has this surname."""
    members = conn.smembers(keys.speaker_surname(surname))
    return next(iter(members)) if len(members) == 1 else None


def _bare_surname_speaker(conn: redis.Redis, surname: str) -> bytes | None:
    """The speaker first seen under this bare surname only (so a full name can complete it)."""
    found = conn.get(keys.speaker_alias(surname))
    if found is None:
        return None
    record = jsonutil.loads(conn.get(keys.speaker(found.decode())))
    return found if record is not None and len(record["name"].split()) == 1 else None


def _note_alias(
    conn: redis.Redis, speaker_id: str, name: str, role: str | None, alias_key: str | None = None
) -> None:
    """Remember a new spelling or role of a speaker (the longest spelling becomes the name)."""
    key = keys.speaker(speaker_id)
    with conn.pipeline(transaction=True) as pipe:  # WATCH: one key, one slot
        while True:
            try:
                pipe.watch(key)
                record = jsonutil.loads(pipe.get(key))  # type: ignore[arg-type]
                if record is None:
                    pipe.unwatch()
                    return
                changed = False
                record.setdefault("alias_keys", [])
                if alias_key and alias_key not in record["alias_keys"]:
                    record["alias_keys"].append(alias_key)
                    changed = True
                if name not in record["aliases"]:
                    record["aliases"].append(name)
                    changed = True
                if role and role not in record["roles"]:
                    record["roles"].append(role)
                    changed = True
                if not changed:
                    pipe.unwatch()
                    return
                renamed = len(name.split()) > len(record["name"].split())
                if renamed:
                    record["name"] = name
                pipe.multi()
                pipe.set(key, jsonutil.dumps(record))
                pipe.execute()
                break
            except redis.WatchError:
                continue
    if renamed:
        reindex_name(conn, speaker_id)


def reindex_name(conn: redis.Redis, speaker_id: str) -> None:
    """List the speaker in the name index under its current name only.

    The index is another key than the record (another slot on a cluster), so it is brought in
    line after the record changed, from the record as read now; a concurrent rename may land
    meanwhile, so this repeats until the name read after the update is the one indexed.
    """
    record = jsonutil.loads(conn.get(keys.speaker(speaker_id)))
    for _ in range(10):
        if record is None or "merged_into" in record:
            return
        current = index_member(record["name"], speaker_id)
        stale = {index_member(a, speaker_id) for a in record["aliases"]} - {current}
        with store.atomic(conn) as tx:
            if stale:
                tx.zrem(keys.speakers(), *stale)
            tx.zadd(keys.speakers(), {current: 0})
            tx.execute()
        again = jsonutil.loads(conn.get(keys.speaker(speaker_id)))
        if again is None or again.get("name") == record["name"]:
            return
        record = again


def index_member(name: str, speaker_id: str) -> str:
    return f"{name.casefold()}\x00{speaker_id}"


def search(conn: redis.Redis, query: str | None, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """Speakers whose name or alias contains `query` (case-insensitive), by name, one page."""
    # each id once: an interrupted rename may have left a second entry under an older name
    ids = list(dict.fromkeys(m.decode().split("\x00", 1)[1] for m in conn.zrange(keys.speakers(), 0, -1)))
    records = get_many(conn, ids)
    rows = [records[i] for i in ids if i in records]
    if query:  # composed or decomposed accents alike ('Brönner' typed, 'Bro\u0308nner' stored)
        q = unicodedata.normalize("NFC", query).casefold()
        rows = [r for r in rows
                if any(q in unicodedata.normalize("NFC", a).casefold() for a in [r["name"], *r["aliases"]])]
    return rows[offset : offset + limit], len(rows)


def statement_count(conn: redis.Redis, speaker_id: str) -> int:
    """How many statements are attributed to the speaker."""
    return int(conn.zcard(keys.speaker_statements(speaker_id)))


def statement_page(conn: redis.Redis, speaker_id: str, offset: int, limit: int) -> list[str]:
    """Statement ids of a speaker, newest first, one page."""
    raw = conn.zrevrange(keys.speaker_statements(speaker_id), offset, offset + limit - 1)
    return [r.decode() for r in raw]
