"""Real faults with real processes: a worker killed mid-job, Redis restarted or down."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import redis

from claimtrack import keys
from claimtrack.config import Settings
from claimtrack.local_redis import LocalRedis, free_port
from claimtrack.redis_client import connect
from migrations import migrate
from tests.procs import kill_group, stop, wait_for, worker_process

pytestmark = pytest.mark.faults


def long_article(n: int) -> str:
    """A wire story with n attributed sentences, long enough that a job is caught mid-way."""
    lines = ["VELMORA (Norland Wire) - Transport Minister Ada Brun said on Monday the tram network would grow."]
    for i in range(n):
        lines.append(f"\"Line {i} will open in spring and will carry {1000 + i} passengers a day,\" Brun said.")
    return "\n".join(lines) + "\n"


@pytest.fixture
def aof_redis() -> Iterator[LocalRedis]:
    """A private redis-server with AOF (appendfsync everysec), for faults that touch Redis itself."""
    with tempfile.TemporaryDirectory(prefix="claimtrack-faults-") as data_dir:
        server = LocalRedis(data_dir, port=free_port(), persist=True)
        try:
            yield server
        finally:
            server.close()


def client_for(settings: Settings, url: str) -> Any:
    from service import create_app

    return create_app(replace(settings, redis_url=url), conn=connect(url)).test_client()


def test_worker_killed_mid_job_completes_exactly_once(settings: Settings, redis_db: redis.Redis) -> None:
    client = client_for(settings, settings.redis_url)
    article_id = client.post("/v1/articles", json={"text": long_article(400)}).get_json()["id"]
    first = worker_process(settings.redis_url, settings.queue_name)
    try:
        wait_for(lambda: json.loads(redis_db.get(keys.article(article_id)))["status"] == "processing", 120,
                 "the first worker to start the job")
        kill_group(first)  # the worker and the scheduler it forked, as when a container dies
        first.wait()
    finally:
        stop(first)
    assert json.loads(redis_db.get(keys.article(article_id)))["status"] == "processing"
    second = worker_process(settings.redis_url, settings.queue_name, burst=True)
    try:
        assert second.wait(timeout=300) == 0
    finally:
        stop(second)
    got = client.get(f"/v1/articles/{article_id}").get_json()
    assert got["status"] == "done"
    assert len(got["statements"]) == 401
    assert len({s["span"][0] for s in got["statements"]}) == 401  # no duplicates
    speaker_id = got["statements"][0]["speaker"]["id"]
    assert redis_db.zcard(keys.speaker_statements(speaker_id)) == 401
    assert redis_db.hlen(keys.speaker_vectors(speaker_id)) == 401
    records = [k for k in redis_db.scan_iter(match=f"ct:statement:{article_id}.*".encode(), count=1000)
               if k.count(b":") == 2]  # statement records, not their :links/:claim sub-keys
    assert len(records) == 401  # the interrupted attempt left no extra statement behind


def test_redis_restart_loses_no_accepted_article_and_workers_reconnect(
    settings: Settings, aof_redis: LocalRedis
) -> None:
    url = aof_redis.url
    conn = connect(url)
    migrate(conn)
    client = client_for(settings, url)
    accepted = []
    for i in range(20):
        r = client.post("/v1/articles", json={"text": f"Mayor Lin Ode said bridge {i} would reopen in May."})
        assert r.status_code == 202
        accepted.append(r.get_json()["id"])
    worker = worker_process(url, settings.queue_name)
    try:
        port, data_dir = aof_redis.port, aof_redis.dir
        aof_redis.close()  # graceful restart: the AOF is flushed
        down = client.post("/v1/articles", json={"text": "Mayor Lin Ode said the port is closed."})
        assert down.status_code == 503 and down.headers["Retry-After"]
        restarted = LocalRedis(data_dir, port=port, persist=True)
        aof_redis.proc = restarted.proc
        for article_id in accepted:
            assert client.get(f"/v1/articles/{article_id}").status_code == 200
        late = client.post("/v1/articles", json={"text": "Mayor Lin Ode said the ferry is back."}).get_json()["id"]
        wait_for(lambda: all(client.get(f"/v1/articles/{a}").get_json()["status"] == "done"
                             for a in [*accepted, late]), 180, "the reconnected worker to finish every article")
    finally:
        stop(worker)
    assert Path(data_dir).exists()
