"""Extraction speed (spaCy parse plus attribution rules) with the shipped matrix products against
spaCy's default, thinc's bundled BLIS, measured in the same run, one BLAS thread as in a worker.

Rounds alternate between the two settings on one loaded pipeline; the statements each extracts are
compared, and must be the same. Compare the ratios, not the absolute numbers: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from threadpoolctl import threadpool_limits

from bench.common import ROOT, SHARED_EVAL, machine
from workers.extraction import extract_statements, load_nlp
from workers.extraction.model import route_matrix_products

SETTINGS = {"bundled BLIS (spaCy's default)": True, "numpy BLAS (shipped)": False}


def articles(limit: int) -> tuple[list[str], str]:
    """Article texts: PolNeAR dev (read at run time), else the demo articles."""
    paths = sorted((SHARED_EVAL / "dev" / "articles").glob("*.json"))[:limit]
    source = f"PolNeAR dev articles ({SHARED_EVAL})"
    if not paths:
        paths, source = sorted((ROOT / "demo" / "articles").glob("*.json")), "demo/articles (../shared absent)"
    return [json.loads(p.read_text())["text"] for p in paths], source


def _component_seconds(texts: list[str]) -> dict[str, float]:
    """CPU seconds of each pipeline component over the paragraphs extraction parses."""
    from workers.extraction.pipeline import paragraphs, worth_parsing

    nlp = load_nlp()
    paras = [t[p.start:p.end] for t in texts for p in paragraphs(t) if worth_parsing(t[p.start:p.end])]
    c0 = time.process_time()
    docs = [nlp.make_doc(p) for p in paras]
    out = {"tokenizer": time.process_time() - c0}
    for name, component in nlp.pipeline:
        c0 = time.process_time()
        docs = list(component.pipe(docs, batch_size=32))
        out[name] = time.process_time() - c0
    return out


def run(limit: int, rounds: int) -> str:
    """Benchmark and return a markdown section."""
    texts, source = articles(limit)
    nlp = load_nlp()
    walls: dict[str, list[float]] = {name: [] for name in SETTINGS}
    cpus: dict[str, list[float]] = {name: [] for name in SETTINGS}
    outputs: dict[str, list[list[tuple[object, ...]]]] = {}
    parts: dict[str, dict[str, float]] = {}
    with threadpool_limits(1, user_api="blas"):
        extract_statements(texts[0], nlp)  # warm-up
        try:
            for _ in range(rounds):
                for name, bundled in SETTINGS.items():
                    route_matrix_products(nlp, bundled_blis=bundled)
                    t0, c0 = time.perf_counter(), time.process_time()
                    found = [[(s.start, s.end, s.kind, s.speaker) for s in extract_statements(t, nlp)] for t in texts]
                    walls[name].append(time.perf_counter() - t0)
                    cpus[name].append(time.process_time() - c0)
                    outputs[name] = found
                    print(f"  {name:32s} {walls[name][-1]:6.2f} s wall", file=sys.stderr, flush=True)
            for name, bundled in SETTINGS.items():
                route_matrix_products(nlp, bundled_blis=bundled)
                parts[name] = _component_seconds(texts)
        finally:
            route_matrix_products(nlp)
    n_statements = sum(len(a) for a in next(iter(outputs.values())))
    same = len({json.dumps(o) for o in outputs.values()}) == 1
    base = next(iter(SETTINGS))
    lines = [
        "## Extraction (parse and attribution)",
        "",
        f"{len(texts)} articles from {source}, {n_statements} statements; {rounds} alternating rounds, best shown;"
        " one BLAS thread, one process.",
        f"Statements the same in both settings: {'yes' if same else 'NO'}.",
        "",
        "| matrix products | articles/s (wall) | statements/s (wall) | per CPU-second | vs bundled BLIS (wall)"
        " | vs bundled BLIS (CPU) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in SETTINGS:
        wall, cpu = min(walls[name]), min(cpus[name])
        lines.append(f"| {name} | {len(texts) / wall:.1f} | {n_statements / wall:.0f} | {n_statements / cpu:.0f} "
                     f"| {min(walls[base]) / wall:.2f}x | {min(cpus[base]) / cpu:.2f}x |")
    names = list(next(iter(parts.values())))
    lines += ["", "CPU seconds per pipeline component, over the paragraphs extraction parses:", "",
              "| matrix products | " + " | ".join(names) + " | total |",
              "| --- | " + " | ".join("---:" for _ in names) + " | ---: |"]
    for name, secs in parts.items():
        lines.append(f"| {name} | " + " | ".join(f"{secs[c]:.2f}" for c in names) + f" | {sum(secs.values()):.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=84, help="articles")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(run(args.limit, args.rounds))


if __name__ == "__main__":
    main()
