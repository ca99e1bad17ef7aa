"""Helpers to run real claimtrack processes (workers) against a given Redis in tests."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def worker_process(redis_url: str, queue: str, burst: bool = False) -> subprocess.Popen[bytes]:
    """Start `claimtrack worker` as a child process."""
    env = dict(os.environ, REDIS_URL=redis_url, CLAIMTRACK_QUEUE=queue, CLAIMTRACK_JOB_RETRIES="0",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONPATH=str(ROOT))
    args = [sys.executable, "-m", "claimtrack.cli", "worker"] + (["--burst"] if burst else [])
    # its own process group: the worker forks RQ's scheduler, and stop()/kill_group() end both
    return subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def kill_group(proc: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    """Send `sig` to the process and every process it started (a container dying takes them all)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll until `condition()` holds or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a child process and its group (kill them if they do not exit)."""
    kill_group(proc, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        kill_group(proc, signal.SIGKILL)
        proc.wait()
    kill_group(proc, signal.SIGKILL)  # a scheduler child that outlived its worker
