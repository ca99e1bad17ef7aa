"""End to end through the HTTP API with 1 and 2 workers: throughput, latencies, time per stage.

    python bench/end_to_end.py [--limit 200] [--workers 1,2]

Articles come from ../shared/eval/polnear/train (read at run time, never copied), else from
the repository's demo/articles. Each run gets a fresh throwaway Redis and stack. Besides the
loaded run (all articles posted, then polled), an idle run posts articles one at a time to
measure POST-to-done on an otherwise idle system. Stage times are what each job reports.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from rq.job import Job  # noqa: E402
from rq.serializers import JSONSerializer  # noqa: E402
from stack import call  # noqa: E402

from bench.common import fresh_stack  # noqa: E402
from claimtrack.queueing import job_id  # noqa: E402
from claimtrack.redis_client import connect  # noqa: E402


def corpus(limit: int) -> list[dict]:
    polnear = ROOT.parent / "shared" / "eval" / "polnear" / "train" / "articles"
    files = sorted(polnear.glob("*.json")) if polnear.exists() else sorted((ROOT / "demo" / "articles").glob("*.json"))
    out = []
    for f in files[:limit]:
        art = json.loads(f.read_text())
        out.append({k: art[k] for k in ("text", "title", "url", "published_at", "source") if art.get(k)})
    return out


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def wait_done(base: str, article_id: str, timeout: float = 300) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if call(base, "GET", f"/v1/articles/{article_id}")[1].get("status") in ("done", "failed"):
            return time.perf_counter() - t0
        time.sleep(0.01)
    raise SystemExit(f"article {article_id} not done in {timeout}s")


def run(articles: list[dict], workers: int, idle_samples: int) -> dict:
    with fresh_stack(workers, "claimtrack-e2e-") as (base, redis_url):
        idle = []
        for body in articles[:idle_samples]:  # one at a time on an idle system: POST, then poll until done
            t = time.perf_counter()
            _, resp = call(base, "POST", "/v1/articles", body)
            wait_done(base, resp["id"])
            idle.append(time.perf_counter() - t)
        posts, ids = [], []
        t0 = time.perf_counter()
        for body in articles[idle_samples:]:
            t = time.perf_counter()
            _, resp = call(base, "POST", "/v1/articles", body)
            posts.append(time.perf_counter() - t)
            ids.append(resp["id"])
        done = [wait_done(base, i) for i in ids]
        wall = time.perf_counter() - t0
        conn = connect(redis_url)
        stages: dict[str, float] = {}
        statements = 0
        for article_id in ids:
            result = Job.fetch(job_id(article_id, 1), connection=conn, serializer=JSONSerializer).return_value()
            statements += result.get("statements", 0)
            for stage, ms in result.get("stage_ms", {}).items():
                stages[stage] = stages.get(stage, 0.0) + ms
    busy = sum(stages.values())
    return {
        "workers": workers, "articles": len(ids), "statements": statements, "wall_s": wall,
        "articles_per_s": len(ids) / wall, "statements_per_s": statements / wall,
        "post_p50_ms": 1000 * statistics.median(posts), "post_p99_ms": 1000 * pct(posts, 0.99),
        "idle_done_p50_ms": 1000 * statistics.median(idle) if idle else 0.0,
        "stage_share": {k: v / busy for k, v in sorted(stages.items(), key=lambda kv: -kv[1])},
        "stage_ms_per_article": {k: v / len(ids) for k, v in stages.items()},
        "done_p50_s": statistics.median(done),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--idle", type=int, default=20, help="articles posted one at a time first")
    args = ap.parse_args()
    articles = corpus(args.limit + args.idle)
    # without the eval kit only the few demo articles are there: keep half of them for the loaded run
    args.idle = min(args.idle, len(articles) // 2)
    results = [run(articles, int(w), args.idle) for w in args.workers.split(",")]
    print("| workers | articles | statements/s | articles/s | POST p50 / p99 (ms) | idle POST-to-done p50 (ms) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r['workers']} | {r['articles']} | {r['statements_per_s']:.0f} | {r['articles_per_s']:.2f} | "
              f"{r['post_p50_ms']:.1f} / {r['post_p99_ms']:.1f} | {r['idle_done_p50_ms']:.0f} |")
    for r in results:
        shares = ", ".join(f"{k} {100 * v:.0f}%" for k, v in r["stage_share"].items())
        print(f"\n{r['workers']} worker(s), share of job time per stage: {shares}")
    print(f"\nratio 2 workers / 1 worker (statements/s): "
          f"{results[-1]['statements_per_s'] / results[0]['statements_per_s']:.2f}" if len(results) > 1 else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
