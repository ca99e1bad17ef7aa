"""Two test sessions on one machine do not share (and flush) one Redis database."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests import redis_server
from tests.redis_server import _database, exclusive_use, lock_path


def test_a_second_session_does_not_get_a_database_another_holds() -> None:
    url = f"redis://127.0.0.1:6379/{uuid.uuid4().hex}"  # a database of its own name: a lock of its own
    with exclusive_use(url) as first, exclusive_use(url) as second:
        assert first and not second
    with exclusive_use(url) as again:  # released with the first session
        assert again
    lock_path(url).unlink()


def test_one_lock_per_database_however_its_url_is_written() -> None:
    assert _database("redis://localhost:6379/15") == _database("redis://127.0.0.1/15") == "127.0.0.1:6379/15"
    assert _database("redis://127.0.0.1:6380/15") != _database("redis://127.0.0.1:6379/15")
    assert _database("redis://127.0.0.1:6379") == "127.0.0.1:6379/0"


def test_a_lock_file_that_cannot_be_opened_means_a_server_of_its_own(monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    monkeypatch.setattr(redis_server, "LOCK_DIR", tmp_path / "missing")
    with exclusive_use("redis://127.0.0.1:6379/15") as ours:
        assert not ours
