"""Matching one new statement against a speaker's earlier statements: cold (from Redis) and warm (cache).

Uses a throwaway redis-server (LocalRedis, no persistence) in a temp dir, never the user's data.
Statement records are real-shaped (texts from the same source as bench/embedding.py); vectors are
random unit vectors, stored as the service stores them (float16 in the speaker's hash).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, real_statements
from claimtrack import keys, statements
from claimtrack.config import Settings
from claimtrack.local_redis import LocalRedis
from workers import int4_scan, int8_scan
from workers.context import limit_blas_threads
from workers.int4_scan import Int4Index
from workers.int8_scan import Int8Index
from workers.matching import similar_pairs
from workers.quantised_scan import MIN_ROWS, FittedScan
from workers.vector_cache import SpeakerVectorCache

THRESHOLD = Settings().possible_threshold  # what jobs scan a speaker's history with
BATCH = 16  # new statements by one speaker in one article, matched in one product


def _populate(conn: redis.Redis, speaker: str, n: int, texts: list[str]) -> None:
    rng = np.random.default_rng(n)
    for start in range(0, n, 5000):
        count = min(5000, n - start)
        vectors = rng.standard_normal((count, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        rows = []
        for i in range(start, start + count):
            article = f"a{i // 20:07d}"
            rows.append({
                "id": statements.statement_id(article, i % 20), "article_id": article, "position": i % 20,
                "text": texts[i % len(texts)], "span": [100 * (i % 20), 100 * (i % 20) + len(texts[i % len(texts)])],
                "kind": "reported", "speaker": {"id": speaker, "name": "Anselm Varga"},
                "speaker_mention": "Varga", "role": "Deputy Prime Minister", "cue": "said",
                "published_at": "2026-03-04T08:15:00Z", "article_title": "Norland will not renew Kestria gas deal",
                "article_url": f"https://example.org/norland-wire/2026/03/04/{article}", "source": "Norland Wire",
                "order": float(i),
            })
        statements.write(conn, rows, vectors)


def _memory_per_statement(conn: redis.Redis, speaker: str, n: int) -> tuple[float, float, float]:
    ids = [m.decode() for m in conn.zrange(keys.speaker_statements(speaker), 0, 499)]
    record = statistics.mean(int(conn.memory_usage(keys.statement(s)) or 0) for s in ids)
    vectors = int(conn.memory_usage(keys.speaker_vectors(speaker), samples=0) or 0) / n
    index = int(conn.memory_usage(keys.speaker_statements(speaker), samples=0) or 0) / n
    return record, vectors, index


def _median_ms(fn: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def run(sizes: list[int]) -> str:
    """Benchmark and return a markdown section."""
    limit_blas_threads()  # as in a worker: one BLAS thread and one torch thread
    texts, source = real_statements(2000)
    rng = np.random.default_rng(0)
    queries = rng.standard_normal((BATCH, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    new_ids = [f"new.{i}" for i in range(BATCH)]
    lines = [
        "## Matching",
        "",
        f"One speaker with n earlier statements; record texts from {source}; random unit vectors;",
        "one BLAS and one torch thread, as in a worker (workers/context.py).",
        "cold = HGETALL of the speaker's vectors + decode + product (`statements.speaker_vectors`: a worker's",
        "first job for a speaker, or any job with CLAIMTRACK_VECTOR_CACHE_MAX=0);",
        "warm = the worker's `SpeakerVectorCache.vectors` (one HLEN round trip) + product, what jobs do",
        f"afterwards: from {MIN_ROWS:,} statements on, the scan of the cache's quantised index plus",
        "the exact rescoring of rows that could reach the threshold (`vector_cache.new_index`: 4-bit,",
        "workers/int4_scan.py, where torch runs AVX-512 kernels, else int8, workers/int8_scan.py; same pairs,",
        "float32 scores); other = the same with the other kind of index, for comparison;",
        "baseline = the same warm lookup with the float32 product over the whole matrix (what jobs did before).",
        "build = packing the index on a speaker's first warm use (once per worker, extended on append).",
        f"job = one article's {BATCH} new statements written to Redis, appended to the warm cache (HLEN, no",
        "HKEYS: the worker wrote them) and matched in one product: what a job for a large speaker costs.",
        f"Threshold {THRESHOLD} (the possible-match threshold jobs scan with).",
        f"Medians; times per new statement. Batched = {BATCH} new statements of one speaker in one call (one article).",
        "",
        "| n | index | cold, 1 statement (ms) | warm, 1 statement (ms) | other, 1 (ms) | baseline fp32, 1 (ms) "
        "| ratio | warm, batched (ms/statement) | baseline fp32, batched | ratio | job (ms) | build (ms) "
        "| record (B) | vector in hash (B) | index zset (B) | Redis bytes/statement |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    with tempfile.TemporaryDirectory(prefix="claimtrack-bench-redis-") as tmp:
        server = LocalRedis(tmp, persist=False)
        try:
            conn = redis.Redis.from_url(server.url)
            for n in sizes:
                speaker = f"bench{n}"
                t0 = time.perf_counter()
                _populate(conn, speaker, n, texts)
                print(f"  n={n}: populated in {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
                repeat = 5 if n <= 100_000 else 3

                def cold(speaker: str = speaker) -> None:
                    ids, matrix = statements.speaker_vectors(conn, speaker)
                    similar_pairs(new_ids[:1], queries[:1], ids, matrix, THRESHOLD)

                cache = SpeakerVectorCache(conn)
                cache.vectors(speaker)
                t0 = time.perf_counter()
                kind = type(cache.index(speaker)).__name__.replace("NoneType", "none")
                build_ms = 1000 * (time.perf_counter() - t0)
                other_index: FittedScan | None = None
                if kind != "none":
                    other_kind = Int8Index if kind == "Int4Index" else Int4Index
                    if (int8_scan if other_kind is Int8Index else int4_scan).available():
                        other_index = other_kind().extend(cache.vectors(speaker)[1])
                        kind += f" (other: {other_kind.__name__})"

                def other(speaker: str = speaker, cache: SpeakerVectorCache = cache,
                          other_index: FittedScan | None = other_index) -> None:
                    ids, matrix = cache.vectors(speaker)
                    similar_pairs(new_ids[:1], queries[:1], ids, matrix, THRESHOLD, other_index)

                def warm(count: int, scan: bool, speaker: str = speaker, cache: SpeakerVectorCache = cache) -> None:
                    ids, matrix = cache.vectors(speaker)
                    index = cache.index(speaker) if scan else None
                    similar_pairs(new_ids[:count], queries[:count], ids, matrix, THRESHOLD, index)

                def job(speaker: str = speaker, cache: SpeakerVectorCache = cache,
                        appended: list[int] = [0]) -> None:  # noqa: B006 - counts this speaker's jobs
                    k = appended[0]
                    appended[0] += 1
                    written = {f"job{k}.{i}": queries[i] for i in range(BATCH)}
                    conn.hset(keys.speaker_vectors(speaker), mapping={
                        sid: statements.encode_vector(v) for sid, v in written.items()})
                    ids, matrix = cache.vectors(speaker, written)
                    similar_pairs(list(written), queries, ids, matrix, THRESHOLD, cache.index(speaker))

                cold_ms = _median_ms(cold, repeat)
                warm_ms = _median_ms(lambda: warm(1, True), 20)
                other_ms = _median_ms(other, 20) if other_index is not None else float("nan")
                base_ms = _median_ms(lambda: warm(1, False), 20)
                batched_ms = _median_ms(lambda: warm(BATCH, True), 20) / BATCH
                base_batched_ms = _median_ms(lambda: warm(BATCH, False), 20) / BATCH
                record, vector, index = _memory_per_statement(conn, speaker, n)
                job_ms = _median_ms(job, 20)  # last: it adds statements
                lines.append(f"| {n:,} | {kind} | {cold_ms:.1f} | {warm_ms:.2f} | {other_ms:.2f} | {base_ms:.2f} "
                             f"| {base_ms / warm_ms:.1f}x "
                             f"| {batched_ms:.2f} | {base_batched_ms:.2f} | {base_batched_ms / batched_ms:.1f}x "
                             f"| {job_ms:.2f} | {build_ms:.0f} | {record:.0f} | {vector:.0f} | {index:.0f} "
                             f"| {record + vector + index:.0f} |")
                print("  " + lines[-1], file=sys.stderr, flush=True)
                conn.flushdb()
                cache.invalidate()
        finally:
            server.close()
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated statement counts")
    args = parser.parse_args()
    print(machine(), file=sys.stderr)
    print(run([int(s) for s in args.sizes.split(",")]))


if __name__ == "__main__":
    main()
