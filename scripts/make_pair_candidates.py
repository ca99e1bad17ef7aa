"""Propose same-speaker statement pairs from PolNeAR train articles for same-claim labelling.

Steps (each cached under var/pair-candidates/, which is git-ignored):

  extract     run the extractor over the articles -> statements.jsonl
  candidates  group statements by speaker, embed them, sample pairs in three strata
              (adjacent / cross_high / random_mid) -> candidates.jsonl (with texts, local only)
  show        print a batch of candidates with context, for manual labelling
  assemble    merge manual labels (var/pair-candidates/labels/*.txt, lines
              "<cand_id> <y|n|u> [note]") into calibration/same_claim_pairs.jsonl,
              which holds only article ids and offsets, never statement text.

Usage (from the repository root, venv active):
  python scripts/make_pair_candidates.py extract [--limit N]
  python scripts/make_pair_candidates.py candidates
  python scripts/make_pair_candidates.py show --from 0 --count 40
  python scripts/make_pair_candidates.py assemble

Everything is deterministic (sorted inputs, fixed seeds).
"""
from __future__ import annotations

import argparse
import glob
import itertools
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLES = Path(os.environ.get("POLNEAR_ARTICLES", "/work/shared/eval/polnear/train/articles"))
WORK = ROOT / "var" / "pair-candidates"
STATEMENTS = WORK / "statements.jsonl"
CANDIDATES = WORK / "candidates.jsonl"
LABELS_DIR = WORK / "labels"
OUT = ROOT / "calibration" / "same_claim_pairs.jsonl"

SEED = 20240611
MIN_WORDS = 5            # shorter fragments are rarely a checkable proposition
MIN_SPEAKER_STATEMENTS = 12
MIN_SPEAKER_ARTICLES = 3
ADJ_MAX_GAP = 400        # chars between the end of one statement and the start of the next
HIGH_COS = 0.55
MID_LO, MID_HI = 0.35, 0.55
TOP_K = 3
PER_STRATUM = {"adjacent": 200, "cross_high": 220, "random_mid": 180}
MAX_SPEAKER_SHARE = 0.22  # at most this share of one stratum from one speaker


def article_files(limit: int | None) -> list[Path]:
    files = sorted(Path(p) for p in glob.glob(str(ARTICLES / "*.json")))
    if limit:
        rnd = random.Random(SEED)
        files = sorted(rnd.sample(files, min(limit, len(files))))
    return files


def cmd_extract(args: argparse.Namespace) -> None:
    from workers.extraction import extract_statements, load_nlp, speaker_key
    nlp = load_nlp()
    WORK.mkdir(parents=True, exist_ok=True)
    files = article_files(args.limit)
    n = 0
    t0 = time.time()
    with open(STATEMENTS, "w", encoding="utf-8") as out:
        for i, f in enumerate(files):
            doc = json.loads(f.read_text(encoding="utf-8"))
            try:
                sts = extract_statements(doc["text"], nlp)
            except Exception as exc:
                print(f"{f.stem}: extraction failed: {exc!r}", file=sys.stderr)
                continue
            for s in sts:
                out.write(json.dumps({
                    "article": f.stem, "start": s.start, "end": s.end, "kind": s.kind,
                    "speaker": s.speaker, "key": speaker_key(s.speaker) if s.speaker else None,
                    "text": s.text,
                }, ensure_ascii=False) + "\n")
                n += 1
            if i % 100 == 0:
                print(f"{i}/{len(files)} articles, {n} statements, {time.time() - t0:.0f}s",
                      file=sys.stderr)
    print(f"wrote {n} statements from {len(files)} articles to {STATEMENTS}")


# ---------------------------------------------------------------- speakers

def canonical_groups(rows: list[dict]) -> dict[str, str]:
    """Map each speaker key to a group key. A key joins the most frequent multi-word key that
    ends in the same word and whose words it all contains ("trump", "donald j trump",
    "republican donald trump" -> "donald trump"); otherwise it stays as it is."""
    counts = Counter(r["key"] for r in rows if r["key"])
    by_last: dict[str, Counter] = defaultdict(Counter)
    for k, c in counts.items():
        toks = k.split()
        if len(toks) >= 2:
            by_last[toks[-1]][k] += c
    group = {}
    for k in counts:
        toks = k.split()
        best = k
        for other, c in by_last.get(toks[-1], Counter()).most_common():
            if c <= counts[k] and other != k:
                continue
            otoks = other.split()
            if len(toks) == 1 or (len(otoks) < len(toks) and set(otoks) <= set(toks)):
                best = other
                break
            if other == k:
                break
        group[k] = best
    return group


NOT_SPEAKERS = {"democrats", "democrat", "republican", "republicans", "gop"}


def display_names(rows: list[dict], group: dict[str, str]) -> dict[str, str]:
    names: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        if r["key"]:
            names[group[r["key"]]][r["speaker"]] += 1
    out = {}
    for g, c in names.items():
        # the fullest common form: most words, then most frequent
        out[g] = max(c.items(), key=lambda kv: (len(kv[0].split()) >= 2, kv[1]))[0]
    return out


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


