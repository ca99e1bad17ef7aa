"""Score fact-check retrieval with ../shared/eval/score_factchecks.py against a fresh stack (skipped when absent).

    python scripts/eval_factchecks.py                      # dev-test split (the scorer's default)
    python scripts/eval_factchecks.py --split dev          # tuning split

Starts its own throwaway Redis (unless REDIS_URL is set), the API and workers, runs the
official scorer through the REST API, prints its figures, then stops the stack.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import start

from claimtrack.local_redis import LocalRedis, free_port

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("CLAIMTRACK_EVAL_DIR", ROOT.parent / "shared" / "eval"))
SPLITS = {"dev-test": ("dev-test.queries.tsv", "dev-test.qrels.tsv"),
          "dev": ("train-dev.queries.tsv", "dev.qrels.tsv")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=sorted(SPLITS), default="dev-test")
    ap.add_argument("--workers", type=int, default=int(os.environ.get("CLAIMTRACK_WORKERS", "2")))
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--out", default="var/eval-factchecks.json")
    args = ap.parse_args()
    scorer = EVAL / "score_factchecks.py"
    if not scorer.exists():
        print(f"evaluation skipped: {scorer} not found (the eval kit lives outside the repository)")
        return 0
    queries, qrels = SPLITS[args.split]
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="claimtrack-eval-") as tmp:
        if not os.environ.get("REDIS_URL"):
            server = LocalRedis(tmp, persist=False)
            stack.callback(server.close)
            os.environ["REDIS_URL"] = server.url
            os.environ.pop("CLAIMTRACK_STORE_URL", None)  # results in this throwaway Redis too
        # one benchmark client polling and searching in a loop: open access, no per-client rate limit
        os.environ.setdefault("CLAIMTRACK_RATE_LIMIT", "1000000/minute")
        os.environ.setdefault("CLAIMTRACK_READ_RATE_LIMIT", "1000000/minute")
        base, _ = start(stack, f"127.0.0.1:{free_port()}", args.workers, open_access=True)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, str(scorer), "--base", base, "--out", args.out, "--batch", str(args.batch),
               "--queries", str(EVAL / "checkthat2022" / queries), "--qrels", str(EVAL / "checkthat2022" / qrels)]
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
