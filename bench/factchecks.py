"""Fact-checks: import and search through the HTTP API, then search at scale in this process.

    python bench/factchecks.py [--limit 14231] [--queries 200] [--sizes 100000,1000000]

1. Import: the CheckThat! 2022 verified claims (../shared/eval/checkthat2022, read at run time)
   as ClaimReviews through `POST /v1/fact-checks`, batches of 500, into a fresh stack (throwaway
   Redis, API, 2 workers), timed until every one is searchable. Baseline, same run: plain
   `SentenceTransformer.encode` fp32 of the same texts (claim and headline) in this process.
2. Search over them: dev-test queries through `POST /v1/fact-checks/search`, p50/p99 and MAP@5.
   Baseline, same run: plain MiniLM cosine in this process (encode, one product, top 5).
   The same queries through the worker's code in this process give the time per stage.
3. Scale: the worker's index (`FactCheckIndex`) in this process, filled with n synthetic
   fact-checks (the real vectors and words, perturbed), queried with the real query vectors.
   Baseline, same n: the bare dense scan (one product over the claim vectors, top 5).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from stack import call  # noqa: E402
from train_factcheck_ranker import average_precision_at_5  # noqa: E402

from bench.common import fresh_stack  # noqa: E402
from claimtrack.redis_client import connect  # noqa: E402
from workers.embedding import Embedder, model_path  # noqa: E402
from workers.factcheck_search import FactCheckIndex  # noqa: E402
from workers.retrieval.ranker import Ranker, candidate_features  # noqa: E402
from workers.retrieval.text import normalise_query, query_date, tokenize  # noqa: E402

CHECKTHAT = ROOT.parent / "shared" / "eval" / "checkthat2022"
BATCH = 500


def reviews(limit: int) -> list[dict]:
    """ClaimReviews as the scorer builds them from the verified claims."""
    out = []
    with (CHECKTHAT / "vclaims.jsonl").open() as f:
        for line in f:
            v = json.loads(line)
            review = {"@context": "https://schema.org", "@type": "ClaimReview", "identifier": v["vclaim_id"],
                      "claimReviewed": v["vclaim"], "headline": v.get("title") or None,
                      "author": {"@type": "Organization", "name": "Snopes"}}
            with suppress(ValueError):
                review["datePublished"] = datetime.strptime(v.get("date", ""), "%d %B %Y").date().isoformat()
            out.append({k: x for k, x in review.items() if x})
            if len(out) >= limit:
                break
    return out


def queries(limit: int) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    """dev-test tweets with their relevant fact-check identifiers."""
    rel: dict[str, set[str]] = {}
    for line in (CHECKTHAT / "dev-test.qrels.tsv").read_text().splitlines():
        if line.strip():
            qid, _, vid, _ = line.split("\t")[:4]
            rel.setdefault(qid, set()).add(vid)
    qs = [tuple(line.split("\t")[:2]) for line in (CHECKTHAT / "dev-test.queries.tsv").read_text().splitlines()
          if line.strip()]
    return [(q, t) for q, t in qs if q in rel][:limit], rel


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def ms_p50(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - t))
    return statistics.median(times)


def wait_indexed(base: str, fid: str, deadline: float) -> None:
    while call(base, "GET", f"/v1/fact-checks/{fid}")[1].get("status") != "indexed":
        if time.perf_counter() > deadline:
            raise SystemExit(f"fact-check {fid} not indexed in time")
        time.sleep(0.1)


def through_api(items: list[dict], qs: list[tuple[str, str]], rel: dict[str, set[str]], workers: int,
                stages: Callable[[FactCheckIndex], dict]) -> dict:
    """Import and search through a fresh stack; `stages` profiles the worker's code on the same index."""
    with fresh_stack(workers, "claimtrack-bench-fc-") as (base, redis_url):
        t0 = time.perf_counter()
        last, accepted_s = [], 0.0
        for i in range(0, len(items), BATCH):
            code, resp = call(base, "POST", "/v1/fact-checks", items[i:i + BATCH])  # type: ignore[arg-type]
            if code != 202:
                raise SystemExit(f"import gave {code}: {str(resp)[:300]}")
            last.append(resp["ids"][-1])
        accepted_s = time.perf_counter() - t0
        for fid in last:
            wait_indexed(base, fid, t0 + 3600)
        searchable_s = time.perf_counter() - t0
        latencies, map5 = search_all(base, qs, rel)
        index = FactCheckIndex(Ranker.load())
        index.refresh(connect(redis_url))
    return {"accepted_per_s": len(items) / accepted_s, "searchable_per_s": len(items) / searchable_s,
            "search_p50": statistics.median(latencies), "search_p99": pct(latencies, 0.99),
            "map5": map5, "stages": stages(index), "index": index}


