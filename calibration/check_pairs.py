"""Sanity-check calibration/same_claim_pairs.jsonl against the PolNeAR train articles.

Checks that every record has exactly the documented keys (ids and offsets only, no text),
that both offset ranges point inside their article's text and are non-empty, that no pair
repeats, and prints counts per stratum and label.

Usage (from the repository root):  python calibration/check_pairs.py [--show N]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAIRS = HERE / "same_claim_pairs.jsonl"
ARTICLES = Path(os.environ.get("POLNEAR_ARTICLES", "/work/shared/eval/polnear/train/articles"))
KEYS = {"a", "b", "speaker", "stratum", "cosine", "same_claim", "unsure", "note"}
REF_KEYS = {"article", "start", "end"}
STRATA = {"adjacent", "cross_high", "random_mid"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0, help="print the texts of the first N pairs")
    args = ap.parse_args()

    texts: dict[str, str] = {}
    errors: list[str] = []
    seen: set = set()
    counts: Counter = Counter()
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    for i, r in enumerate(rows):
        where = f"line {i + 1}"
        if set(r) != KEYS:
            errors.append(f"{where}: keys {sorted(r)} != {sorted(KEYS)}")
            continue
        if r["stratum"] not in STRATA:
            errors.append(f"{where}: bad stratum {r['stratum']!r}")
        if not isinstance(r["same_claim"], bool) or not isinstance(r["unsure"], bool):
            errors.append(f"{where}: same_claim/unsure must be booleans")
        if not isinstance(r["cosine"], (int, float)) or not -1.0 <= r["cosine"] <= 1.0001:
            errors.append(f"{where}: bad cosine {r['cosine']!r}")
        for side in ("a", "b"):
            ref = r[side]
            if set(ref) != REF_KEYS:
                errors.append(f"{where}.{side}: keys {sorted(ref)} != {sorted(REF_KEYS)}")
                continue
            stem = ref["article"]
            if stem not in texts:
                path = ARTICLES / f"{stem}.json"
                if not path.exists():
                    errors.append(f"{where}.{side}: no article {path}")
                    continue
                texts[stem] = json.loads(path.read_text(encoding="utf-8"))["text"]
            text = texts[stem]
            s, e = ref["start"], ref["end"]
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                errors.append(f"{where}.{side}: offsets {s}:{e} outside 0:{len(text)}")
            elif not text[s:e].strip():
                errors.append(f"{where}.{side}: empty span {s}:{e}")
        key = tuple(sorted(((r["a"]["article"], r["a"]["start"], r["a"]["end"]),
                            (r["b"]["article"], r["b"]["start"], r["b"]["end"]))))
        if key in seen:
            errors.append(f"{where}: duplicate pair")
        seen.add(key)
        if (r["stratum"] == "adjacent") != (r["a"]["article"] == r["b"]["article"]):
            errors.append(f"{where}: stratum {r['stratum']} but articles "
                          f"{r['a']['article']} / {r['b']['article']}")
        label = "unsure" if r["unsure"] else ("same" if r["same_claim"] else "different")
        counts[(r["stratum"], label)] += 1
        if i < args.show:
            ta = texts.get(r["a"]["article"], "")[r["a"]["start"]:r["a"]["end"]]
            tb = texts.get(r["b"]["article"], "")[r["b"]["start"]:r["b"]["end"]]
            print(f"[{label}] {r['speaker']} cos={r['cosine']}\n  A: {ta}\n  B: {tb}")

    print(f"{len(rows)} pairs, {len(texts)} articles, "
          f"{len({r['speaker'] for r in rows if 'speaker' in r})} speakers")
    print(f"{'stratum':<12}{'same':>6}{'different':>11}{'unsure':>8}{'total':>7}")
    for s in sorted(STRATA):
        row = [counts[(s, lab)] for lab in ("same", "different", "unsure")]
        print(f"{s:<12}{row[0]:>6}{row[1]:>11}{row[2]:>8}{sum(row):>7}")
    tot = [sum(counts[(s, lab)] for s in STRATA) for lab in ("same", "different", "unsure")]
    print(f"{'all':<12}{tot[0]:>6}{tot[1]:>11}{tot[2]:>8}{sum(tot):>7}")
    if errors:
        print(f"{len(errors)} errors:", *errors[:50], sep="\n  ")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
