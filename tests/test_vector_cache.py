"""The per-process speaker vector cache returns what Redis holds, after adds, removals and rewrites."""

from __future__ import annotations

import numpy as np
import redis

from claimtrack import keys, statements
from workers.vector_cache import SpeakerVectorCache

SPEAKER = "spk1"


def _unit(seed: int, n: int = 1) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, 384)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _store(conn: redis.Redis, sids: list[str], vectors: np.ndarray) -> None:
    for sid, vector in zip(sids, vectors, strict=True):
        conn.hset(keys.speaker_vectors(SPEAKER), sid, statements.encode_vector(vector))


def _as_dict(ids: list[str], matrix: np.ndarray) -> dict[str, np.ndarray]:
    return dict(zip(ids, matrix, strict=True))


def _assert_same_as_redis(conn: redis.Redis, cache: SpeakerVectorCache) -> None:
    ids, matrix = cache.vectors(SPEAKER)
    want_ids, want = statements.speaker_vectors(conn, SPEAKER)
    assert sorted(ids) == sorted(want_ids)
    got = _as_dict(ids, matrix)
    for sid, vector in _as_dict(want_ids, want).items():
        np.testing.assert_array_equal(got[sid], vector)


def test_new_statements_appear_and_removed_ones_go(redis_db: redis.Redis) -> None:
    cache = SpeakerVectorCache(redis_db)
    assert cache.vectors(SPEAKER)[0] == []
    _store(redis_db, ["a.0", "a.1", "a.2"], _unit(1, 3))
    _assert_same_as_redis(redis_db, cache)
    _store(redis_db, ["b.0", "b.1"], _unit(2, 2))
    _assert_same_as_redis(redis_db, cache)
    redis_db.hdel(keys.speaker_vectors(SPEAKER), "a.1", "b.0")
    _assert_same_as_redis(redis_db, cache)
    redis_db.hdel(keys.speaker_vectors(SPEAKER), "a.0")
    _store(redis_db, ["c.0", "c.1"], _unit(3, 2))
    _assert_same_as_redis(redis_db, cache)


def test_rewrite_at_same_length_is_seen_with_a_removal_counter(redis_db: redis.Redis) -> None:
    counter = lambda spk: f"test:{spk}:vector_removals"  # noqa: E731
    cache = SpeakerVectorCache(redis_db, removal_counter=counter)
    _store(redis_db, ["a.0", "a.1"], _unit(4, 2))
    _assert_same_as_redis(redis_db, cache)
    # The article is reprocessed: same ids, new vectors, same hash length.
    with redis_db.pipeline(transaction=True) as pipe:
        pipe.hdel(keys.speaker_vectors(SPEAKER), "a.0", "a.1")
        pipe.incr(counter(SPEAKER))
        pipe.execute()
    _store(redis_db, ["a.0", "a.1"], _unit(5, 2))
    _assert_same_as_redis(redis_db, cache)


def test_least_recently_used_speakers_are_evicted(redis_db: redis.Redis) -> None:
    cache = SpeakerVectorCache(redis_db, max_vectors=3)
    for n, speaker in enumerate(["s1", "s2", "s3"]):
        redis_db.hset(keys.speaker_vectors(speaker), f"{speaker}.0", statements.encode_vector(_unit(n)[0]))
        redis_db.hset(keys.speaker_vectors(speaker), f"{speaker}.1", statements.encode_vector(_unit(n + 10)[0]))
        cache.vectors(speaker)
    assert cache._held <= 3
    ids, matrix = cache.vectors("s1")
    assert sorted(ids) == ["s1.0", "s1.1"] and matrix.shape == (2, 384)


def test_own_writes_are_added_without_listing_the_hash(redis_db: redis.Redis) -> None:
    cache = SpeakerVectorCache(redis_db)
    _store(redis_db, ["a.0", "a.1"], _unit(6, 2))
    cache.vectors(SPEAKER)
    mine = _unit(7, 2)
    _store(redis_db, ["b.0", "b.1"], mine)
    ids, _ = cache.vectors(SPEAKER, written={"b.0": mine[0], "b.1": mine[1]})
    assert ids[-2:] == ["b.0", "b.1"]
    _assert_same_as_redis(redis_db, cache)
    # Another process wrote as well: the hint does not explain the new length, so the cache lists the hash.
    _store(redis_db, ["c.0"], _unit(8))
    theirs_and_mine = _unit(9)
    _store(redis_db, ["d.0"], theirs_and_mine)
    cache.vectors(SPEAKER, written={"d.0": theirs_and_mine[0]})
    _assert_same_as_redis(redis_db, cache)


