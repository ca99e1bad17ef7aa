"""Fact-checkers' corrections: add an alias, merge two speakers, move a statement to another speaker.

Each correction changes who said what; the affected speakers' links and claims are then
recomputed by the `relink_speaker` job (see workers/jobs.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import redis

from claimtrack import claims, jsonutil, keys, speakers, statements, store
from claimtrack.errors import ClaimtrackError, Conflict, NotFound
from workers.extraction.names import speaker_key


def add_alias(conn: redis.Redis, speaker_id: str, alias: str, key: str | None = None) -> dict[str, Any]:
    """Make `alias` resolve to this speaker in future articles (409 when it names someone else)."""
    with exclusive(conn):
        return _add_alias(conn, speaker_id, alias, key)


def _add_alias(conn: redis.Redis, speaker_id: str, alias: str, key: str | None) -> dict[str, Any]:
    record = speakers.get(conn, speaker_id)
    speaker_id = record["id"]  # an old, merged id stands for the speaker it was merged into
    key = key or speaker_key(alias)  # the key extraction looks a mention of the name up by
    if not key:
        raise ClaimtrackError("the alias must contain Latin letters or digits")
    if not conn.set(keys.speaker_alias(key), speaker_id, nx=True):
        owner = conn.get(keys.speaker_alias(key))
        if owner is not None and owner.decode() != speaker_id:
            raise Conflict(f"alias {alias!r} already belongs to speaker {owner.decode()}; merge the speakers instead",
                           speaker_id=owner.decode())
    speakers.index_key_forms(conn, speaker_id, key)  # as for a name met in an article
    if alias not in record["aliases"]:
        record["aliases"].append(alias)
    record.setdefault("alias_keys", [])
    if key not in record["alias_keys"]:
        record["alias_keys"].append(key)
    conn.set(keys.speaker(speaker_id), jsonutil.dumps(record))
    return record


def retag(conn: redis.Redis, record: dict[str, Any], to: dict[str, Any], vector: bytes | None = None) -> None:
    """Move one statement's record, index entry and vector from its speaker to `to`. `vector`: the
    encoded embedding when the caller holds it (an article job: the source's copy may be gone; a move of
    a statement without a speaker, which read its own copy)."""
    # Earlier moves of this statement that stopped half way (on a cluster) may have left entries under
    # the speakers they were going to: take the vector from there if need be, and remove them.
    sources = statements.indexed_under(record)
    pending = record.pop(statements.MOVING_TO, [])
    for source in sources:
        if vector is not None:
            break
        vector = conn.hget(keys.speaker_vectors(source), record["id"])
    if vector is None:  # a statement that had no speaker keeps its embedding on its own
        vector = conn.get(keys.statement_vector(record["id"]))
    claims.detach(conn, [record["id"]])
    # On a cluster: the record notes where it is going (still naming the old speaker, so running the
    # move again completes it), then the new speaker's entries, then those under the old speaker and
    # earlier targets removed, then the record. On one Redis all of it is one transaction.
    with store.atomic(conn) as tx:
        targets = [*(p for p in pending if p != to["id"]), to["id"]]  # until the move ends, every one tried
        tx.set(keys.statement(record["id"]), jsonutil.dumps({**record, statements.MOVING_TO: targets}))
        tx.then()
        tx.zadd(keys.speaker_statements(to["id"]), {record["id"]: record["order"]})
        if vector is not None:
            tx.hset(keys.speaker_vectors(to["id"]), record["id"], vector)
        tx.then()
        for source in sources:
            if source != to["id"]:  # never remove what phase 2 just added
                statements.unindex(tx, source, record["id"])
        tx.then()
        record["speaker"] = {"id": to["id"], "name": to["name"]}
        tx.set(keys.statement(record["id"]), jsonutil.dumps(record))
        tx.delete(keys.statement_vector(record["id"]))
        tx.execute()


def move_statement(conn: redis.Redis, sid: str, speaker_id: str) -> tuple[dict[str, Any], str | None]:
    """Attribute a statement to another speaker; returns the record and the previous speaker id."""
    with exclusive(conn):
        return _move_statement(conn, sid, speaker_id)


def _move_statement(conn: redis.Redis, sid: str, speaker_id: str) -> tuple[dict[str, Any], str | None]:
    record = statements.get(conn, sid)
    target = speakers.get(conn, speaker_id)
    speaker_id = target["id"]
    previous = record["speaker"]["id"] if record.get("speaker") else None
    if previous == speaker_id and not record.get(statements.MOVING_TO):
        return record, previous
    vector = None  # a statement without a speaker keeps its embedding on its own: read once, here
    if record.get("speaker") is None and not record.get(statements.MOVING_TO):
        vector = conn.get(keys.statement_vector(sid))
        if vector is None:
            raise Conflict("statement was stored before claimtrack kept the embeddings of statements without a "
                           "speaker, so it cannot be attributed")
    retag(conn, record, target, vector)
    return record, previous


LOCK_SECONDS = 600  # a correction that stopped renewing its lock this long ago is a dead one


@contextmanager
def exclusive(conn: redis.Redis) -> Iterator[Callable[[], None]]:
    """One reviewer correction (merge, move, alias) at a time, service-wide; 409 while another runs.
    They are rare, and two at once over shared speakers can undo each other ('A into B' while 'B into
    C', a move onto a speaker being absorbed, an alias written back over a merge). Yields a function
    that renews the lock, for long merges."""
    lock, token = keys.speakers_merge_lock(), uuid.uuid4().hex
    if not conn.set(lock, token, nx=True, ex=LOCK_SECONDS):
        raise Conflict("another correction of speakers (a merge, move or alias) is running; try again shortly")

    def renew() -> None:
        conn.expire(lock, LOCK_SECONDS)

    try:
        yield renew
    finally:
        if conn.get(lock) == token.encode():
            conn.delete(lock)


def merged_into(conn: redis.Redis, speaker_id: str) -> str | None:
    """The id of the speaker `speaker_id` has been, or is being, merged into; None when it stands."""
    raw = conn.get(keys.speaker_merging(speaker_id))
    if raw is not None:
        return str(speakers.get(conn, raw.decode())["id"])
    record = jsonutil.loads(conn.get(keys.speaker(speaker_id)))
    if record is not None and "merged_into" in record:
        return str(speakers.get(conn, record["merged_into"])["id"])
    return None


def merge(conn: redis.Redis, keep_id: str, absorb_id: str) -> dict[str, Any]:
    """Fold speaker `absorb_id` into `keep_id`: statements, aliases, roles; the absorbed id disappears.
    One correction at a time (`exclusive`)."""
    with exclusive(conn) as renew:
        keep, absorb = speakers.get(conn, keep_id), speakers.get(conn, absorb_id)
        keep_id, absorb_id = keep["id"], absorb["id"]  # old, merged ids stand for their speakers
        if keep_id == absorb_id:
            raise ClaimtrackError("cannot merge a speaker into itself (it may have been merged already)")
        # An article job may be writing statements under the absorbed speaker right now: those it
        # writes after this mark it moves itself (workers/jobs.py); those written before are listed.
        mark = keys.speaker_merging(absorb_id)
        conn.set(mark, keep_id, ex=LOCK_SECONDS)

        def renew_both() -> None:
            renew()
            conn.expire(mark, LOCK_SECONDS)

        try:
            _merge(conn, keep, absorb, renew_both)
        finally:
            conn.delete(mark)  # done: the stub says where it went; failed: it stands
    return keep


def _merge(conn: redis.Redis, keep: dict[str, Any], absorb: dict[str, Any], renew: Callable[[], None]) -> None:
    keep_id, absorb_id = keep["id"], absorb["id"]
    for k, sid in enumerate(m.decode() for m in conn.zrange(keys.speaker_statements(absorb_id), 0, -1)):
        if k % 100 == 99:
            renew()
        try:
            record = statements.get(conn, sid)
        except NotFound:
            continue  # its article was reprocessed meanwhile: the rerun writes it again, under the kept id
        retag(conn, record, keep)
    for key in absorb.get("alias_keys", []):
        conn.set(keys.speaker_alias(key), keep_id)
        base = keys.speaker_alias(speakers.without_initials(key))  # 'donald trump' for 'donald j trump'
        if conn.get(base) == absorb_id.encode():
            conn.set(base, keep_id)
        conn.srem(keys.speaker_surname(speakers.surname(key)), absorb_id)
        conn.sadd(keys.speaker_surname(speakers.surname(key)), keep_id)
    for field in ("aliases", "roles", "alias_keys"):
        keep.setdefault(field, [])
        keep[field] += [v for v in absorb.get(field, []) if v not in keep[field]]
    keep.setdefault("merged_from", []).append(absorb_id)
    with store.atomic(conn) as tx:
        tx.set(keys.speaker(keep_id), jsonutil.dumps(keep))
        tx.then()  # on a cluster: the kept speaker holds the aliases before the other one points to it
        tx.set(keys.speaker(absorb_id), jsonutil.dumps({"id": absorb_id, "merged_into": keep_id}))
        tx.delete(keys.speaker_statements(absorb_id))
        tx.delete(keys.speaker_vectors(absorb_id))
        tx.delete(keys.speaker_claims(absorb_id))
        tx.incr(keys.speaker_vector_removals(absorb_id))
        tx.zrem(keys.speakers(), speakers.index_member(absorb["name"], absorb_id))
        tx.execute()
