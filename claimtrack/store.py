"""Multi-key reads and writes that work the same on one Redis and on a Redis Cluster.

On one Redis, `atomic(conn)` is one MULTI/EXEC transaction of every command given to it. On a
cluster, a transaction can only touch keys of one hash slot. There the commands run in phases,
separated by `tx.then()`, one phase after the other; within a phase, the commands of one slot run
as one MULTI/EXEC, in the order given (slots in no particular order). Callers put what must exist
first in an earlier phase: records before the indexes that point to them, index entries removed
before the records they point to. Every key of one speaker carries the hash tag `{speaker id}`
(keys.py), so a speaker's statement index, vectors and removal counter always change together,
cluster or not.

WATCH-based transactions stay in their modules: each watches and writes keys of one slot only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import redis
from redis.cluster import RedisCluster

from claimtrack.redis_client import LazyCluster


def is_cluster(conn: redis.Redis) -> bool:
    """Whether `conn` talks to a Redis Cluster (claimtrack.redis_client.connect of a redis+cluster:// URL)."""
    return isinstance(conn, (RedisCluster, LazyCluster))


Command = tuple[str, tuple[Any, ...], dict[str, Any]]


class Atomic:
    """Commands buffered like a redis-py pipeline (`tx.set(...)`, `tx.zadd(...)`), run by `execute`;
    `tx.then()` starts the next phase.

    Each command's first argument is its one key: a command over several keys (DEL a b) would
    cross slots on a cluster, so give one command per key.
    """

    def __init__(self, conn: redis.Redis) -> None:
        self.conn = conn
        self.commands: list[Command] = []
        self.phase_starts: list[int] = []

    def then(self) -> Atomic:
        """What follows runs after everything given so far (on a cluster; one transaction otherwise)."""
        self.phase_starts.append(len(self.commands))
        return self

    def __enter__(self) -> Atomic:
        return self

    def __exit__(self, *exc: object) -> None:
        self.commands, self.phase_starts = [], []

    def __getattr__(self, name: str) -> Callable[..., Atomic]:
        if name.startswith("_"):
            raise AttributeError(name)

        def buffer(*args: Any, **kwargs: Any) -> Atomic:
            self.commands.append((name, args, kwargs))
            return self

        return buffer

    def execute(self) -> list[Any]:
        """Run the buffered commands (one transaction, or one per slot on a cluster); replies in order."""
        commands, starts = self.commands, [0, *self.phase_starts, len(self.commands)]
        self.commands, self.phase_starts = [], []
        if not commands:
            return []
        if not is_cluster(self.conn):
            return _run(self.conn, commands)
        replies: list[Any] = [None] * len(commands)
        for low, high in itertools.pairwise(starts):
            groups: dict[int, list[int]] = {}
            for i in range(low, high):
                groups.setdefault(self.conn.keyslot(commands[i][1][0]), []).append(i)  # type: ignore[attr-defined]
            # a slot's commands as one transaction; lone commands (atomic anyway) in one plain pipeline
            batches = [(ix, True) for ix in groups.values() if len(ix) > 1]
            lone = [ix[0] for ix in groups.values() if len(ix) == 1]
            batches += [(lone, False)] if lone else []
            for indexes, transaction in batches:
                run = _run(self.conn, [commands[i] for i in indexes], transaction)
                for i, reply in zip(indexes, run, strict=True):
                    replies[i] = reply
        return replies


_REMOVE_UNLESS_RESCORED = """
local removed = 0
for i = 1, #ARGV, 2 do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) <= tonumber(ARGV[i + 1]) then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return removed
"""


def remove_unless_rescored(conn: redis.Redis, key: str, seen: Sequence[tuple[str, float]]) -> int:
    """ZREM each member of sorted set `key` whose score is still no higher than the score it was seen
    with (a member scored afresh since stays); returns how many went. One key per script call, so it
    is atomic on a cluster too, and no clocks are compared."""
    removed = 0
    for start in range(0, len(seen), 1000):
        args = [a for member, score in seen[start:start + 1000] for a in (member, repr(float(score)))]
        removed += int(conn.eval(_REMOVE_UNLESS_RESCORED, 1, key, *args))
    return removed


def _run(conn: redis.Redis, commands: Sequence[Command], transaction: bool = True) -> list[Any]:
    with conn.pipeline(transaction=transaction) as pipe:
        for name, args, kwargs in commands:
            getattr(pipe, name)(*args, **kwargs)
        return list(pipe.execute())


def atomic(conn: redis.Redis) -> Atomic:
    """A buffer of writes run as one transaction (per slot on a cluster); see the module docstring."""
    return Atomic(conn)


def mget(conn: redis.Redis, names: Sequence[str]) -> list[bytes | None]:
    """GET of many keys in one round trip per node (MGET cannot cross slots on a cluster)."""
    if not names:
        return []
    if is_cluster(conn):
        return list(conn.mget_nonatomic(list(names)))  # type: ignore[attr-defined]
    return list(conn.mget(list(names)))
