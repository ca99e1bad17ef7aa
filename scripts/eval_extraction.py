"""Offline evaluation of workers.extraction against the shared gold corpora.

Runs extract_statements on every article, wraps the output as fake API results and scores it
with the official scorer (imported from the shared eval kit), then prints an error breakdown.

    python scripts/eval_extraction.py [CORPUS_DIR ...] [--scorer PATH] [--examples N] [--cache DIR]
        [--breakdown | --quiet]
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import srsly
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workers.extraction import ExtractedStatement, extract_statements, load_nlp  # noqa: E402

SHARED = Path(os.environ.get("CLAIMTRACK_EVAL_DIR", ROOT.parent / "shared" / "eval"))
DEFAULT_CORPORA = [str(SHARED / "dev"), str(SHARED / "polnear" / "dev")]


def load_scorer(path: Path) -> ModuleType:
    """Import the official scorer module from its file path."""
    spec = importlib.util.spec_from_file_location("score_statements", path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class CachedNLP:
    """Development aid: a spaCy pipeline whose pipe() reuses parses stored on disk by paragraph text."""

    def __init__(self, nlp: Any, path: Path) -> None:
        self.nlp, self.path = nlp, path
        self.store: dict[str, bytes] = srsly.msgpack_loads(path.read_bytes()) if path.exists() else {}
        self.dirty = False

    def pipe(self, texts: Any, batch_size: int = 32) -> Iterator[Doc]:
        texts = list(texts)
        todo = [t for t in texts if t not in self.store]
        for t, doc in zip(todo, self.nlp.pipe(todo, batch_size=batch_size), strict=True):
            self.store[t] = doc.to_bytes()
            self.dirty = True
        for t in texts:
            yield Doc(self.nlp.vocab).from_bytes(self.store[t])

    def save(self) -> None:
        if self.dirty:
            self.path.write_bytes(srsly.msgpack_dumps(self.store))


def _speaker(s: ExtractedStatement) -> dict[str, Any] | None:
    """The statement's speaker as the API shows it (claimtrack.statements.speaker_view)."""
    if s.speaker:
        return {"id": s.speaker, "name": s.speaker, "named": True}
    return {"id": None, "name": s.described_as, "named": False} if s.described_as else None


def fake_results(items: list[tuple[dict, dict]], cache: Path | None = None) -> tuple[dict[str, dict], float, int]:
    """Run extraction on every article; return API-shaped results, seconds spent, sentence count."""
    nlp: Any = load_nlp()
    if cache is not None:
        nlp = CachedNLP(nlp, cache)
    results: dict[str, dict] = {}
    t0 = time.perf_counter()
    for art, _ in items:
        stmts = extract_statements(art["text"], nlp)
        results[art["id"]] = {"status": "done", "statements": [
            {"id": f"{art['id']}#{k}", "text": s.text, "span": [s.start, s.end], "kind": s.kind,
             "speaker": _speaker(s),
             "cue": s.cue, "matches": []}
            for k, s in enumerate(stmts)]}
    elapsed = time.perf_counter() - t0
    if isinstance(nlp, CachedNLP):
        nlp.save()
    n_sent = sum(a["text"].count(". ") + a["text"].count("\n") for a, _ in items)
    return results, elapsed, n_sent


def miss_kind(length: int, inside: int, touched: int, share: float = 0.5) -> str:
    """Why a gold statement of `length` characters counts as missed, from how much of it the predictions
    lying mostly inside gold statements cover (`inside`) and all predictions together (`touched`): 'none'
    (no prediction touches it), 'short' (too little of it is covered) or 'long' (it is covered only
    with predictions running on well past it, which count against precision instead)."""
    if touched >= share * length and inside < share * length:
        return "long"
    return "short" if touched else "none"


