"""Fixtures: a real Redis on a dedicated database, the app, a client, and a real worker."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from claimtrack.config import Settings, load_settings
from claimtrack.local_redis import LocalRedis, reachable
from claimtrack.redis_client import connect
from migrations import migrate
from tests.redis_server import DEFAULT_URL, exclusive_use


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """CLAIMTRACK_TEST_REDIS_URL (default: database 15 of the local Redis), else a throwaway server:
    where it is unreachable, or another test session on this machine is using it."""
    url = os.environ.get("CLAIMTRACK_TEST_REDIS_URL", DEFAULT_URL)
    with exclusive_use(url) as ours:
        if ours and reachable(url):
            yield url
            return
    with tempfile.TemporaryDirectory(prefix="claimtrack-test-redis-") as data_dir:
        server = LocalRedis(data_dir, persist=False)
        try:
            yield server.url
        finally:
            server.close()


@pytest.fixture(scope="session")
def settings(redis_url: str) -> Settings:
    """Test settings: the test database, no retry delays."""
    return load_settings(env={}, redis_url=redis_url, job_retries=0, queue_name="claimtrack-test",
                         open_access=True, rate_limit="100000/minute",
                         read_rate_limit="100000/minute", ready_min_workers=0)


@pytest.fixture
def redis_db(settings: Settings) -> Iterator[redis.Redis]:
    """An empty, migrated test database (flushed before and after; only this database)."""
    conn = connect(settings.redis_url)
    conn.flushdb()
    migrate(conn)
    yield conn
    conn.flushdb()
    conn.close()


@pytest.fixture
def app(settings: Settings, redis_db: redis.Redis) -> Flask:
    """The API app bound to the test database."""
    from service import create_app

    return create_app(settings, conn=redis_db, TESTING=True)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline the extractor uses, loaded once."""
    from workers.extraction import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def worker_context(settings: Settings) -> Any:
    """Parser and model, loaded once for the whole session."""
    from workers.context import init_context

    return init_context(settings, connect(settings.redis_url))


@pytest.fixture
def run_worker(settings: Settings, redis_db: redis.Redis, worker_context: Any) -> Any:
    """Run a real (non-forking) RQ worker in burst mode until the queue is empty."""
    from claimtrack import keys
    from workers.main import build_worker
    from workers.vector_cache import SpeakerVectorCache

    # Each test flushes the database: the session's context gets this test's connection and an empty cache.
    worker_context.conn = worker_context.queue_conn = redis_db
    worker_context.vectors = SpeakerVectorCache(redis_db, settings.vector_cache_max, keys.speaker_vector_removals)

    def _run() -> None:
        build_worker(settings, redis_db).work(burst=True)

    return _run
