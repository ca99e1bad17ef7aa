"""Measure the same-claim link rule on labelled pairs, to choose its thresholds.

Training data: calibration/same_claim_pairs.jsonl (hand labels over ../shared/eval/polnear/train,
stored as article ids and offsets) plus the labelled seed article in ../shared/eval/dev. Texts
are read from ../shared at run time. Statements are re-extracted to know their kind and
position; labelled spans the extractor no longer produces are skipped and counted.

    python scripts/calibrate_matching.py [--shared ../shared] [--keep-misattributed]

It prints precision/recall/F1 of the `match` rule over a grid of thresholds and the recall of
the `possible` level; the defaults in claimtrack/config.py were chosen from this table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workers.embedding import Embedder  # noqa: E402
from workers.extraction import extract_statements, load_nlp  # noqa: E402
from workers.matching import MIN_SHARED_WORDING, MIN_SHARED_WORDS  # noqa: E402
from workers.pair_features import Side, pair_features  # noqa: E402


def sides_of(article_id: str, text: str, nlp: object) -> dict[tuple[int, int], Side]:
    out = {}
    for pos, s in enumerate(extract_statements(text, nlp)):
        out[(s.start, s.end)] = Side(f"{article_id}.{pos}", s.text, s.kind, article_id, pos, s.start, s.end)
    return out


def _overlapping(sides: dict[tuple[int, int], Side], start: int, end: int) -> Side | None:
    """The extracted statement covering at least half of a labelled span (extraction moves spans)."""
    best = max(sides.values(), key=lambda s: min(s.end, end) - max(s.start, start), default=None)
    if best is None or min(best.end, end) - max(best.start, start) < 0.5 * (end - start):
        return None
    return best


def polnear_pairs(shared: Path, nlp: object, keep_misattributed: bool) -> tuple[list, dict[str, str], int]:
    labels = [json.loads(line) for line in (ROOT / "calibration" / "same_claim_pairs.jsonl").open()]
    texts: dict[str, str] = {}
    sides: dict[str, dict[tuple[int, int], Side]] = {}
    pairs, skipped = [], 0
    for row in labels:
        if row["unsure"] or (not keep_misattributed and row["note"].startswith("misattr:")):
            continue
        found = []
        for end in ("a", "b"):
            art = row[end]["article"]
            if art not in texts:
                texts[art] = json.loads((shared / "eval/polnear/train/articles" / f"{art}.json").read_text())["text"]
                sides[art] = sides_of(art, texts[art], nlp)
            found.append(_overlapping(sides[art], row[end]["start"], row[end]["end"]))
        if None in found:
            skipped += 1
            continue
        a, b = sorted(found, key=lambda s: (s.article_id, s.position))  # type: ignore[union-attr]
        pairs.append((a, b, bool(row["same_claim"])))
    return pairs, texts, skipped


def seed_pairs(shared: Path, nlp: object) -> tuple[list, dict[str, str]]:
    art = json.loads((shared / "eval/dev/articles/dev-0001.json").read_text())
    gold = json.loads((shared / "eval/dev/gold/dev-0001.json").read_text())
    maybe = {frozenset(p) for p in gold.get("maybe_same_claim", [])}
    spans = []
    for g in gold["statements"]:
        start = art["text"].find(g["text"])
        spans.append((start, start + len(g["text"]), g))
    labelled = []
    for side in sides_of(art["id"], art["text"], nlp).values():
        best = max(spans, key=lambda sp: min(sp[1], side.end) - max(sp[0], side.start))
        if min(best[1], side.end) - max(best[0], side.start) > 0 and not best[2].get("optional"):
            labelled.append((side, best[2]["claim"]))
    pairs = []
    for (a, ca), (b, cb) in itertools.combinations(sorted(labelled, key=lambda x: x[0].position), 2):
        if ca != cb and frozenset((ca, cb)) in maybe:
            continue
        pairs.append((a, b, ca == cb))
    return pairs, {art["id"]: art["text"]}


WORDING = 0.75  # CLAIMTRACK_SHARED_WORDING_MIN_SIMILARITY; 0 switches the shared-wording path off


def rule(f: np.ndarray, match: float, paraphrase: float, wording: float = WORDING) -> bool:
    """The service's link rule for the `match` level, on a pair's features."""
    cosine, jaccard, paraphrase_quote, numbers_differ = f[0], f[2], f[5], f[7]
    if cosine >= match or (paraphrase_quote and (cosine >= paraphrase or jaccard >= MIN_SHARED_WORDS)):
        return True
    return bool(wording and cosine >= wording and jaccard >= MIN_SHARED_WORDING and not numbers_differ)


def prf(pairs: list, feats: list[np.ndarray], match: float, paraphrase: float,
        wording: float = WORDING) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for (_, _, label), f in zip(pairs, feats, strict=True):
        predicted = rule(f, match, paraphrase, wording)
        tp += predicted and label
        fp += predicted and not label
        fn += label and not predicted
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep-misattributed", action="store_true")
    args = ap.parse_args()
    if not (args.shared / "eval").exists():
        print(f"calibration skipped: {args.shared / 'eval'} not found")
        return 0
    nlp = load_nlp()
    pairs, texts, skipped = polnear_pairs(args.shared, nlp, args.keep_misattributed)
    seed, seed_texts = seed_pairs(args.shared, nlp)
    texts.update(seed_texts)
    sides = sorted({s for a, b, _ in pairs + seed for s in (a, b)}, key=lambda s: s.id)
    vectors = dict(zip([s.id for s in sides], Embedder().encode([s.text for s in sides]), strict=True))

    def features(rows: list) -> list[np.ndarray]:
        return [pair_features(a, b, float(vectors[a.id] @ vectors[b.id]),
                              texts[a.article_id] if a.article_id == b.article_id else None) for a, b, _ in rows]

    fp_, fs_ = features(pairs), features(seed)
    print(f"labelled pairs: polnear/train {len(pairs)} ({sum(y for *_, y in pairs)} same claim, {skipped} skipped: "
          f"spans no longer extracted); seed {len(seed)} ({sum(y for *_, y in seed)} same claim)")
    print("match rule: cosine >= M, or paraphrase-then-quote with cosine >= P or shared content words >= "
          f"{MIN_SHARED_WORDS}")
    print(f"{'M':>5} {'P':>5} | {'polnear P':>9} {'R':>6} {'F1':>6} | {'seed P':>6} {'R':>6} {'F1':>6}")
    for match in (0.75, 0.8, 0.85, 0.9):
        for paraphrase in (0.3, 0.4, 0.5, 0.6):
            a, s = prf(pairs, fp_, match, paraphrase, 0.0), prf(seed, fs_, match, paraphrase, 0.0)
            print(f"{match:5.2f} {paraphrase:5.2f} | {a[0]:9.3f} {a[1]:6.3f} {a[2]:6.3f} | "
                  f"{s[0]:6.3f} {s[1]:6.3f} {s[2]:6.3f}")
    print(f"shared-wording path (cosine >= W and shared content words >= {MIN_SHARED_WORDING}, numbers agree), "
          "with M 0.85, P 0.50:")
    for wording in (0.0, 0.7, 0.75, 0.8):
        a, s = prf(pairs, fp_, 0.85, 0.5, wording), prf(seed, fs_, 0.85, 0.5, wording)
        print(f"  W {wording:.2f} | polnear P {a[0]:.3f} R {a[1]:.3f} F1 {a[2]:.3f} | seed P {s[0]:.3f} R {s[1]:.3f} "
              f"F1 {s[2]:.3f}")
    print("possible level (cosine >= T): share of same-claim pairs kept / precision")
    for t in (0.55, 0.6, 0.65, 0.7):
        ys = [(f[0] >= t, y) for f, (*_, y) in zip(fp_ + fs_, pairs + seed, strict=True)]
        kept = sum(1 for k, y in ys if k and y)
        total = sum(1 for _, y in ys if y)
        flagged = sum(1 for k, _ in ys if k)
        print(f"  {t:.2f}: recall {kept / total:.3f}, precision {kept / flagged if flagged else 1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
