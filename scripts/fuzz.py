"""`make fuzz`: schemathesis against a live stack (throwaway Redis, open access, a free port).

    python scripts/fuzz.py [--max-examples N] [-- extra schemathesis arguments]

Checks: no 5xx, status codes and content types documented, bodies matching their schemas.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from claimtrack.local_redis import LocalRedis, free_port

ROOT = Path(__file__).resolve().parent.parent
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the stack exited during start-up; see its output above")
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the stack at {base} did not become ready in {timeout:.0f}s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", "100")))
    ap.add_argument("extra", nargs="*", help="further schemathesis arguments (after --)")
    args = ap.parse_args()
    schemathesis = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or "schemathesis"
    with tempfile.TemporaryDirectory(prefix="claimtrack-fuzz-") as tmp:
        redis_server = LocalRedis(tmp, persist=False)
        bind = f"127.0.0.1:{free_port()}"
        env = dict(os.environ, REDIS_URL=redis_server.url, CLAIMTRACK_OPEN_ACCESS="1",
                   CLAIMTRACK_RATE_LIMIT="1000000/minute", CLAIMTRACK_READ_RATE_LIMIT="1000000/minute")
        env.pop("CLAIMTRACK_STORE_URL", None)  # results in this throwaway Redis too
        stack = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "stack.py"), "serve", "--bind", bind,
                                  "--workers", "1"], env=env)
        try:
            base = f"http://{bind}"
            wait_ready(base, stack)
            command = [schemathesis, "run", f"{base}/openapi.json", "--checks", CHECKS,
                       "--max-examples", str(args.max_examples), "--request-timeout", "30",
                       "--generation-database", "none", *args.extra]
            print("+ " + " ".join(command), flush=True)
            return subprocess.run(command, env=env).returncode
        finally:
            stack.send_signal(signal.SIGINT)
            try:
                stack.wait(timeout=60)
            except subprocess.TimeoutExpired:
                stack.kill()
            redis_server.close()


if __name__ == "__main__":
    sys.exit(main())
