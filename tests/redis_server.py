"""Where the tests find Redis: CLAIMTRACK_TEST_REDIS_URL, database 15 locally, or a throwaway server."""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_URL = "redis://127.0.0.1:6379/15"


@contextmanager
def exclusive_use(url: str) -> Iterator[bool]:
    """Whether this test session has the database at `url` to itself: the tests flush it before and
    after each test, so a second session on this machine (another checkout, a CI run beside a
    developer's) must not share it. A lock file per URL; False while another session holds it."""
    path = Path(tempfile.gettempdir()) / f"claimtrack-tests-{hashlib.sha1(url.encode()).hexdigest()[:12]}.lock"
    with open(path, "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