def test_appends_write_in_place_and_leave_earlier_matrices_as_they_were(redis_db: redis.Redis) -> None:
    cache = SpeakerVectorCache(redis_db)
    _store(redis_db, ["a.0", "a.1"], _unit(20, 2))
    ids, first = cache.vectors(SPEAKER)
    before = first.copy()
    previous, copies = first, 0
    for k in range(300):
        vector = _unit(100 + k)
        _store(redis_db, [f"n.{k}"], vector)
        ids, matrix = cache.vectors(SPEAKER, written={f"n.{k}": vector[0]} if k % 3 else None)  # both paths
        copies += not np.shares_memory(matrix, previous)
        previous = matrix
    np.testing.assert_array_equal(first, before)  # a view handed out earlier shows the same rows
    assert len(ids) == 302 and ids[-1] == "n.299"
    assert copies <= 15  # the buffer grew now and then (by a quarter); rows were not copied on every append
    _assert_same_as_redis(redis_db, cache)


def test_spare_room_counts_against_the_cache_limit(redis_db: redis.Redis) -> None:
    cache = SpeakerVectorCache(redis_db, max_vectors=200)
    for k in range(40):  # many small speakers, each loaded and then given one more statement
        speaker = f"small.{k}"
        vectors = _unit(300 + k, 6)
        for i, v in enumerate(vectors):
            redis_db.hset(keys.speaker_vectors(speaker), f"{speaker}.{i}", statements.encode_vector(v))
        cache.vectors(speaker)
        redis_db.hset(keys.speaker_vectors(speaker), f"{speaker}.new", statements.encode_vector(vectors[0]))
        cache.vectors(speaker, written={f"{speaker}.new": vectors[0]})
    held = [entry.store.shape[0] for entry in cache._entries.values()]
    assert len(held) < 40 and sum(held) <= 200  # buffers, spare rows included, within the limit


def _records(article: str, n: int, speaker: str = SPEAKER) -> list[dict]:
    return [{"id": f"{article}.{i}", "speaker": {"id": speaker, "name": speaker}, "order": float(i)}
            for i in range(n)]


def test_reprocessing_an_article_is_seen_through_the_service_removal_counter(redis_db: redis.Redis) -> None:
    """statements.remove bumps keys.speaker_vector_removals, so a same-length rewrite reloads the speaker."""
    cache = SpeakerVectorCache(redis_db, removal_counter=keys.speaker_vector_removals)
    first = _records("a", 2)
    statements.write(redis_db, first, _unit(10, 2))
    _assert_same_as_redis(redis_db, cache)
    statements.remove(redis_db, [r["id"] for r in first])
    statements.write(redis_db, first, _unit(11, 2))  # same ids, same hash length, new vectors
    _assert_same_as_redis(redis_db, cache)


def test_moving_a_statement_away_is_seen(redis_db: redis.Redis) -> None:
    from claimtrack import speaker_admin, speakers

    cache = SpeakerVectorCache(redis_db, removal_counter=keys.speaker_vector_removals)
    other = speakers.resolve(redis_db, "Vera Kallio", "vera kallio", None)
    mine = speakers.resolve(redis_db, "Ossi Lund", "ossi lund", None)
    records = _records("m", 2, mine)
    statements.write(redis_db, records, _unit(12, 2))
    assert sorted(cache.vectors(mine)[0]) == ["m.0", "m.1"]
    speaker_admin.move_statement(redis_db, "m.1", other)
    # m.1 now belongs to `other`; a rewrite of m.0 at the length the cache last saw must be seen too.
    statements.write(redis_db, [records[0]], _unit(13, 1))
    ids, matrix = cache.vectors(mine)
    assert ids == ["m.0"]
    np.testing.assert_array_equal(matrix, statements.speaker_vectors(redis_db, mine)[1])
    assert cache.vectors(other)[0] == ["m.1"]


def test_zero_size_cache_reads_redis_every_time(redis_db: redis.Redis) -> None:
    cache = SpeakerVectorCache(redis_db, max_vectors=0)
    _store(redis_db, ["a.0"], _unit(14))
    _assert_same_as_redis(redis_db, cache)
    _store(redis_db, ["a.0"], _unit(15))  # overwritten in place: no cache to go stale
    _assert_same_as_redis(redis_db, cache)
    assert cache._held == 0