# ---------------------------------------------------------------- candidates

def _pick_balanced(pool: list[dict], n: int, rnd: random.Random, used_pairs: set) -> list[dict]:
    """Round-robin over speakers (shuffled), one pair per article pair, capped per speaker."""
    by_spk: dict[str, list[dict]] = defaultdict(list)
    for c in pool:
        by_spk[c["speaker_group"]].append(c)
    for lst in by_spk.values():
        rnd.shuffle(lst)
    cap = max(3, int(n * MAX_SPEAKER_SHARE))
    taken: Counter = Counter()
    out: list[dict] = []
    art_pairs: set = set()
    speakers = sorted(by_spk)
    rnd.shuffle(speakers)
    while len(out) < n:
        progressed = False
        for s in speakers:
            if len(out) >= n:
                break
            lst = by_spk[s]
            while lst and taken[s] < cap:
                c = lst.pop()
                ap = tuple(sorted((c["a"]["article"], c["b"]["article"])))
                pk = tuple(sorted(((c["a"]["article"], c["a"]["start"]),
                                   (c["b"]["article"], c["b"]["start"]))))
                if pk in used_pairs:
                    continue
                # cross-article strata: one pair per article pair (same-article: no limit)
                if ap[0] != ap[1] and ap in art_pairs:
                    continue
                art_pairs.add(ap)
                used_pairs.add(pk)
                out.append(c)
                taken[s] += 1
                progressed = True
                break
        if not progressed:
            break
    return out


def cmd_candidates(args: argparse.Namespace) -> None:
    import numpy as np

    from workers.embedding import Embedder

    rows = [json.loads(line) for line in STATEMENTS.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["key"] and r["key"] not in NOT_SPEAKERS]
    group = canonical_groups(rows)
    names = display_names(rows, group)
    for r in rows:
        r["group"] = group[r["key"]]

    by_spk: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_spk[r["group"]].append(r)
    speakers = sorted(
        s for s, lst in by_spk.items()
        if len(lst) >= MIN_SPEAKER_STATEMENTS and len({r["article"] for r in lst}) >= MIN_SPEAKER_ARTICLES
    )
    print(f"{len(rows)} named statements, {len(by_spk)} speakers, {len(speakers)} frequent",
          file=sys.stderr)

    texts = [r["text"] for r in rows]
    cache = WORK / "embeddings.npy"
    vecs = np.load(cache) if cache.exists() else None
    if vecs is None or len(vecs) != len(texts):
        vecs = Embedder().encode(texts)
        np.save(cache, vecs)
    for r, v in zip(rows, vecs, strict=True):
        r["vec"] = v

    def ref(r: dict) -> dict:
        return {"article": r["article"], "start": r["start"], "end": r["end"]}

    def cand(a: dict, b: dict, stratum: str) -> dict:
        if (a["article"], a["start"]) > (b["article"], b["start"]):
            a, b = b, a
        return {
            "a": ref(a), "b": ref(b), "speaker": names[a["group"]], "speaker_group": a["group"],
            "stratum": stratum, "cosine": round(float(np.dot(a["vec"], b["vec"])), 4),
            "kind_a": a["kind"], "kind_b": b["kind"], "text_a": a["text"], "text_b": b["text"],
        }

    rnd = random.Random(SEED)
    adjacent, high, mid = [], [], []
    for s in speakers:
        lst = [r for r in by_spk[s]]
        # (a) adjacent within an article
        per_art: dict[str, list[dict]] = defaultdict(list)
        for r in lst:
            per_art[r["article"]].append(r)
        for sts in per_art.values():
            sts.sort(key=lambda r: r["start"])
            for x, y in itertools.pairwise(sts):
                if y["start"] - x["end"] > ADJ_MAX_GAP:
                    continue
                if _words(x["text"]) < 4 or _words(y["text"]) < 4:
                    continue
                adjacent.append(cand(x, y, "adjacent"))
        # cross-article strata
        long = [r for r in lst if _words(r["text"]) >= MIN_WORDS]
        if len(long) < 2:
            continue
        M = np.stack([r["vec"] for r in long])
        S = M @ M.T
        arts = [r["article"] for r in long]
        seen = set()
        for i in range(len(long)):
            order = np.argsort(-S[i])
            k = 0
            for j in order:
                if j == i or arts[j] == arts[i]:
                    continue
                if S[i, j] < HIGH_COS or k >= TOP_K:
                    break
                k += 1
                key = (min(i, j), max(i, j))
                if key in seen:
                    continue
                seen.add(key)
                # exact duplicates (syndicated copies) carry no information for the scorer
                if long[i]["text"].strip() == long[j]["text"].strip():
                    continue
                high.append(cand(long[i], long[j], "cross_high"))
        # (c) random mid-range pairs
        mids = []
        iu = np.argwhere((S >= MID_LO) & (S < MID_HI))
        for i, j in iu:
            if i < j and arts[i] != arts[j]:
                mids.append((int(i), int(j)))
        rnd.shuffle(mids)
        for i, j in mids[:60]:
            mid.append(cand(long[i], long[j], "random_mid"))

    for lst in (adjacent, high, mid):
        lst.sort(key=lambda c: (c["speaker_group"], c["a"]["article"], c["a"]["start"],
                                c["b"]["article"], c["b"]["start"]))
    print(f"pools: adjacent {len(adjacent)}, cross_high {len(high)}, random_mid {len(mid)}",
          file=sys.stderr)

    used: set = set()
    picked = []
    # adjacent: half the quota for pairs with a reported statement (paraphrase + quote)
    adj_rep = [c for c in adjacent if "reported" in (c["kind_a"], c["kind_b"])]
    adj_dir = [c for c in adjacent if "reported" not in (c["kind_a"], c["kind_b"])]
    half = PER_STRATUM["adjacent"] // 2
    got = _pick_balanced(adj_rep, half, random.Random(f"{SEED}-adjacent-r"), used)
    got += _pick_balanced(adj_dir, PER_STRATUM["adjacent"] - len(got),
                          random.Random(f"{SEED}-adjacent-d"), used)
    print(f"adjacent: picked {len(got)} from {len(adjacent)} "
          f"({len({c['speaker_group'] for c in got})} speakers)", file=sys.stderr)
    picked.extend(got)
    for name, pool in (("cross_high", high), ("random_mid", mid)):
        got = _pick_balanced(pool, PER_STRATUM[name], random.Random(f"{SEED}-{name}"), used)
        print(f"{name}: picked {len(got)} from {len(pool)} "
              f"({len({c['speaker_group'] for c in got})} speakers)", file=sys.stderr)
        picked.extend(got)
    # interleave strata so that a labelling batch is not all one kind
    random.Random(SEED + 1).shuffle(picked)
    with open(CANDIDATES, "w", encoding="utf-8") as out:
        for i, c in enumerate(picked):
            c["id"] = i
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"wrote {len(picked)} candidates to {CANDIDATES}")


