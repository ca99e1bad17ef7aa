"""Per-process cache of each speaker's embedding matrix, refreshed incrementally from Redis.

Matching a new statement needs every earlier statement of its speaker. Loading them with HGETALL
moves 768 bytes per statement on every job (77 MB for a speaker with 100k statements); this cache
keeps the float32 matrix in the worker and, on each use, asks Redis only for the hash length.
When the length changed it fetches the field names (HKEYS) and then only the new vectors (HMGET),
and drops the ids that are gone. For a large speaker it also keeps a quantised copy of the matrix
in packed blocks (`index`, `new_index`): 4-bit (workers/int4_scan.py) where torch runs AVX-512
kernels, else int8 (workers/int8_scan.py). Either gives the same pairs as the float32 product.

Appends are amortised: each matrix lives in a buffer with room to grow (a quarter more than it
holds, at least SPARE_ROWS rows), so appending a job's statements writes only their rows. Copying
a 100k-statement matrix on every append cost about 20 ms a job, ten times the match itself. The
cache's size limit counts buffer rows, spare room included.

What the length alone cannot see: an id removed and re-added with a different vector between two
looks at an unchanged length (an article reprocessed while nothing else was written for its
speakers). Pass `removal_counter`, the key of a per-speaker counter that every HDEL path INCRs in
the same transaction, to close that gap: when it moves, the speaker's matrix is reloaded whole.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import redis

from claimtrack import keys
from claimtrack.statements import VECTOR_DTYPE
from workers import int4_scan, int8_scan
from workers.int4_scan import Int4Index
from workers.int8_scan import Int8Index
from workers.quantised_scan import MIN_ROWS, FittedScan


def new_index() -> FittedScan | None:
    """An empty index of a kind this torch build runs correctly (None: scan in float32): 4-bit
    where torch dispatches AVX-512 kernels (`torch.backends.cpu.get_cpu_capability`), else int8.

    Measured, one query against 100k rows: on a 2-core Zen 4 (AVX-512) the 4-bit index 1.9 ms
    against 3.3 ms for the int8 one, then scanning all 384 coordinates (the int8 index over 256 was
    not measured there); on a 2-core AVX2-only EPYC, both over 256, 4-bit 4.3-4.8 ms against int8
    3.5-4.4 ms."""
    int4, int8 = int4_scan.available(), int8_scan.available()
    if int4 and (not int8 or _avx512()):
        return Int4Index()
    if int8:
        return Int8Index()
    return None


def _avx512() -> bool:
    import torch

    return torch.backends.cpu.get_cpu_capability().startswith("AVX512")


SPARE_ROWS = 16  # least spare room a matrix's buffer gets when it grows (an article's statements)


@dataclass
class _Entry:
    ids: list[str]
    store: np.ndarray  # (capacity, dims) float32: the matrix, then spare rows for appends
    removals: bytes | None
    positions: dict[str, int] = field(default_factory=dict)
    index: FittedScan | None = None  # over matrix[:index.rows], built on first use (MIN_ROWS and up)

    @property
    def matrix(self) -> np.ndarray:
        """The rows in use, as a view: rows appended later never change what it shows."""
        return self.store[:len(self.ids)]

    def appended(self, ids: list[str], rows: np.ndarray) -> _Entry:
        """This entry with rows added at the end (in place in the buffer when it has room; the index
        and the rows before stay valid)."""
        held, need = len(self.ids), len(self.ids) + len(rows)
        store = self.store
        if store.shape[0] < need or store.shape[1] != rows.shape[1]:
            store = np.empty((need + max(SPARE_ROWS, need // 4), rows.shape[1]), dtype=np.float32)
            if held:
                store[:held] = self.matrix
        store[held:need] = rows
        positions = self.positions  # this entry is replaced by the new one, so its dict can move on
        positions.update((sid, held + i) for i, sid in enumerate(ids))
        return _Entry(self.ids + ids, store, self.removals, positions, self.index)


class SpeakerVectorCache:
    """Speaker id -> (statement ids, float32 unit-vector matrix), row-aligned, kept in sync with Redis."""

    def __init__(self, conn: redis.Redis, max_vectors: int = 250_000,
                 removal_counter: Callable[[str], str] | None = None) -> None:
        self.conn = conn
        self.max_vectors = max_vectors
        self.removal_counter = removal_counter
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._held = 0

    def vectors(self, speaker_id: str, written: dict[str, np.ndarray] | None = None) -> tuple[list[str], np.ndarray]:
        """The speaker's statement ids and their (n, dims) float32 matrix, as stored in Redis now.

        `written`: statements this process has just stored for the speaker (id -> vector). When they
        account for the whole change in length, they are added without asking Redis for the field names.
        """
        key = keys.speaker_vectors(speaker_id)
        if self.max_vectors == 0:  # caching off: read the whole matrix every time
            whole = self._load(key, None)
            return whole.ids, whole.matrix
        with self.conn.pipeline(transaction=False) as pipe:
            pipe.hlen(key)
            if self.removal_counter:
                pipe.get(self.removal_counter(speaker_id))
            replies = pipe.execute()
        length = int(replies[0])
        removals = replies[1] if self.removal_counter else None
        entry = self._entries.get(speaker_id)
        if entry is None or entry.removals != removals:
            entry = self._load(key, removals)
        elif len(entry.ids) != length:
            unseen = {sid: v for sid, v in (written or {}).items() if sid not in entry.positions}
            if unseen and len(entry.ids) + len(unseen) == length:
                entry = self._append(entry, unseen)
            else:
                entry = self._refresh(key, entry)
        self._remember(speaker_id, entry)
        return entry.ids, entry.matrix

    def index(self, speaker_id: str) -> FittedScan | None:
        """A quantised index (`new_index`) over the speaker's matrix as `vectors` last returned it, for a speaker with
        at least MIN_ROWS statements (None below that, or with caching off). Built once,
        then extended as statements are appended; a reload after a removal builds it anew."""
        entry = self._entries.get(speaker_id)
        if entry is None or len(entry.ids) < MIN_ROWS:
            return None
        if entry.index is None:
            entry.index = new_index()
        return entry.index.extend(entry.matrix) if entry.index is not None else None

    def invalidate(self, speaker_id: str | None = None) -> None:
        """Forget one speaker (or everyone); the next look reloads from Redis."""
        if speaker_id is None:
            self._entries.clear()
            self._held = 0
        elif speaker_id in self._entries:
            self._held -= _rows(self._entries.pop(speaker_id))

    def _load(self, key: str, removals: bytes | None) -> _Entry:
        stored = self.conn.hgetall(key)
        ids = [k.decode() for k in stored]
        return _Entry(ids, _decode(list(stored.values())), removals, {sid: i for i, sid in enumerate(ids)})

    def _refresh(self, key: str, entry: _Entry) -> _Entry:
        current = [k.decode() for k in self.conn.hkeys(key)]
        present = set(current)
        keep = [i for i, sid in enumerate(entry.ids) if sid in present]
        new_ids = [sid for sid in current if sid not in entry.positions]
        blobs = self.conn.hmget(key, new_ids) if new_ids else []
        # A field deleted between HKEYS and HMGET comes back as None: leave it out.
        fresh = [(sid, b) for sid, b in zip(new_ids, blobs, strict=True) if b is not None]
        if len(keep) == len(entry.ids):  # rows only appended: the packed blocks still hold
            return entry.appended([sid for sid, _ in fresh], _decode([b for _, b in fresh])) if fresh else entry
        ids = [entry.ids[i] for i in keep] + [sid for sid, _ in fresh]
        matrix = entry.matrix[keep]
        if fresh:
            matrix = np.vstack([matrix, _decode([b for _, b in fresh])])
        return _Entry(ids, np.ascontiguousarray(matrix), entry.removals, {sid: i for i, sid in enumerate(ids)})

    def _append(self, entry: _Entry, unseen: dict[str, np.ndarray]) -> _Entry:
        # Round-trip through the stored dtype so that cached rows equal what a reload would give.
        added = np.vstack([np.asarray(v, dtype=VECTOR_DTYPE) for v in unseen.values()]).astype(np.float32)
        return entry.appended(list(unseen), added)

    def _remember(self, speaker_id: str, entry: _Entry) -> None:
        old = self._entries.pop(speaker_id, None)
        self._held += _rows(entry) - (_rows(old) if old else 0)
        self._entries[speaker_id] = entry
        # Least recently used speakers go first when the cache holds too many vectors.
        while self._held > self.max_vectors and len(self._entries) > 1:
            _, evicted = self._entries.popitem(last=False)
            self._held -= _rows(evicted)


def _rows(entry: _Entry) -> int:
    """Rows an entry holds memory for, spare room included."""
    return int(entry.store.shape[0])


def _decode(blobs: list[bytes]) -> np.ndarray:
    if not blobs:
        return np.zeros((0, 0), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype=VECTOR_DTYPE).reshape(len(blobs), -1).astype(np.float32)
