"""Statements/s of each embedding backend on real statements, against plain fp32 sentence-transformers.

Every figure is measured in this run, interleaved with the baseline, because the machine is shared:
compare the ratios, not the absolute numbers. "per CPU-s" divides by the process's CPU time, which
is less disturbed by other load than wall time is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, real_statements, timed
from workers.embedding import Embedder, cpu_threads, model_path

BACKENDS = ["fp32", "bf16", "onnx", "onnx-int8", "openvino"]


def run(n: int, rounds: int) -> str:
    """Benchmark and return a markdown section."""
    import torch
    from sentence_transformers import SentenceTransformer

    texts, source = real_statements(n)
    torch.set_num_threads(cpu_threads())
    plain = SentenceTransformer(str(model_path()), device="cpu")
    embedders = {b: Embedder(backend=b) for b in BACKENDS}

    def baseline() -> np.ndarray:
        return np.asarray(plain.encode(texts, normalize_embeddings=True, show_progress_bar=False))

    reference = baseline()
    walls: dict[str, list[float]] = {name: [] for name in ["plain", *BACKENDS]}
    cpus: dict[str, list[float]] = {name: [] for name in walls}
    outputs: dict[str, np.ndarray] = {}
    for e in embedders.values():
        e.encode(texts[:32])
    for _ in range(rounds):
        for name in walls:
            if name == "plain":
                wall, cpu = timed(baseline)
            else:
                wall, cpu = timed(lambda name=name: outputs.__setitem__(name, embedders[name].encode(texts)))
            walls[name].append(wall)
            cpus[name].append(cpu)
            print(f"  {name:10s} {n / wall:8.0f}/s wall", file=sys.stderr, flush=True)
    tokens = [len(t) for t in embedders["onnx-int8"].tokenizer.encode_batch(texts)]
    lines = [
        "## Embedding",
        "",
        f"{len(texts)} statements from {source}; mean {np.mean(tokens):.1f} tokens"
        f" (p95 {np.percentile(tokens, 95):.0f}).",
        f"{rounds} interleaved rounds, best round shown; threads = {cpu_threads()}; batch size"
        f" {embedders['openvino'].batch_size} (the baseline: `encode`'s default, 32).",
        "",
        "| backend | statements/s (wall) | per CPU-second | vs plain fp32 (wall) | vs plain fp32 (CPU) "
        "| min cos | mean cos |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    base_wall, base_cpu = min(walls["plain"]), min(cpus["plain"])
    for name in walls:
        wall, cpu = min(walls[name]), min(cpus[name])
        vectors = reference if name == "plain" else outputs[name]
        cos = (vectors * reference).sum(axis=1)
        label = "plain `SentenceTransformer.encode` fp32" if name == "plain" else f"`{name}`"
        lines.append(f"| {label} | {n / wall:.0f} | {n / cpu:.0f} | {base_wall / wall:.2f}x | {base_cpu / cpu:.2f}x "
                     f"| {cos.min():.5f} | {cos.mean():.5f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="statements to embed")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(machine(), file=sys.stderr)
    print(run(args.n, args.rounds))


if __name__ == "__main__":
    main()
