"""Train the fact-check ranker (workers/retrieval/ranker.json) on CheckThat! 2022 Task 2A English.

    python scripts/train_factcheck_ranker.py                 # fit on train, select on dev, write ranker.json
    python scripts/train_factcheck_ranker.py --report-dev-test   # also print MAP@5 on dev-test (never fitted on)

Fits a logistic model over the features of workers.retrieval.ranker.candidate_features on the
TRAIN split (train.qrels.tsv), picks the L2 strength on DEV (dev.qrels.tsv), and calibrates the
score above which a statement is shown a fact-check. Embeddings are cached under var/cache.
Needs ../shared/eval/checkthat2022 (CLAIMTRACK_EVAL_DIR to point elsewhere).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workers.retrieval.bm25 import BM25Index  # noqa: E402
from workers.retrieval.ranker import ARTIFACT, FEATURES, POOL, Ranker, candidate_features  # noqa: E402
from workers.retrieval.text import normalise_query, query_date, tokenize  # noqa: E402

EVAL = Path(os.environ.get("CLAIMTRACK_EVAL_DIR", ROOT.parent / "shared" / "eval")) / "checkthat2022"
CACHE = ROOT / "var" / "cache"


def read_tsv(path: Path, cols: int) -> list[list[str]]:
    return [line.rstrip("\n").split("\t")[:cols] for line in path.open(encoding="utf-8") if line.strip()]


def qrels(name: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for qid, _, vid, _ in read_tsv(EVAL / name, 4):
        out.setdefault(qid, set()).add(vid)
    return out


BACKEND = "fp32"  # the reference weights; the service's int8 ONNX vectors agree to cosine >= 0.997


def embed(texts: list[str]) -> np.ndarray:
    """Embeddings with the service's model, cached by content."""
    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"emb-{key}.npy"  # fp32 backend
    if path.exists():
        return np.load(path).astype(np.float32)
    from workers.embedding import Embedder

    vectors = Embedder("auto", batch_size=128, backend=BACKEND).encode(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors.astype(np.float16))
    return vectors.astype(np.float16).astype(np.float32)


def average_precision_at_5(ranked: list[str], relevant: set[str]) -> float:
    hits, total = 0, 0.0
    for k, ident in enumerate(ranked[:5], start=1):
        if ident in relevant:
            hits += 1
            total += hits / k
    return total / min(len(relevant), 5)


class Corpus:
    """The verified claims with their vectors and lexical index, and the queries with theirs."""

    def __init__(self) -> None:
        claims = [json.loads(line) for line in (EVAL / "vclaims.jsonl").open()]
        self.ids = [c["vclaim_id"] for c in claims]
        texts = [c["vclaim"] for c in claims]
        titles = [c.get("title") or c["vclaim"] for c in claims]
        self.claim, self.headline = embed(texts), embed(titles)
        self.days = np.array([_ordinal(c.get("date")) for c in claims], dtype=np.float32)
        self.lexical = BM25Index()
        for row, c in enumerate(claims):
            self.lexical.set_document(row, tokenize(c["vclaim"] + " " + (c.get("title") or "")))
        raw = dict(read_tsv(EVAL / "train-dev.queries.tsv", 2))
        raw.update(read_tsv(EVAL / "dev-test.queries.tsv", 2))
        self.qids = sorted(raw)
        self.query = {q: normalise_query(raw[q]) for q in self.qids}
        self.qday = {q: query_date(raw[q]) for q in self.qids}
        vectors = embed([self.query[q] for q in self.qids])
        self.qvec = dict(zip(self.qids, vectors, strict=True))

    def candidates(self, qid: str, pool: int, without: set[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Candidates of a query and their features; `without` drops those claims from the store first."""
        v, day = self.qvec[qid], self.qday[qid]
        gap = self.days - (day.toordinal() if day else np.nan)
        cos_claim, cos_headline = self.claim @ v, self.headline @ v
        bm25 = self.lexical.scores(tokenize(self.query[qid]))
        if without:
            keep = np.array([i not in without for i in self.ids])
            rows, x = candidate_features(cos_claim[keep], cos_headline[keep], bm25[keep], gap[keep], pool)
            return np.flatnonzero(keep)[rows], x
        return candidate_features(cos_claim, cos_headline, bm25, gap, pool)


def _ordinal(snopes_date: str | None) -> float:
    """Snopes' "26 May 2015" as a day number (NaN when absent), as the scorer sends it in datePublished."""
    try:
        return float(datetime.strptime(snopes_date or "", "%d %B %Y").toordinal())
    except ValueError:
        return float("nan")


def dataset(corpus: Corpus, rel: dict[str, set[str]], pool: int) -> tuple[np.ndarray, np.ndarray]:
    """Each query's candidates with labels, and again with its fact-checks missing from the store
    (all negatives), so that a top rank alone does not earn a high score: most statements have
    no fact-check at all."""
    xs, ys = [], []
    for qid, gold in rel.items():
        rows, x = corpus.candidates(qid, pool)
        xs.append(x)
        ys.append(np.array([corpus.ids[r] in gold for r in rows], dtype=np.float32))
        _, x_missing = corpus.candidates(qid, pool, without=gold)
        xs.append(x_missing)
        ys.append(np.zeros(len(x_missing), dtype=np.float32))
    return np.vstack(xs), np.concatenate(ys)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))]).astype(np.float64)
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1].astype(np.float32), float(w[-1]), mean.astype(np.float32), scale.astype(np.float32)


