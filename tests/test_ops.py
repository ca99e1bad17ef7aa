"""Operations: readiness checks, request ids, Prometheus metrics, JSON logs."""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import replace
from typing import Any

import pytest
import redis
from flask.testing import FlaskClient
from rq import Queue, SimpleWorker, Worker
from rq.serializers import JSONSerializer

from claimtrack import keys
from claimtrack.config import ConfigError, Settings, load_settings
from claimtrack.logging_setup import configure_logging
from claimtrack.queueing import get_queue
from claimtrack.redis_client import connect

ARTICLE = {
    "published_at": "2026-01-10T09:00:00Z",
    "text": ("PORT ELLEN (Coast Wire) - Harbour dues for foreign trawlers will double from April, "
             "Fisheries Minister Ines Kolar said on Friday.\n"
             "\"The harbour dues for foreign trawlers will double from April,\" Kolar told reporters.\n"),
}


def make_client(settings: Settings, conn: redis.Redis, **changes: Any) -> FlaskClient:
    from service import create_app

    return create_app(replace(settings, **changes), conn=conn, check=False, TESTING=True).test_client()


def test_readiness_reports_each_check(settings: Settings, redis_db: redis.Redis) -> None:
    client = make_client(settings, redis_db, ready_min_workers=1)
    r = client.get("/readyz")
    checks = r.get_json()["checks"]
    assert r.status_code == 503 and r.get_json()["status"] == "not ready"
    assert checks["redis"]["ok"] and checks["layout"]["ok"] and not checks["workers"]["ok"]
    assert checks["workers"]["alive"] == 0
    worker = Worker([get_queue(redis_db, settings)], connection=redis_db)
    worker.register_birth()
    try:
        r = client.get("/readyz")
        assert r.status_code == 200 and r.get_json()["checks"]["workers"]["alive"] == 1
        redis_db.set(keys.layout_version(), keys.LAYOUT_VERSION - 1)
        r = client.get("/readyz")
        assert r.status_code == 503 and not r.get_json()["checks"]["layout"]["ok"]
        assert "claimtrack migrate" in r.get_json()["checks"]["layout"]["detail"]
    finally:
        worker.register_death()


def test_readiness_when_redis_is_down(settings: Settings, redis_db: redis.Redis) -> None:
    client = make_client(settings, connect("redis://127.0.0.1:1/0"))
    r = client.get("/readyz")
    assert r.status_code == 503
    checks = r.get_json()["checks"]
    assert not checks["redis"]["ok"] and "unreachable" in checks["redis"]["detail"]
    assert not checks["layout"]["ok"] and not checks["workers"]["ok"]
    assert client.get("/metrics").get_data(as_text=True).count("claimtrack_redis_up 0.0") == 1


def test_request_ids_are_echoed_or_generated(client: FlaskClient) -> None:
    assert client.get("/v1/speakers", headers={"X-Request-ID": "cms-42.a"}).headers["X-Request-ID"] == "cms-42.a"
    generated = client.get("/v1/speakers", headers={"X-Request-ID": "bad id"}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert client.get("/v1/articles/nope").headers["X-Request-ID"]  # errors carry one too


def test_metrics_are_public(settings: Settings, redis_db: redis.Redis) -> None:
    locked = make_client(settings, redis_db, open_access=False)
    assert locked.get("/v1/speakers").status_code == 401
    r = locked.get("/metrics")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    text = r.get_data(as_text=True)
    assert 'claimtrack_http_requests_total{method="GET",route="/v1/speakers",status="401"}' in text


def metric(text: str, name: str) -> float:
    """The value of one sample line `name value` in an exposition."""
    found = re.search(rf"^{re.escape(name)} ([0-9.e+-]+)$", text, re.MULTILINE)
    assert found, f"{name} not in metrics"
    return float(found.group(1))


@pytest.mark.e2e
def test_metrics_count_requests_queue_jobs_and_statements(client: FlaskClient, run_worker: Any) -> None:
    client.post("/v1/articles", json=ARTICLE)
    text = client.get("/metrics").get_data(as_text=True)
    assert metric(text, 'claimtrack_queue_jobs{queue="claimtrack-test",state="queued"}') == 1
    assert metric(text, 'claimtrack_http_requests_total{method="POST",route="/v1/articles",status="202"}') >= 1
    assert 'claimtrack_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/v1/articles"}' in text
    run_worker()
    text = client.get("/metrics").get_data(as_text=True)
    assert metric(text, 'claimtrack_queue_jobs{queue="claimtrack-test",state="queued"}') == 0
    assert metric(text, 'claimtrack_jobs_total{job="process_article",outcome="succeeded"}') == 1
    assert metric(text, 'claimtrack_job_duration_seconds_count{job="process_article"}') == 1
    assert metric(text, 'claimtrack_job_duration_seconds_bucket{job="process_article",le="+Inf"}') == 1
    assert metric(text, "claimtrack_statements_extracted_total") == 2
    assert metric(text, "claimtrack_statements_matched_total") == 1
    assert metric(text, 'claimtrack_stored{kind="articles"}') == 1


@pytest.fixture
def json_logs() -> Any:
    """JSON logging into a buffer for the test's duration."""
    buffer = io.StringIO()
    handler = configure_logging("json", stream=buffer)
    yield buffer
    logging.getLogger().removeHandler(handler)


def lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_json_logs_carry_the_request_id(client: FlaskClient, json_logs: io.StringIO) -> None:
    @client.application.get("/log-something")
    def log_something() -> str:
        logging.getLogger("claimtrack.test").warning("hello %s", "there", extra={"article_id": "a1"})
        return "ok"

    client.get("/log-something", headers={"X-Request-ID": "req-1"})
    entry = next(e for e in lines(json_logs) if e["logger"] == "claimtrack.test")
    assert entry["message"] == "hello there" and entry["level"] == "warning" and entry["request_id"] == "req-1"
    assert entry["article_id"] == "a1" and entry["job_id"] is None and entry["time"].endswith("Z")


def log_in_job() -> None:
    """A job that logs (for the job_id test)."""
    logging.getLogger("claimtrack.test").info("inside the job")


def test_json_logs_carry_the_job_id(redis_db: redis.Redis, json_logs: io.StringIO) -> None:
    queue = Queue("ops-test", connection=redis_db, serializer=JSONSerializer)
    job = queue.enqueue_call("tests.test_ops.log_in_job")
    SimpleWorker([queue], connection=redis_db, serializer=JSONSerializer).work(burst=True)
    entry = next(e for e in lines(json_logs) if e["message"] == "inside the job")
    assert entry["job_id"] == job.id and entry["request_id"] is None


def test_log_format_setting() -> None:
    assert load_settings(env={"CLAIMTRACK_LOG_FORMAT": "json"}).log_format == "json"
    with pytest.raises(ConfigError, match="CLAIMTRACK_LOG_FORMAT"):
        load_settings(env={"CLAIMTRACK_LOG_FORMAT": "xml"})
    with pytest.raises(ConfigError, match="CLAIMTRACK_READY_MIN_WORKERS"):
        load_settings(env={"CLAIMTRACK_READY_MIN_WORKERS": "-1"})