def search_all(base: str, qs: list[tuple[str, str]], rel: dict[str, set[str]]) -> tuple[list[float], float]:
    """ms per search through HTTP, and MAP@5."""
    latencies, aps = [], []
    for qid, text in qs:
        t = time.perf_counter()
        code, resp = call(base, "POST", "/v1/fact-checks/search", {"text": text, "limit": 5})
        latencies.append(1000 * (time.perf_counter() - t))
        if code != 200:
            raise SystemExit(f"search gave {code}: {str(resp)[:300]}")
        aps.append(average_precision_at_5([r.get("identifier") for r in resp["results"]], rel[qid]))
    return latencies, statistics.mean(aps)


def baseline_import(plain: object, items: list[dict], sample: int) -> float:
    """Reviews per second that plain fp32 encoding of claim and headline allows (one process)."""
    part = items[:sample]
    t = time.perf_counter()
    plain.encode([r["claimReviewed"] for r in part])  # type: ignore[attr-defined]
    plain.encode([r.get("headline") or r["claimReviewed"] for r in part])  # type: ignore[attr-defined]
    return len(part) / (time.perf_counter() - t)


def baseline_search(plain: object, index: FactCheckIndex, qs: list[tuple[str, str]],
                    rel: dict[str, set[str]]) -> tuple[float, float]:
    """Plain MiniLM cosine over the claim vectors: p50 ms per query (encode + product + top 5), MAP@5."""
    n = len(index)
    claim, idents = index.claim[:n], [s["identifier"] for s in index.summaries]
    times, aps = [], []
    for qid, text in qs:
        t = time.perf_counter()
        v = plain.encode([text], normalize_embeddings=True)[0]  # type: ignore[attr-defined]
        scores = claim @ v
        top = np.argpartition(-scores, 5)[:5]
        top = top[np.argsort(-scores[top])]
        times.append(1000 * (time.perf_counter() - t))
        aps.append(average_precision_at_5([idents[i] for i in top], rel[qid]))
    return statistics.median(times), statistics.mean(aps)


def stage_times(embedder: Embedder, qs: list[tuple[str, str]]) -> Callable[[FactCheckIndex], dict]:
    """Median ms per stage of the worker's search code on an index."""
    def profile(index: FactCheckIndex) -> dict:
        n = len(index)
        rows: dict[str, list[float]] = {k: [] for k in ("normalise", "embed", "lexical", "dense", "fuse")}
        for _, text in qs:
            t0 = time.perf_counter()
            q = normalise_query(text)
            t1 = time.perf_counter()
            v = embedder.encode([q], quick=True)[0]
            t2 = time.perf_counter()
            lexical = index.lexical.scores(tokenize(q))
            t3 = time.perf_counter()
            cos_claim, cos_headline = index.claim[:n] @ v, index.headline[:n] @ v
            t4 = time.perf_counter()
            day = query_date(text)
            gap = index.days[:n] - (day.toordinal() if day else np.nan)
            _, features = candidate_features(cos_claim, cos_headline, lexical, gap, index.ranker.pool)
            index.ranker.score(features)
            t5 = time.perf_counter()
            for k, a, b in (("normalise", t0, t1), ("embed", t1, t2), ("lexical", t2, t3), ("dense", t3, t4),
                            ("fuse", t4, t5)):
                rows[k].append(1000 * (b - a))
        return {k: statistics.median(v) for k, v in rows.items()}
    return profile


