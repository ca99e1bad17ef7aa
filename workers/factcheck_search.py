"""Fact-check search: an in-worker cache of the indexed fact-checks, the search job, statement matching."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import redis

from claimtrack import factchecks, speakers
from claimtrack.errors import NotFound
from workers.context import WorkerContext
from workers.embedding import DIMENSIONS
from workers.extraction import speaker_key
from workers.retrieval.bm25 import BM25Index
from workers.retrieval.coarse import CoarseLists, list_count
from workers.retrieval.ranker import Ranker, candidate_features
from workers.retrieval.text import normalise_query, parse_day, query_date, tokenize

RESULT_FIELDS = ("identifier", "claim_reviewed", "rating", "publisher", "url", "date_published", "claim_author")
FETCH_CHUNK = 1_000
# From this many fact-checks on, queries probe coarse lists (workers/retrieval/coarse.py) instead of
# scanning every vector; the lists are rebuilt when the collection has grown by a third.
COARSE_MIN = 200_000
COARSE_REBUILD = 4 / 3
COARSE_PROBE = 16


@dataclass
class FactCheckIndex:
    """Vectors, lexical index and summaries of every indexed fact-check, kept current from the indexing log."""

    ranker: Ranker
    epoch: str = ""
    log_position: int = 0
    ids: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    summaries: list[dict[str, Any]] = field(default_factory=list)
    author_keys: list[frozenset[str]] = field(default_factory=list)
    claim: np.ndarray = field(default_factory=lambda: np.zeros((0, DIMENSIONS), dtype=np.float32))
    headline: np.ndarray = field(default_factory=lambda: np.zeros((0, DIMENSIONS), dtype=np.float32))
    days: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))  # review date, NaN if unknown
    lexical: BM25Index = field(default_factory=BM25Index)
    coarse: CoarseLists | None = None
    coarse_min: int = COARSE_MIN
    coarse_probe: int = COARSE_PROBE
    moved: set[int] = field(default_factory=set)  # rows whose vectors changed since the lists were built
    building: threading.Thread | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def refresh(self, conn: redis.Redis) -> None:
        """Take in what was indexed since the last call (everything again if the store was recreated)."""
        epoch, new_ids = factchecks.read_log(conn, self.log_position)
        if epoch != self.epoch:
            fresh = FactCheckIndex(self.ranker, epoch=epoch, coarse_min=self.coarse_min, coarse_probe=self.coarse_probe)
            self.__dict__.update(fresh.__dict__)
            epoch, new_ids = factchecks.read_log(conn, 0)
        self.log_position += len(new_ids)
        unique = list(dict.fromkeys(new_ids))
        for start in range(0, len(unique), FETCH_CHUNK):
            self._add(conn, unique[start:start + FETCH_CHUNK])
        self.organise(background=True)

    def organise(self, background: bool = False) -> None:
        """Build the coarse lists once the collection is large, and rebuild them as it grows.

        Rows added or changed since the last build are scanned exactly meanwhile. In the background
        (a worker refreshing its index) the build runs in a thread of its own, without the index
        lock, and the lists are swapped in when done: searches never wait for it (at 1M rows it
        takes tens of seconds on one core).
        """
        n = len(self.ids)
        if n < self.coarse_min:
            self.coarse, self.moved = None, set()
            return
        if self.coarse is not None and n < COARSE_REBUILD * self.coarse.built:
            return
        if self.building is not None and self.building.is_alive():
            return
        vectors = self.claim[:n]  # a view: later growth allocates a new array and leaves this one intact
        known = set(self.moved)
        if background:
            self.building = threading.Thread(target=self._build, args=(vectors, known, self.epoch),
                                             name="claimtrack-coarse", daemon=True)
            self.building.start()
        else:
            self._build(vectors, known, self.epoch)

    def _build(self, vectors: np.ndarray, known: set[int], epoch: str) -> None:
        lists = CoarseLists.build(vectors, list_count(len(vectors)))
        if self.epoch != epoch:  # the store was recreated meanwhile: these rows are gone
            return
        # rows changed while the lists were being built stay scanned exactly (set() copies atomically)
        self.coarse, self.moved = lists, set(self.moved) - known

    def _add(self, conn: redis.Redis, ids: list[str]) -> None:
        found, claim, headline = factchecks.get_vectors(conn, ids, DIMENSIONS)
        records = factchecks.get_records(conn, found)
        present = [(i, r) for i, r in enumerate(records) if r is not None]
        for i, record in present:
            self.put(record["id"], record["summary"], claim[i], headline[i])

    def put(self, fid: str, summary: dict[str, Any], claim: np.ndarray, headline: np.ndarray) -> None:
        """Add or replace one fact-check: its stored summary and its claim and headline vectors."""
        row = self.rows.get(fid)
        shown = {"id": fid, **{k: summary.get(k) for k in RESULT_FIELDS}}
        authors = frozenset(k for k in (speaker_key(a) for a in summary.get("claim_authors", [])) if k)
        if row is None:
            row = len(self.ids)
            self._grow(row + 1)
            self.rows[fid] = row
            self.ids.append(fid)
            self.summaries.append(shown)
            self.author_keys.append(authors)
        else:
            self.summaries[row], self.author_keys[row] = shown, authors
            self.moved.add(row)  # its cluster may have changed: scanned exactly until the next build
        self.claim[row], self.headline[row] = claim, headline
        self.days[row] = _ordinal(parse_day(summary.get("date_published")))
        self.lexical.set_document(row, tokenize(summary["claim_reviewed"] + " " + (summary.get("headline") or "")))

    def _grow(self, size: int) -> None:
        if size <= self.claim.shape[0]:
            return
        capacity = max(size, 2 * self.claim.shape[0], 1024)
        for name in ("claim", "headline"):
            old = getattr(self, name)
            grown = np.zeros((capacity, DIMENSIONS), dtype=np.float32)
            grown[: old.shape[0]] = old
            setattr(self, name, grown)
        days = np.full(capacity, np.nan, dtype=np.float32)
        days[: self.days.shape[0]] = self.days
        self.days = days

    def candidates(self, query: str, vector: np.ndarray, day: date | None) -> tuple[np.ndarray, np.ndarray]:
        """Candidate rows for a normalised query, its embedding and date, with fused scores (unsorted)."""
        n = len(self.ids)
        lexical = self.lexical.scores(tokenize(query))
        coarse, moved = self.coarse, self.moved  # the build thread replaces both
        if coarse is None:  # every row
            rows, features = candidate_features(self.claim[:n] @ vector, self.headline[:n] @ vector, lexical,
                                                self.days[:n] - _ordinal(day), self.ranker.pool)
            return rows, self.ranker.score(features)
        # the probed clusters, the rows added since they were built and the lexical top: the same
        # features as the full scan whenever the dense top lies in the probed clusters
        pool = min(self.ranker.pool, n)
        universe = np.unique(np.concatenate([
            coarse.probe(vector, self.coarse_probe),
            np.arange(coarse.built, n),
            np.array(sorted(moved), dtype=np.int64),
            np.argpartition(-lexical, pool - 1)[:pool],
        ]))
        local, features = candidate_features(np.take(self.claim, universe, axis=0) @ vector,
                                             np.take(self.headline, universe, axis=0) @ vector,
                                             lexical[universe], self.days[universe] - _ordinal(day), self.ranker.pool)
        return universe[local], self.ranker.score(features)

    def ranked(self, query: str, vector: np.ndarray, day: date | None, limit: int, speaker_keys: frozenset[str],
               speaker_min_score: float) -> list[dict[str, Any]]:
        """The best `limit` fact-checks; the speaker's own reviewed claims scoring at least
        `speaker_min_score` come first."""
        if not self.ids:
            return []
        rows, scores = self.candidates(query, vector, day)
        order = np.argsort(-scores, kind="stable")
        by_speaker = [j for j in order if scores[j] >= speaker_min_score
                      and _same_person(self.author_keys[rows[j]], speaker_keys)]
        first = set(by_speaker)
        chosen = by_speaker + [j for j in order if j not in first]
        return [{**self.summaries[rows[j]], "score": round(float(scores[j]), 4), "by_speaker": j in first}
                for j in chosen[:limit]]


def _ordinal(day: date | None) -> float:
    return float(day.toordinal()) if day is not None else float("nan")


def _same_person(authors: frozenset[str], speaker_keys: frozenset[str]) -> bool:
    """Whether a claim author is the speaker: the same key, or the same surname with a compatible first name."""
    if not authors or not speaker_keys:
        return False
    if authors & speaker_keys:
        return True
    for a in authors:
        for s in speaker_keys:
            at, st = a.split(), s.split()
            if at[-1] == st[-1] and (len(at) == 1 or len(st) == 1 or at[0][0] == st[0][0]):
                return True
    return False


_index: FactCheckIndex | None = None
_index_lock = threading.Lock()  # the search thread and the job loop share the index


@contextmanager
def current_index(conn: redis.Redis) -> Iterator[FactCheckIndex]:
    """This process's fact-check index, refreshed from Redis, held by the caller alone meanwhile."""
    global _index
    with _index_lock:
        if _index is None:
            _index = FactCheckIndex(Ranker.load())
        _index.refresh(conn)
        yield _index


