"""Two test sessions on one machine do not share (and flush) one Redis database."""

from __future__ import annotations

import hashlib
import tempfile
import uuid
from pathlib import Path

from tests.redis_server import exclusive_use


def test_a_second_session_does_not_get_a_database_another_holds() -> None:
    url = f"redis://127.0.0.1:6379/15?isolation-test={uuid.uuid4().hex}"
    with exclusive_use(url) as first, exclusive_use(url) as second:
        assert first and not second
    with exclusive_use(url) as again:  # released with the first session
        assert again
    (Path(tempfile.gettempdir()) / f"claimtrack-tests-{hashlib.sha1(url.encode()).hexdigest()[:12]}.lock").unlink()
