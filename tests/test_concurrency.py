"""Concurrent clients and concurrent workers: nothing created twice, no match lost."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import redis
from flask import Flask

from claimtrack import keys
from claimtrack.config import Settings
from claimtrack.queueing import get_queue
from tests.procs import stop, worker_process


def test_same_article_posted_concurrently_is_created_once(app: Flask, redis_db: redis.Redis,
                                                          settings: Settings) -> None:
    body = {"text": "Mayor Lin Ode said the bridge would reopen in May.", "url": "https://example.org/bridge"}

    def post(_: int) -> tuple[int, str]:
        r = app.test_client().post("/v1/articles", json=body)
        return r.status_code, r.get_json()["id"]

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(post, range(48)))
    assert len({article_id for _, article_id in results}) == 1
    assert sorted(code for code, _ in results) == [200] * 47 + [202]
    assert redis_db.zcard(keys.articles()) == 1
    assert get_queue(redis_db, settings).count == 1


@pytest.mark.faults
def test_two_workers_on_one_speaker_lose_no_match(app: Flask, redis_db: redis.Redis, settings: Settings) -> None:
    client = app.test_client()
    ids = []
    for i in range(8):
        text = (f"VELMORA (Norland Wire) - Report {i}.\n"
                "Transport Minister Ada Brun said the tram network would double by 2030.\n")
        ids.append(client.post("/v1/articles", json={
            "text": text, "published_at": f"2026-05-0{i + 1}T10:00:00Z"}).get_json()["id"])
    workers = [worker_process(settings.redis_url, settings.queue_name, burst=True) for _ in range(2)]
    try:
        assert [w.wait(timeout=300) for w in workers] == [0, 0]
    finally:
        for w in workers:
            stop(w)
    statements: list[dict[str, Any]] = []
    for article_id in ids:
        got = client.get(f"/v1/articles/{article_id}").get_json()
        assert got["status"] == "done" and len(got["statements"]) == 1, got.get("error")
        statements.append(got["statements"][0])
    for i, statement in enumerate(statements):  # every earlier repetition is found, whoever processed it
        assert {m["statement_id"] for m in statement["matches"]} == {s["id"] for s in statements[:i]}
    assert len({s["claim_id"] for s in statements}) == 1  # and racing jobs did not split the claim


@pytest.mark.faults
def test_rq_worker_pool_processes_articles(app: Flask, redis_db: redis.Redis, settings: Settings) -> None:
    """RQ's own `rq worker-pool` with our worker class and the JSON serializer works as well."""
    import os
    import subprocess
    import sys

    from tests.procs import ROOT

    client = app.test_client()
    ids = [client.post("/v1/articles", json={"text": f"Mayor Lin Ode said bridge {i} would reopen in May."})
           .get_json()["id"] for i in range(4)]
    queues = [f"{settings.queue_name}-webhooks", settings.queue_name]
    env = dict(os.environ, REDIS_URL=settings.redis_url, CLAIMTRACK_QUEUE=settings.queue_name,
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONPATH=str(ROOT))
    pool = subprocess.run(
        [sys.executable, "-m", "rq.cli", "worker-pool", "--burst", "-n", "2", "-w", "workers.main.ClaimtrackWorker",
         "-S", "json", "-u", settings.redis_url, *queues],
        env=env, cwd=ROOT, capture_output=True, timeout=300, check=False)
    assert pool.returncode == 0, pool.stderr[-2000:]
    assert all(client.get(f"/v1/articles/{a}").get_json()["status"] == "done" for a in ids)


def test_concurrent_retries_make_one_run(app: Flask, redis_db: redis.Redis, settings: Settings) -> None:
    import json as jsonlib

    client = app.test_client()
    article_id = client.post("/v1/articles", json={"text": "Mayor Lin Ode said the tram is late."}).get_json()["id"]
    record = jsonlib.loads(redis_db.get(keys.article(article_id)))
    record["status"] = "failed"
    redis_db.set(keys.article(article_id), jsonlib.dumps(record))
    get_queue(redis_db, settings).empty()

    def retry(_: int) -> int:
        return int(app.test_client().post(f"/v1/articles/{article_id}/retry").status_code)

    with ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(retry, range(16)))
    assert codes == [202] + [409] * 15
    assert get_queue(redis_db, settings).job_ids == [f"article-{article_id}-2"]
