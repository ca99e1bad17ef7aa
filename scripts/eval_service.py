"""Score the running service with the evaluation kit in ../shared/eval (skipped when absent).

Starts a fresh stack (its own throwaway Redis unless REDIS_URL is set; with --cluster the results
on a throwaway 3-node Redis Cluster), runs the official scorers through the REST API, prints their
figures, then stops the stack.
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

from claimtrack.local_redis import LocalRedis, LocalRedisCluster, free_port

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("CLAIMTRACK_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", default=["dev", "polnear/dev"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default="var/eval-report.json")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--cluster", action="store_true",
                    help="keep the results on a throwaway 3-node Redis Cluster (the queue on its own Redis)")
    args = ap.parse_args()
    scorer = EVAL / "score_statements.py"
    if not scorer.exists():
        print(f"evaluation skipped: {scorer} not found (the eval kit lives outside the repository)")
        return 0
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="claimtrack-eval-") as tmp:
        if not os.environ.get("REDIS_URL"):
            server = LocalRedis(tmp, persist=False)
            stack.callback(server.close)
            os.environ["REDIS_URL"] = server.url
            os.environ.pop("CLAIMTRACK_STORE_URL", None)  # results in this throwaway Redis too
        if args.cluster:
            cluster = LocalRedisCluster(Path(tmp) / "cluster")
            stack.callback(cluster.close)
            os.environ["CLAIMTRACK_STORE_URL"] = cluster.url
            stack.callback(lambda: print("keys on the cluster's nodes:", [n.dbsize() for n in cluster.node_clients()]))
        bind = f"127.0.0.1:{free_port()}"
        base, _ = start(stack, bind, args.workers, open_access=True)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, str(scorer), "--base", base, "--out", args.out,
               *[str(EVAL / c) for c in args.corpora]]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
