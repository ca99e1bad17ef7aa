"""Shared helpers for the benchmarks: machine description, real statement texts, timing."""

from __future__ import annotations

import glob
import json
import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "polnear"


def machine() -> str:
    """One line: CPU model, cores this process may use, memory, load at start."""
    model = platform.processor() or platform.machine()
    flags: set[str] = set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
            elif line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break
    except OSError:
        pass
    wanted = {"avx2", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_bf16", "amx_int8"}
    isa = ", ".join(sorted(flags & wanted)) or "no AVX2"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{model}; {len(os.sched_getaffinity(0))} cores ({isa}); {mem:.0f} GiB; load average at start {load}"


def real_statements(limit: int) -> tuple[list[str], str]:
    """Statement texts from the PolNeAR gold attributions (read at run time), else sentences of demo/articles."""
    out: list[str] = []
    gold_files = sorted(glob.glob(str(SHARED_EVAL / "*" / "gold" / "*.json")))
    for gold in gold_files:
        article = json.loads(Path(gold.replace("/gold/", "/articles/")).read_text())
        for statement in json.loads(Path(gold).read_text())["statements"]:
            text = " ".join(article["text"][a:b] for a, b in statement["ranges"]).strip()
            if text:
                out.append(text)
        if len(out) >= limit:
            return out[:limit], f"PolNeAR gold attributions ({SHARED_EVAL})"
    if out:
        return out, f"PolNeAR gold attributions ({SHARED_EVAL})"
    for path in sorted((ROOT / "demo" / "articles").glob("*.json")):
        text = json.loads(path.read_text())["text"]
        out += [s.strip() for s in re.split(r"(?<=[.!?”\"])\s+", text) if len(s.split()) >= 3]
    reps = -(-limit // max(1, len(out)))
    return (out * reps)[:limit], "demo/articles sentences (../shared absent), repeated"


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, float]:
    """Best wall seconds and the CPU seconds of that run, over `repeat` runs."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if wall < best[0]:
            best = (wall, cpu)
    return best


@contextmanager
def fresh_stack(workers: int, prefix: str) -> Iterator[tuple[str, str]]:
    """A throwaway Redis and a stack (API and `workers` workers, open access, no rate limit) on a free
    port, stopped on exit: (base URL, Redis URL)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from stack import start

    from claimtrack.local_redis import LocalRedis, free_port

    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        server = LocalRedis(tmp, persist=False)
        stack.callback(server.close)
        os.environ["REDIS_URL"] = server.url
        os.environ.pop("CLAIMTRACK_STORE_URL", None)  # results in this throwaway Redis too
        os.environ["CLAIMTRACK_RATE_LIMIT"] = os.environ["CLAIMTRACK_READ_RATE_LIMIT"] = ""
        base, _ = start(stack, f"127.0.0.1:{free_port()}", workers, open_access=True)
        yield base, server.url