def synthetic_rows(real: FactCheckIndex, n: int, seed: int = 0) -> Iterator[tuple[str, dict, np.ndarray, np.ndarray]]:
    """n fact-checks made from the real ones, as (id, summary, claim vector, headline vector):
    vectors with noise (cosine about 0.9 to their source), the source's words with a third
    replaced by words of other fact-checks."""
    rng = np.random.default_rng(seed)
    m = len(real)
    vocabulary = [w for s in real.summaries[:2000] for w in tokenize(s["claim_reviewed"])]
    texts = [real.summaries[i]["claim_reviewed"] for i in range(m)]
    sigma = 0.5 / np.sqrt(real.claim.shape[1])  # noise of norm about 0.5 per vector
    for first in range(0, n, 10_000):
        src = np.arange(first, min(n, first + 10_000)) % m
        claim = real.claim[src] + rng.normal(0, sigma, (len(src), real.claim.shape[1])).astype(np.float32)
        headline = real.headline[src] + rng.normal(0, sigma, (len(src), real.claim.shape[1])).astype(np.float32)
        claim /= np.linalg.norm(claim, axis=1, keepdims=True)
        headline /= np.linalg.norm(headline, axis=1, keepdims=True)
        for j, i in enumerate(src):
            words = texts[i].split()
            for k in rng.choice(len(words), size=len(words) // 3, replace=False) if words else []:
                words[k] = vocabulary[int(rng.integers(len(vocabulary)))]
            fid = f"s{first + j}"
            yield fid, {"identifier": fid, "claim_reviewed": " ".join(words)}, claim[j], headline[j]


def synthetic_index(real: FactCheckIndex, n: int, seed: int = 0) -> FactCheckIndex:
    """An index of n synthetic fact-checks (`synthetic_rows`)."""
    index = FactCheckIndex(real.ranker)
    for fid, summary, claim, headline in synthetic_rows(real, n, seed):
        index.put(fid, summary, claim, headline)
    return index


def time_queries(index: FactCheckIndex, qs: list[tuple[str, str]],
                 vectors: list[np.ndarray]) -> tuple[list[float], list[float]]:
    """ms per query: the worker's ranking, and the bare dense scan over the same claim vectors."""
    n = len(index)
    ranked, bare = [], []
    for (_, text), v in zip(qs, vectors, strict=True):
        q, day = normalise_query(text), query_date(text)
        ranked.append(ms_p50(lambda q=q, v=v, day=day: index.ranked(q, v, day, 5, frozenset(), 0.5), 1))
        bare.append(ms_p50(lambda v=v: np.argpartition(-(index.claim[:n] @ v), 5)[:5], 1))
    return ranked, bare


def agreement(index: FactCheckIndex, qs: list[tuple[str, str]], vectors: list[np.ndarray]) -> tuple[float, float]:
    """How often the coarse search gives the exact scan's best hit, and the mean overlap of their top 5."""
    def top5() -> list[list[str]]:
        return [[r["id"] for r in index.ranked(normalise_query(t), v, query_date(t), 5, frozenset(), 0.5)]
                for (_, t), v in zip(qs, vectors, strict=True)]
    coarse = top5()
    lists, index.coarse = index.coarse, None
    exact = top5()
    index.coarse = lists
    return (statistics.mean(a[:1] == b[:1] for a, b in zip(coarse, exact, strict=True)),
            statistics.mean(len(set(a) & set(b)) / max(1, len(b)) for a, b in zip(coarse, exact, strict=True)))


def at_scale(real: FactCheckIndex, vectors: list[np.ndarray], qs: list[tuple[str, str]],
             sizes: list[int]) -> list[dict]:
    """ms per query of the worker's ranking (no embedding) against the bare dense scan, per index size."""
    out = []
    for n in [len(real), *sizes]:
        t = time.perf_counter()
        index = real if n == len(real) else synthetic_index(real, n)
        build = time.perf_counter() - t
        t = time.perf_counter()
        index.organise()
        organise = time.perf_counter() - t
        ranked, bare = time_queries(index, qs, vectors)
        top1, overlap = agreement(index, qs, vectors) if index.coarse is not None else (1.0, 1.0)
        out.append({"n": n, "build_s": build, "organise_s": organise, "coarse": index.coarse is not None,
                    "ranked_p50": statistics.median(ranked), "ranked_p99": pct(ranked, 0.99),
                    "bare_p50": statistics.median(bare), "top1": top1, "overlap": overlap})
        del index
    return out


def run(limit: int, n_queries: int, sizes: list[int], workers: int = 2) -> str:
    if not (CHECKTHAT / "vclaims.jsonl").exists():
        return f"## Fact-checks\n\nSkipped: {CHECKTHAT} is absent.\n"
    from sentence_transformers import SentenceTransformer
    items = reviews(limit)
    qs, rel = queries(n_queries)
    embedder = Embedder()
    api = through_api(items, qs, rel, workers, stage_times(embedder, qs))
    plain = SentenceTransformer(str(model_path()), device="cpu")
    base_import = baseline_import(plain, items, min(2000, len(items)))
    base_p50, base_map = baseline_search(plain, api["index"], qs, rel)
    vectors = [embedder.encode([normalise_query(t)], quick=True)[0] for _, t in qs]
    scale = at_scale(api["index"], vectors, qs, sizes)
    st = api["stages"]
    lines = [
        "## Fact-checks",
        "",
        f"{len(items):,} CheckThat! 2022 verified claims ({CHECKTHAT}) imported as ClaimReviews through the API "
        f"(batches of {BATCH}, {workers} workers, `{embedder.backend}` backend); {len(qs)} dev-test queries.",
        "",
        "| | ours | baseline | ratio | goal |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| import, ClaimReviews/s until searchable | {api['searchable_per_s']:.0f} | {base_import:.0f} "
        f"| {api['searchable_per_s'] / base_import:.2f}x | 1,000 |",
        f"| import, ClaimReviews/s accepted (202) | {api['accepted_per_s']:.0f} | | | |",
        f"| search p50 ms (ours, through HTTP) | {api['search_p50']:.1f} | {base_p50:.1f} "
        f"| {base_p50 / api['search_p50']:.2f}x | 20 |",
        f"| search p99 ms | {api['search_p99']:.1f} | | | |",
        f"| MAP@5 | {api['map5']:.4f} | {base_map:.4f} | | 0.95 |",
        "",
        "Baselines: plain `SentenceTransformer.encode` fp32 of claim and headline (import); plain MiniLM cosine "
        "over the claim vectors in this process, no HTTP (search).",
        "",
        "Search, median ms per stage of the worker's code in this process: "
        + ", ".join(f"{k} {v:.2f}" for k, v in st.items())
        + f"; HTTP, queue and worker overhead about {api['search_p50'] - sum(st.values()):.1f} ms.",
        "",
        "At scale (ranking only, the query already embedded; synthetic fact-checks beyond the real ones):",
        "",
        "| fact-checks | build (s) | coarse lists (s) | ranking p50 / p99 (ms) | bare dense scan p50 (ms) | ratio "
        "| same best hit as exact | top-5 overlap | est. search p50 (ms) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    fixed = api["search_p50"] - scale[0]["ranked_p50"]  # everything but the ranking, measured at the real size
    for r in scale:
        coarse = f"{r['organise_s']:.1f}" if r["coarse"] else "exact scan"
        lines.append(f"| {r['n']:,} | {r['build_s']:.0f} | {coarse} | {r['ranked_p50']:.1f} / {r['ranked_p99']:.1f} | "
                     f"{r['bare_p50']:.1f} | {r['ranked_p50'] / r['bare_p50']:.2f}x | {100 * r['top1']:.0f}% | "
                     f"{100 * r['overlap']:.0f}% | {fixed + r['ranked_p50']:.0f} |")
    lines += ["", "est. search p50 = the ranking p50 plus what the HTTP search cost beyond the ranking at the real "
              "size (query embedding, HTTP, queue). Goals: <= 20 ms over the real claims, <= 50 ms over 1M.", ""]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=100_000, help="verified claims to import (all by default)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--sizes", default="100000,1000000", help="synthetic index sizes")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    print(run(args.limit, args.queries, [int(s) for s in args.sizes.split(",") if s], args.workers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