def breakdown(sc: ModuleType, items: list[tuple[dict, dict]], results: dict[str, dict],
              examples: int) -> None:
    """Print missed gold statements by cue, false positives and wrong speakers."""
    missed: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    found: Counter[str] = Counter()
    miss_ex: dict[str, list[str]] = defaultdict(list)
    fps: list[str] = []
    wrong: list[str] = []
    for art, gold in items:
        text = art["text"]
        golds = sc.gold_statements(art, gold)
        raw = gold["statements"]
        preds = results[art["id"]]["statements"]
        covered = [0] * len(golds)
        touched = [0] * len(golds)  # (by any prediction, also one lying mostly outside gold statements)
        for p in preds:
            overlaps = [sc.overlap(p["span"], g["ranges"]) for g in golds]
            best, best_ov = None, 0
            for gi, ov in enumerate(overlaps):
                touched[gi] += ov
                if ov > best_ov:
                    best, best_ov = gi, ov
            plen = p["span"][1] - p["span"][0]
            if best is None or best_ov < sc.OVERLAP * plen:
                fps.append(f"[{art['id'][:40]}] {p['speaker'] and p['speaker']['name']!r} "
                           f"{p['cue']!r}: {p['text'][:140]!r}")
                continue
            for gi, ov in enumerate(overlaps):
                covered[gi] += ov
            ok = sc.speaker_ok(p.get("speaker"), golds[best])
            if ok is False:
                src = raw[best].get("source_text") or raw[best].get("speaker")
                who = p["speaker"] and p["speaker"]["name"]
                mark = " (unnamed)" if p["speaker"] and p["speaker"]["id"] is None else ""
                wrong.append(f"[{art['id'][:40]}] pred {who!r}{mark} gold {src!r}: {p['text'][:100]!r}")
        for gi, g in enumerate(golds):
            if not g["recall"]:
                continue
            cue = str(raw[gi].get("cue") or raw[gi].get("kind") or "?").lower()
            glen = sum(e - s for s, e in g["ranges"])
            if covered[gi] >= sc.OVERLAP * glen:
                found[cue] += 1
                continue
            missed[cue] += 1
            kinds[miss_kind(glen, covered[gi], touched[gi], sc.OVERLAP)] += 1
            if len(miss_ex[cue]) < examples:
                s, e = g["ranges"][0]
                src = raw[gi].get("source_text") or raw[gi].get("speaker")
                miss_ex[cue].append(f"{src!r}: {text[max(0, s - 60):s]!r} [[{text[s:e][:120]!r}]]")
    print(f"\nmissed gold statements: {kinds['none']} not found, {kinds['short']} found in part (spans too "
          f"short), {kinds['long']} covered only by predictions that run on past them (spans too long)")
    print(f"missed gold statements by cue (missed/total), top 25 of {sum(missed.values())}:")
    for cue, n in missed.most_common(25):
        print(f"  {n:4d}/{n + found[cue]:<4d} {cue!r}")
        for ex in miss_ex[cue]:
            print(f"         {ex}")
    print(f"\nfalse positives: {len(fps)}")
    for ex in fps[:examples * 4]:
        print(f"  {ex}")
    nobody = sum(" pred None " in w for w in wrong)
    unnamed = sum(" (unnamed) gold " in w for w in wrong)
    print(f"\nwrong speakers: {len(wrong)} ({nobody} predicted None, {unnamed} an unnamed source's description, "
          f"{len(wrong) - nobody - unnamed} another name)")
    for ex in wrong[:examples * 4]:
        print(f"  {ex}")


def main() -> int:
    """Entry point: score each corpus directory separately, then all together."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", default=DEFAULT_CORPORA)
    ap.add_argument("--scorer", default=str(SHARED / "score_statements.py"))
    ap.add_argument("--examples", type=int, default=3, help="examples per error class")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--cache", default="",
                    help="folder for cached parses (development only; timings then exclude parsing)")
    ap.add_argument("--quiet", action="store_true", help="figures only, no breakdown")
    ap.add_argument("--breakdown", action="store_true",
                    help="print the error breakdown (the default unless --quiet)")
    a = ap.parse_args()
    scorer = Path(a.scorer)
    if not scorer.exists():
        print(f"extraction breakdown skipped: eval kit not found at {scorer}")
        return 0
    sc = load_scorer(scorer)
    for corpus in a.corpus:
        if not Path(corpus).is_dir():
            print(f"corpus {corpus} not found; skipped")
            continue
        items = sc.load_corpus([corpus])
        if a.limit:
            items = items[: a.limit]
        cache = None
        if a.cache:
            Path(a.cache).mkdir(parents=True, exist_ok=True)
            cache = Path(a.cache) / (hashlib.sha1(corpus.encode()).hexdigest()[:12] + ".msgpack")
        results, elapsed, n_sent = fake_results(items, cache)
        rep: dict[str, Any] = sc.score(items, results)
        s, j = rep["statements"], rep["joint"]
        sa = rep["speaker_accuracy"]
        print(f"== {corpus}: {len(items)} articles in {elapsed:.1f}s "
              f"({len(items) / elapsed:.1f} articles/s, ~{n_sent / elapsed:.0f} sentences/s)")
        print(f"statements  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
              f"(predicted {s['predicted']}, gold {s['gold']})")
        print(f"speaker accuracy {sa:.3f} on {rep['speaker_judged']}" if sa is not None else "speaker accuracy n/a")
        print(f"statement+speaker  P {j['precision']:.3f}  R {j['recall']:.3f}  F1 {j['f1']:.3f}")
        if rep.get("kind_accuracy") is not None:
            print(f"kind accuracy {rep['kind_accuracy']:.3f}")
        if a.breakdown or not a.quiet:
            breakdown(sc, items, results, a.examples)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