def map_at_5(corpus: Corpus, ranker: Ranker, rel: dict[str, set[str]]) -> float:
    aps = []
    for qid, gold in rel.items():
        rows, x = corpus.candidates(qid, ranker.pool)
        order = np.argsort(-ranker.score(x), kind="stable")
        aps.append(average_precision_at_5([corpus.ids[rows[j]] for j in order[:5]], gold))
    return float(np.mean(aps))


def baselines(corpus: Corpus, rel: dict[str, set[str]]) -> dict[str, float]:
    """Dense-only and BM25-only MAP@5 for reference."""
    out = {}
    for name, col in (("dense", FEATURES.index("cos_max")), ("bm25", FEATURES.index("bm25_log"))):
        aps = []
        for qid, gold in rel.items():
            rows, x = corpus.candidates(qid, POOL)
            order = np.argsort(-x[:, col], kind="stable")
            aps.append(average_precision_at_5([corpus.ids[rows[j]] for j in order[:5]], gold))
        out[name] = float(np.mean(aps))
    return out


def calibrate(corpus: Corpus, ranker: Ranker, rel: dict[str, set[str]]) -> list[dict[str, float]]:
    """Per threshold: how often the top answer above it is right, and how often a query whose
    fact-check is missing from the store (gold removed) still gets one (a false alarm)."""
    top_with, top_without = [], []
    for qid, gold in rel.items():
        rows, x = corpus.candidates(qid, ranker.pool)
        scores = ranker.score(x)
        is_gold = np.array([corpus.ids[r] in gold for r in rows])
        best = int(np.argmax(scores))
        top_with.append((float(scores[best]), bool(is_gold[best])))
        _, x_missing = corpus.candidates(qid, ranker.pool, without=gold)
        top_without.append(float(ranker.score(x_missing).max()))
    table = []
    for t in np.arange(0.05, 1.0, 0.05):
        shown = [ok for s, ok in top_with if s >= t]
        table.append({"threshold": round(float(t), 2),
                      "recall": sum(shown) / len(top_with),
                      "precision": (sum(shown) / len(shown)) if shown else 1.0,
                      "false_alarm": float(np.mean([s >= t for s in top_without]))})
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report-dev-test", action="store_true", help="also print MAP@5 on dev-test")
    ap.add_argument("--out", default=str(ARTIFACT))
    ap.add_argument("--max-false-alarm", type=float, default=0.02,
                    help="calibrated threshold: at most this share of queries without their fact-check get one")
    args = ap.parse_args()
    if not (EVAL / "vclaims.jsonl").exists():
        print(f"skipped: {EVAL} not found")
        return 0
    corpus = Corpus()
    train, dev, dev_test = qrels("train.qrels.tsv"), qrels("dev.qrels.tsv"), qrels("dev-test.qrels.tsv")
    print("baselines dev:", baselines(corpus, dev))
    x, y = dataset(corpus, train, POOL)
    best: tuple[float, float, Ranker] | None = None
    for l2 in (0.01, 0.1, 1.0, 10.0, 100.0):
        w, b, mean, scale = fit_logistic(x, y, l2)
        ranker = Ranker(w, b, mean, scale, POOL)
        score = map_at_5(corpus, ranker, dev)
        print(f"l2={l2:<6} train MAP@5 {map_at_5(corpus, ranker, train):.4f}  dev MAP@5 {score:.4f}")
        if best is None or score > best[0]:
            best = (score, l2, ranker)
    assert best is not None
    dev_map, l2, ranker = best
    table = calibrate(corpus, ranker, dev)
    ok = [r for r in table if r["false_alarm"] <= args.max_false_alarm + 1e-9]
    min_score = ok[0]["threshold"] if ok else 0.95
    for row in table:
        print("threshold {threshold:.2f}  recall {recall:.3f}  precision {precision:.3f}  "
              "false alarm {false_alarm:.3f}".format(**row))
    report = {"train_map_at_5": map_at_5(corpus, ranker, train), "dev_map_at_5": dev_map, "l2": l2,
              "min_score": min_score}
    if args.report_dev_test:
        report["dev_test_map_at_5"] = map_at_5(corpus, ranker, dev_test)
    print(json.dumps(report, indent=1))
    Path(args.out).write_text(json.dumps({
        "features": list(FEATURES), "weights": ranker.weights.round(6).tolist(), "bias": round(ranker.bias, 6),
        "mean": ranker.mean.round(6).tolist(), "scale": ranker.scale.round(6).tolist(), "pool": ranker.pool,
        "min_score": min_score, "trained_on": "CheckThat! 2022 2A English train.qrels.tsv; l2 chosen on dev",
        "train_map_at_5": round(report["train_map_at_5"], 4), "dev_map_at_5": round(dev_map, 4),
    }, indent=1) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