def speaker_keys(conn: redis.Redis, speaker: str | None) -> frozenset[str]:
    """Name keys of a speaker given by id (its name and aliases) or by name."""
    if not speaker:
        return frozenset()
    names = [speaker]
    try:
        record = speakers.get(conn, speaker)
        names = [record["name"], *record.get("aliases", [])]
    except NotFound:
        pass
    return frozenset(k for k in (speaker_key(n) for n in names) if k)


def search(ctx: WorkerContext, text: str, limit: int = 5, speaker: str | None = None) -> dict[str, Any]:
    """The fact-checks best matching `text`, best first (what the search thread answers)."""
    query = normalise_query(text)
    vector = ctx.embedder.encode([query], quick=True)[0]
    keys_ = speaker_keys(ctx.conn, speaker)
    with current_index(ctx.conn) as index:
        hits = index.ranked(query, vector, query_date(text), limit, keys_, ctx.settings.factcheck_speaker_min_score)
    return {"results": hits}


def match_statements(ctx: WorkerContext, rows: list[dict[str, Any]], vectors: np.ndarray) -> list[list[dict[str, Any]]]:
    """For each statement, the fact-checks scoring at least the calibrated minimum (a lower one for reviews
    of the statement's speaker's own claims), the speaker's own first."""
    if not rows:
        return []
    settings = ctx.settings
    with current_index(ctx.conn) as index:
        if not len(index):
            return [[] for _ in rows]
    speakers_ = [row["speaker"]["id"] if row.get("speaker") else None for row in rows]
    keys_by_speaker = {speaker: speaker_keys(ctx.conn, speaker) for speaker in set(speakers_)}  # Redis reads
    # One lock hold for the article's statements (a few ms): released and retaken per statement, the
    # job thread would win the lock back each time before a waiting search thread wakes.
    with _index_lock:
        ranked = [index.ranked(normalise_query(row["text"]), vector, parse_day(row.get("published_at")),
                               settings.factcheck_top_k, keys_by_speaker[speaker], settings.factcheck_speaker_min_score)
                  for row, vector, speaker in zip(rows, vectors, speakers_, strict=True)]
    out = []
    for hits in ranked:
        out.append([h for h in hits if h["score"] >= settings.factcheck_min_score
                    or (h["score"] >= settings.factcheck_speaker_min_score and h.get("by_speaker"))])
    return out
