"""Where the tests find Redis: CLAIMTRACK_TEST_REDIS_URL, database 15 locally, or a throwaway server."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, the tests take the database as before
    fcntl = None  # type: ignore[assignment]

DEFAULT_URL = "redis://127.0.0.1:6379/15"
# One directory for every user and TMPDIR: sessions must see each other's locks.
LOCK_DIR = Path("/tmp") if Path("/tmp").is_dir() else Path.home()


def _database(url: str) -> str:
    """host:port/db of a Redis URL, with 'localhost' as 127.0.0.1: one lock per database, however written."""
    parts = urlsplit(url)
    host = "127.0.0.1" if parts.hostname in (None, "localhost") else parts.hostname
    return f"{host}:{parts.port or 6379}/{parts.path.strip('/') or '0'}"


def lock_path(url: str) -> Path:
    """The lock file of the database at `url`."""
    return LOCK_DIR / f"claimtrack-tests-{hashlib.sha1(_database(url).encode()).hexdigest()[:12]}.lock"


@contextmanager
def exclusive_use(url: str) -> Iterator[bool]:
    """Whether this test session has the database at `url` to itself: the tests flush it before and
    after each test, so a second session on this machine (another checkout, a CI run beside a
    developer's) must not share it. A lock file per database; False while another session holds it,
    or when the lock file cannot be opened (another user's, say): then the caller uses a server of its own."""
    if fcntl is None:
        yield True
        return
    try:
        fd = os.open(lock_path(url), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        yield False
        return
    try:
        with suppress(OSError):  # another user's file stays as they made it
            os.fchmod(fd, 0o666)  # other users' sessions must be able to open it too (umask aside)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            held = False
        else:
            held = True
        yield held
    finally:
        os.close(fd)  # closing releases the lock
