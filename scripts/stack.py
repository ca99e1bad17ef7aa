"""Run the whole stack locally: Redis (started here unless REDIS_URL is set), the API and workers.

    python scripts/stack.py serve      # foreground on 127.0.0.1:8000 until Ctrl-C
    python scripts/stack.py demo       # post demo/articles, print who said what and what matched, stop
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from claimtrack.local_redis import LocalRedis, port_free

ROOT = Path(__file__).resolve().parent.parent


def call(base: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def wait_ready(base: str, procs: list[subprocess.Popen], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            raise SystemExit("a process of the stack exited during start-up; see its output above")
        try:
            if call(base, "GET", "/readyz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the API at {base} did not become ready in {timeout:.0f}s")


def start(
    stack: ExitStack, bind: str, workers: int, open_access: bool = False
) -> tuple[str, list[subprocess.Popen]]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if open_access:  # local demo and evaluation only: no API keys needed
        env["CLAIMTRACK_OPEN_ACCESS"] = "1"
    if not env.get("REDIS_URL"):
        if open_access:  # the demo starts from an empty store each time
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="claimtrack-demo-")))
            server = LocalRedis(data_dir, persist=False)
        else:
            port = int(os.environ.get("CLAIMTRACK_LOCAL_REDIS_PORT", "6390"))
            server = LocalRedis(ROOT / "var" / "redis", port=port if port_free(port) else None)
        stack.callback(server.close)
        env["REDIS_URL"] = server.url
        env.pop("CLAIMTRACK_STORE_URL", None)  # results in this Redis too
        print(f"started redis-server on {server.url} (data in {server.dir}; "
              f"use REDIS_URL={server.url} for `claimtrack keys create` and other commands)")
    # gunicorn runs several API processes: their HTTP metrics meet in this folder (emptied by `claimtrack serve`)
    env.setdefault("PROMETHEUS_MULTIPROC_DIR", str(ROOT / "var" / f"prometheus-{bind.rsplit(':', 1)[-1]}"))
    exe = [sys.executable, "-m", "claimtrack.cli"]
    subprocess.run([*exe, "migrate"], env=env, check=True)
    procs = [subprocess.Popen([*exe, "serve", "--bind", bind], env=env)]
    # Several workers on one machine share its cores: each embeds with its share of them, so that
    # their thread pools do not oversubscribe the CPU (an explicit CLAIMTRACK_EMBED_THREADS wins).
    worker_env = dict(env)
    if workers > 1 and not env.get("CLAIMTRACK_EMBED_THREADS"):
        worker_env["CLAIMTRACK_EMBED_THREADS"] = str(max(1, len(os.sched_getaffinity(0)) // workers))
    procs += [subprocess.Popen([*exe, "worker"], env=worker_env) for _ in range(workers)]

    def stop() -> None:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()

    stack.callback(stop)
    base = f"http://{bind}"
    wait_ready(base, procs)
    return base, procs


def demo(base: str) -> None:
    files = sorted((ROOT / "demo" / "articles").glob("*.json"))
    ids = []
    for f in files:
        article = json.loads(f.read_text())
        code, body = call(base, "POST", "/v1/articles", article)
        print(f"POST {f.name}: {code} {body.get('id')} {body.get('status')}")
        ids.append(body["id"])
        # post in published order and wait, so each article's matches see the previous ones
        while call(base, "GET", f"/v1/articles/{body['id']}")[1].get("status") not in ("done", "failed"):
            time.sleep(0.1)
    for article_id in ids:
        _, art = call(base, "GET", f"/v1/articles/{article_id}")
        print(f"\n== {art.get('title')} ({art.get('published_at')}, {art['status']})")
        if art.get("error"):
            print(f"   error: {art['error']}")
        for s in art.get("statements", []):
            who = s["speaker"]["name"] if s["speaker"] else "(unattributed)"
            print(f"  [{s['kind']:8}] {who}: {s['text'][:110]}")
            for m in s["matches"]:
                print(f"      = said before ({m['published_at'][:10]}, {m['source']}, score {m['score']:.2f}): "
                      f"{m['text'][:90]}")
    _, speakers = call(base, "GET", "/v1/speakers")
    print("\nspeakers: " + ", ".join(f"{s['name']} ({s['statement_count']})" for s in speakers["items"]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["serve", "demo"])
    ap.add_argument("--bind", default=os.environ.get("CLAIMTRACK_BIND", "127.0.0.1:8000"))
    ap.add_argument("--workers", type=int, default=int(os.environ.get("CLAIMTRACK_WORKERS", "1")))
    args = ap.parse_args()
    with ExitStack() as stack:
        base, procs = start(stack, args.bind, args.workers, open_access=args.mode == "demo")
        if args.mode == "demo":
            demo(base)
            return 0
        print(f"claimtrack serving on {base} (Ctrl-C to stop)")
        if os.environ.get("CLAIMTRACK_OPEN_ACCESS", "") not in ("1", "true", "yes", "on"):
            print("API keys required: `.venv/bin/claimtrack keys create --name me --scopes write` with the same "
                  "REDIS_URL, or set CLAIMTRACK_OPEN_ACCESS=1 for local use")
        try:
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:
            print("stopping")
    return 0


if __name__ == "__main__":
    sys.exit(main())
