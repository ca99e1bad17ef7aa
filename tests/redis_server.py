"""Where the tests find Redis: CLAIMTRACK_TEST_REDIS_URL, database 15 locally, or a throwaway server."""

from __future__ import annotations

DEFAULT_URL = "redis://127.0.0.1:6379/15"
