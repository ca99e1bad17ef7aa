"""Fact-check search through the HTTP API over a large synthetic collection.

    python bench/factchecks_http_scale.py [--size 1000000] [--queries 200] [--settle 60]

A fresh stack (throwaway Redis, API, one worker) imports the CheckThat! 2022 verified claims
(../shared/eval/checkthat2022, read at run time) through `POST /v1/fact-checks`, as
bench/factchecks.py does. Embedding a million ClaimReviews would take this machine hours, so the
rest of the collection is written straight into Redis in the layout the import produces (record,
vectors, indexing log: claimtrack/factchecks.py), from `synthetic_rows`: the real vectors with
noise, the real words with a third replaced. The worker's search thread takes them in as it
would take in imported ones. Then the dev-test queries go through `POST /v1/fact-checks/search`.

Baseline, same run: the same queries through the same stack before the synthetic rows are added
(the real collection only). Reported: p50/p99 over the queries, MAP@5 over the real relevance
judgements (synthetic rows are never relevant), and how long the worker took to take them in.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from stack import call  # noqa: E402

from bench.common import fresh_stack, machine  # noqa: E402
from bench.factchecks import BATCH, CHECKTHAT, pct, queries, reviews, search_all, synthetic_rows, wait_indexed  # noqa: E402
from claimtrack import factchecks, jsonutil, keys  # noqa: E402
from claimtrack.redis_client import connect  # noqa: E402
from workers.factcheck_search import FactCheckIndex  # noqa: E402
from workers.retrieval.ranker import Ranker  # noqa: E402

WRITE_CHUNK = 5_000


def write_synthetic(redis_url: str, real: FactCheckIndex, n: int) -> float:
    """Store n synthetic fact-checks as an import and its indexing job would; seconds taken."""
    conn = connect(redis_url)
    t0 = time.perf_counter()
    now_ms = int(time.time() * 1000)
    rows = synthetic_rows(real, n, seed=1)
    done = 0
    while done < n:
        chunk = [next(rows) for _ in range(min(WRITE_CHUNK, n - done))]
        with conn.pipeline(transaction=False) as pipe:
            for fid, summary, _, _ in chunk:
                record = {"id": fid, "review": {"identifier": fid, "claimReviewed": summary["claim_reviewed"]},
                          "summary": summary, "imported_at": "2026-01-01T00:00:00Z",
                          "updated_at": "2026-01-01T00:00:00Z"}
                pipe.set(keys.factcheck(fid), jsonutil.dumps(record))
            pipe.zadd(keys.factchecks(), {fid: now_ms for fid, _, _, _ in chunk})
            pipe.execute()
        ids = [fid for fid, _, _, _ in chunk]
        factchecks.mark_indexed(conn, ids, np.stack([c for _, _, c, _ in chunk]), np.stack([h for _, _, _, h in chunk]))
        done += len(chunk)
    return time.perf_counter() - t0


def settle(base: str, text: str, seconds: float) -> float:
    """Search until one answers (the worker has taken the new rows in), then for `seconds` more (its
    coarse lists are built in the background meanwhile); returns the seconds until that first answer."""
    t0 = time.perf_counter()
    first: float | None = None
    while first is None or time.perf_counter() - t0 < first + seconds:
        code, _ = call(base, "POST", "/v1/fact-checks/search", {"text": text, "limit": 5})
        if code == 200 and first is None:
            first = time.perf_counter() - t0
        time.sleep(0.5)
    return first


def run(size: int, n_queries: int, settle_s: float) -> str:
    if not (CHECKTHAT / "vclaims.jsonl").exists():
        return f"## Fact-check search at scale, through HTTP\n\nSkipped: {CHECKTHAT} is absent.\n"
    items = reviews(100_000)
    qs, rel = queries(n_queries)
    with fresh_stack(1, "claimtrack-bench-fc-scale-") as (base, redis_url):
        for i in range(0, len(items), BATCH):
            code, resp = call(base, "POST", "/v1/fact-checks", items[i:i + BATCH])
            if code != 202:
                raise SystemExit(f"import gave {code}: {str(resp)[:300]}")
            last = resp["ids"][-1]
        wait_indexed(base, last, time.perf_counter() + 3600)
        settle(base, qs[0][1], 5)
        real_lat, real_map = search_all(base, qs, rel)
        real = FactCheckIndex(Ranker.load())
        real.refresh(connect(redis_url))
        extra = size - len(items)
        print(f"  writing {extra:,} synthetic fact-checks", file=sys.stderr, flush=True)
        write_s = write_synthetic(redis_url, real, extra)
        print(f"  written in {write_s:.0f} s; waiting for the worker", file=sys.stderr, flush=True)
        first_s = settle(base, qs[0][1], settle_s)
        lat, big_map = search_all(base, qs, rel)
        used = connect(redis_url).info("memory")["used_memory"]
    return "\n".join([
        "## Fact-check search at scale, through HTTP (`python bench/factchecks_http_scale.py`)",
        "",
        machine(),
        "",
        f"A fresh stack with one worker; {len(items):,} CheckThat! claims imported through the API, then "
        f"{extra:,} synthetic ones written straight into Redis in the import's layout (the real vectors with "
        f"noise, the real words with a third replaced); {len(qs)} dev-test queries through "
        "`POST /v1/fact-checks/search`, limit 5. Baseline: the same queries before the synthetic rows.",
        "",
        "| fact-checks | search p50 (ms) | p99 (ms) | MAP@5 | goal p50 |",
        "| ---: | ---: | ---: | ---: | ---: |",
        f"| {len(items):,} (baseline) | {statistics.median(real_lat):.1f} | {pct(real_lat, 0.99):.1f} "
        f"| {real_map:.4f} | 20 |",
        f"| {size:,} | {statistics.median(lat):.1f} | {pct(lat, 0.99):.1f} | {big_map:.4f} | 50 |",
        "",
        f"Ratio of p50s: {statistics.median(lat) / statistics.median(real_lat):.2f}x. Writing the synthetic rows took "
        f"{write_s:.0f} s; the first search after them answered {first_s:.0f} s later (the worker takes new rows in "
        f"when a search arrives); measured after {settle_s:.0f} s more of searches, while which the worker builds its "
        "coarse lists (at 1M about 30 s in bench/factchecks.py). "
        f"Redis used {used / 2**30:.2f} GiB.",
        "",
    ])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000, help="fact-checks in all, real and synthetic")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--settle", type=float, default=60.0, help="seconds of searches before measuring")
    args = ap.parse_args()
    print(run(args.size, args.queries, args.settle))
    return 0


if __name__ == "__main__":
    sys.exit(main())