# ---------------------------------------------------------------- labelling helpers

_TEXTS: dict[str, str] = {}


def article_text(stem: str) -> str:
    if stem not in _TEXTS:
        _TEXTS[stem] = json.loads((ARTICLES / f"{stem}.json").read_text(encoding="utf-8"))["text"]
    return _TEXTS[stem]


def _context(ref: dict, width: int) -> str:
    text = article_text(ref["article"])
    s, e = ref["start"], ref["end"]
    pre = text[max(0, s - width // 2): s].replace("\n", " ")
    post = text[e: e + width // 2].replace("\n", " ")
    return f"…{pre}[[{text[s:e]}]]{post}…"


def cmd_show(args: argparse.Namespace) -> None:
    cands = [json.loads(line) for line in CANDIDATES.read_text(encoding="utf-8").splitlines()]
    for c in cands[args.start: args.start + args.count]:
        print(f"#{c['id']} {c['stratum']} cos={c['cosine']} spk={c['speaker']} "
              f"{c['kind_a']}/{c['kind_b']}"
              + (" SAME-ARTICLE" if c["a"]["article"] == c["b"]["article"] else ""))
        if args.context:
            print("  A:", _context(c["a"], args.context))
            print("  B:", _context(c["b"], args.context))
        else:
            print("  A:", c["text_a"])
            print("  B:", c["text_b"])
        print()


def cmd_assemble(args: argparse.Namespace) -> None:
    cands = {c["id"]: c for c in (json.loads(line) for line in CANDIDATES.read_text(encoding="utf-8").splitlines())}
    labels: dict[int, tuple[str, str]] = {}
    for f in sorted(LABELS_DIR.glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            cid, lab = int(parts[0]), parts[1].lower()
            if lab not in {"y", "n", "u"}:
                raise SystemExit(f"{f}: bad label {line!r}")
            labels[cid] = (lab, parts[2] if len(parts) > 2 else "")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(OUT, "w", encoding="utf-8") as out:
        for cid in sorted(labels):
            c = cands[cid]
            lab, note = labels[cid]
            out.write(json.dumps({
                "a": c["a"], "b": c["b"], "speaker": c["speaker"], "stratum": c["stratum"],
                "cosine": c["cosine"], "same_claim": lab == "y", "unsure": lab == "u",
                "note": note,
            }, ensure_ascii=False) + "\n")
            n += 1
    print(f"wrote {n} labelled pairs to {OUT}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("extract")
    p.add_argument("--limit", type=int, default=None, help="random subset of N articles")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("candidates")
    p.set_defaults(func=cmd_candidates)
    p = sub.add_parser("show")
    p.add_argument("--from", dest="start", type=int, default=0)
    p.add_argument("--count", type=int, default=40)
    p.add_argument("--context", type=int, default=0, help="chars of article context around each")
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("assemble")
    p.set_defaults(func=cmd_assemble)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
