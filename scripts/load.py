"""Load test on loopback: N concurrent clients post articles and poll them until done, for T seconds.

    python scripts/load.py --clients 200 --seconds 60 --workers 2

Starts its own stack (throwaway Redis unless REDIS_URL is set, the API, workers), then
reports errors, lost or duplicated articles, throughput and latency percentiles.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import start

from claimtrack.local_redis import LocalRedis, free_port

SPEAKERS = ["Ada Brun", "Lin Ode", "Ines Kolar", "Tomas Reyland", "Irina Caldwell"]
TOPICS = ["the bridge", "the tram line", "the ferry", "the grid", "the harbour", "the pension bill"]


def article(i: int, rnd: random.Random) -> dict[str, str]:
    who, what = rnd.choice(SPEAKERS), rnd.choice(TOPICS)
    text = (f"VELMORA (Load Wire) - Minister {who} said on Monday that {what} would be ready by {2030 + i % 7}.\n"
            f"\"We will finish {what} on time and within budget number {i},\" {who.split()[-1]} told reporters.\n")
    return {"text": text, "published_at": f"2026-0{1 + i % 9}-1{i % 10}T10:00:00Z"}


def call(base: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict, float]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"{}"), time.perf_counter() - t
    except urllib.error.HTTPError as e:
        return e.code, {}, time.perf_counter() - t


def pct(values: list[float], q: float) -> float:
    return 1000 * sorted(values)[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    lock = threading.Lock()
    posts: list[float] = []
    gets: list[float] = []
    done_after: list[float] = []
    errors: list[str] = []
    ids: dict[str, str] = {}
    counter = iter(range(10**9))

    def client(seed: int, base: str, stop_at: float) -> None:
        rnd = random.Random(seed)
        while time.monotonic() < stop_at:
            with lock:
                i = next(counter)
            body = article(i, rnd)
            code, resp, dt = call(base, "POST", "/v1/articles", body)
            with lock:
                posts.append(dt)
                if code != 202:
                    errors.append(f"POST {code}")
                    continue
                ids[body["text"]] = resp["id"]
            t0 = time.perf_counter()
            while time.monotonic() < stop_at + 120:
                code, resp, dt = call(base, "GET", f"/v1/articles/{resp['id']}")
                with lock:
                    gets.append(dt)
                if code != 200:
                    with lock:
                        errors.append(f"GET {code}")
                    break
                if resp["status"] in ("done", "failed"):
                    with lock:
                        done_after.append(time.perf_counter() - t0)
                        if resp["status"] == "failed":
                            errors.append(f"article failed: {resp.get('error')}")
                    break
                time.sleep(0.2)

    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="claimtrack-load-") as tmp:
        os.environ["CLAIMTRACK_RATE_LIMIT"] = os.environ["CLAIMTRACK_READ_RATE_LIMIT"] = ""
        if not os.environ.get("REDIS_URL"):
            server = LocalRedis(tmp, persist=True)
            stack.callback(server.close)
            os.environ["REDIS_URL"] = server.url
            os.environ.pop("CLAIMTRACK_STORE_URL", None)  # results in this throwaway Redis too
        base, _ = start(stack, f"127.0.0.1:{free_port()}", args.workers, open_access=True)
        t0 = time.monotonic()
        threads = [threading.Thread(target=client, args=(n, base, t0 + args.seconds)) for n in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - t0
        # nothing lost or duplicated: every accepted article is there once, and a repost finds the same id
        lost = [i for i in ids.values() if call(base, "GET", f"/v1/articles/{i}")[0] != 200]
        sample = list(ids.items())[:50]
        dupes = [t for t, i in sample if call(base, "POST", "/v1/articles", {"text": t})[1].get("id") != i]
    print(f"clients {args.clients}, {args.seconds:.0f} s, workers {args.workers}; wall {wall:.1f} s")
    print(f"articles accepted {len(ids)} (distinct ids {len(set(ids.values()))}), processed {len(done_after)}, "
          f"{len(done_after) / wall:.1f} articles/s")
    print(f"errors {len(errors)} {sorted(set(errors))[:5]}; lost {len(lost)}; duplicated on repost {len(dupes)}")
    print(f"POST latency p50 {pct(posts, 0.5):.1f} ms p99 {pct(posts, 0.99):.1f} ms; "
          f"GET p50 {pct(gets, 0.5):.1f} ms p99 {pct(gets, 0.99):.1f} ms ({len(gets)} polls)")
    if done_after:
        print(f"POST-to-done p50 {pct(done_after, 0.5):.0f} ms p99 {pct(done_after, 0.99):.0f} ms "
              f"(mean {1000 * statistics.mean(done_after):.0f} ms)")
    return 1 if errors or lost or dupes else 0


if __name__ == "__main__":
    sys.exit(main())
