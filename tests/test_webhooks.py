"""Webhooks: subscriptions per key, signed deliveries to a real HTTP receiver, retries, 410, SSRF refusals."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import redis
from flask.testing import FlaskClient
from rq.registry import ScheduledJobRegistry

from claimtrack import apikeys, webhooks
from claimtrack.config import Settings
from claimtrack.webhook_targets import refusal
from tests.test_claims import FIRST, SECOND, reprocess


def verify(secret: str, headers: Mapping[str, str], body: bytes, tolerance_s: int = 300) -> bool:
    """Check a Standard Webhooks signature exactly as a receiver does (the README shows this function)."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > tolerance_s:
        return False
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        version == "v1" and hmac.compare_digest(signature, expected)
        for version, _, signature in (s.partition(",") for s in headers["webhook-signature"].split())
    )


class Receiver:
    """A local HTTP endpoint that records every POST and answers with scripted status codes (then 200)."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.paths: list[str] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                receiver.paths.append(self.path)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                if status in (301, 302, 307, 308):
                    self.send_header("Location", f"{receiver.url}/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(body) for _, body in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def allowed(settings: Settings, worker_context: Any, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings letting webhooks target 127.0.0.1, for the API and the worker."""
    allowed = replace(settings, webhook_allow_private=True)
    monkeypatch.setattr(worker_context, "settings", allowed)
    return allowed


@pytest.fixture
def local(allowed: Settings, redis_db: redis.Redis) -> FlaskClient:
    """An open-access client whose webhooks may target the local receiver (no rate limiter: its own sockets)."""
    from service import create_app

    return create_app(replace(allowed, rate_limit=""), conn=redis_db, TESTING=True).test_client()


def subscribe(client: FlaskClient, url: str, events: list[str], **headers: str) -> dict[str, Any]:
    r = client.post("/v1/webhooks", json={"url": url, "events": events}, headers=headers)
    assert r.status_code == 201, r.get_json()
    return dict(r.get_json())


def emit_test_message(conn: redis.Redis, settings: Settings, name: str = "one") -> str:
    """Queue an article.processed message to every subscriber, as the article job does."""
    msg_id = webhooks.message_id("test", name)
    targets = webhooks.subscribers(conn)["article.processed"]
    webhooks.emit(conn, webhooks.delivery_queue(conn, settings), settings, "article.processed", msg_id,
                  {"article_id": name}, targets)
    return msg_id


@pytest.mark.e2e
def test_processed_articles_send_signed_events_once(
    local: FlaskClient, receiver: Receiver, run_worker: Any, redis_db: redis.Redis
) -> None:
    created = subscribe(local, f"{receiver.url}/hooks?src=ct", ["article.processed", "claim.repeated"])
    secret = created["secret"]
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) >= 24
    assert created["owner"] == "open" and created["status"] == "active"

    first = local.post("/v1/articles", json=FIRST).get_json()["id"]
    run_worker()
    second = local.post("/v1/articles", json=SECOND).get_json()["id"]
    run_worker()

    for headers, body in receiver.requests:
        assert verify(secret, headers, body)
        assert headers["content-type"] == "application/json"
        assert not verify(secret, headers, body.replace(b"}", b" }", 1))
        assert not verify(webhooks.new_secret(), headers, body)
    events = receiver.events()
    processed = [e for e in events if e["type"] == "article.processed"]
    assert [e["data"]["article_id"] for e in processed] == [first, second]
    assert processed[1]["data"]["status"] == "done" and processed[1]["data"]["statement_count"] == 2
    assert processed[0]["data"]["url"] == FIRST["url"]
    (repeated,) = [e for e in events if e["type"] == "claim.repeated"]
    data = repeated["data"]
    pledge = local.get(f"/v1/articles/{second}").get_json()["statements"][0]
    assert data["statement"]["statement_id"] == pledge["id"] and data["claim_id"] == pledge["claim_id"]
    assert data["speaker"]["name"] == "Ines Kolar" and data["earlier"]["article_id"] == first
    assert len({h["webhook-id"] for h, _ in receiver.requests}) == len(receiver.requests) == 3

    # A rerun of the same article run (a retried job) queues nothing new.
    reprocess(local, redis_db, second)
    run_worker()
    assert len(receiver.requests) == 3
    log = local.get(f"/v1/webhooks/{created['id']}").get_json()["deliveries"]
    assert [d["outcome"] for d in log] == ["delivered"] * 3 and all(d["status_code"] == 200 for d in log)


@pytest.mark.e2e
def test_a_url_with_characters_a_request_line_cannot_carry_is_called_percent_encoded(
    local: FlaskClient, receiver: Receiver, run_worker: Any, redis_db: redis.Redis, allowed: Settings
) -> None:
    # http.client refused '/hooks/café' with an exception the delivery did not catch: no request, no log
    created = subscribe(local, f"{receiver.url}/hooks/café?tag=a b&done=%2F", ["article.processed"])
    emit_test_message(redis_db, allowed)
    run_worker()
    assert receiver.paths == ["/hooks/caf%C3%A9?tag=a%20b&done=%2F"]
    log = local.get(f"/v1/webhooks/{created['id']}").get_json()["deliveries"]
    assert [d["outcome"] for d in log] == ["delivered"]


def test_secret_is_shown_only_at_creation(local: FlaskClient, receiver: Receiver) -> None:
    created = subscribe(local, receiver.url, ["factcheck.matched"])
    r = local.post("/v1/webhooks", json={"url": receiver.url, "events": ["article.processed"],
                                         "description": "newsroom alerts"})
    assert r.status_code == 201 and r.headers["Location"] == f"/v1/webhooks/{r.get_json()['id']}"
    one = local.get(f"/v1/webhooks/{created['id']}")
    listing = local.get("/v1/webhooks")
    assert one.status_code == 200 and one.get_json()["deliveries"] == []
    assert created["secret"] not in one.get_data(as_text=True) and "secret" not in one.get_json()
    assert [w["id"] for w in listing.get_json()["items"]] == [created["id"], r.get_json()["id"]]
    assert "whsec_" not in listing.get_data(as_text=True)
    assert local.delete(f"/v1/webhooks/{created['id']}").status_code == 204
    assert local.get(f"/v1/webhooks/{created['id']}").status_code == 404


def test_factcheck_matches_are_announced(
    local: FlaskClient, allowed: Settings, receiver: Receiver, run_worker: Any, redis_db: redis.Redis
) -> None:
    from workers.webhooks import emit_article_events

    created = subscribe(local, receiver.url, ["factcheck.matched"])
    record = {"id": "a1", "run": 1, "url": None, "title": "t"}
    row: dict[str, Any] = {"id": "a1.0", "article_id": "a1", "text": "the pier is safe", "kind": "direct",
                           "speaker": None}
    hit = {"id": "f1", "claim": "the pier is safe", "rating": "False", "score": 0.91}
    rows = [row, {**row, "id": "a1.1", "fact_checks": []}, {**row, "id": "a1.2", "fact_checks": [hit]}]
    assert emit_article_events(redis_db, redis_db, allowed, record, rows) == 1
    assert emit_article_events(redis_db, redis_db, allowed, record, rows) == 0
    run_worker()
    ((headers, body),) = receiver.requests
    event = json.loads(body)
    assert verify(created["secret"], headers, body) and event["type"] == "factcheck.matched"
    assert event["data"]["statement"]["statement_id"] == "a1.2" and event["data"]["fact_checks"] == [hit]


def test_failed_deliveries_retry_with_the_same_message_id_until_delivered(
    local: FlaskClient, allowed: Settings, receiver: Receiver, run_worker: Any, redis_db: redis.Redis,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(webhooks, "RETRY_INTERVALS", [0, 0, 0])  # no waiting between attempts in the test
    created = subscribe(local, receiver.url, ["article.processed"])
    receiver.statuses = [500, 503]
    msg_id = emit_test_message(redis_db, allowed)
    run_worker()
    assert [h["webhook-id"] for h, _ in receiver.requests] == [msg_id] * 3
    assert all(verify(created["secret"], h, b) for h, b in receiver.requests)
    log = local.get(f"/v1/webhooks/{created['id']}").get_json()["deliveries"]
    assert [(d["attempt"], d["status_code"], d["outcome"]) for d in log] == [
        (3, 200, "delivered"), (2, 503, "failed"), (1, 500, "failed")]
    assert log[1]["will_retry"] and isinstance(log[0]["duration_ms"], int)


def test_a_failure_is_scheduled_for_later_and_redirects_are_not_followed(
    local: FlaskClient, allowed: Settings, receiver: Receiver, run_worker: Any, redis_db: redis.Redis
) -> None:
    created = subscribe(local, receiver.url, ["article.processed"])
    receiver.statuses = [302]
    msg_id = emit_test_message(redis_db, allowed)
    before = time.time()
    run_worker()
    assert len(receiver.requests) == 1
    (entry,) = local.get(f"/v1/webhooks/{created['id']}").get_json()["deliveries"]
    assert entry["status_code"] == 302 and entry["outcome"] == "failed" and entry["will_retry"]
    registry = ScheduledJobRegistry(queue=webhooks.delivery_queue(redis_db, allowed))
    job_id = f"webhook-{created['id']}-{msg_id}"
    assert registry.get_job_ids() == [job_id]
    assert before + 4 <= registry.get_scheduled_time(job_id).timestamp() <= time.time() + 6
    assert sum(webhooks.RETRY_INTERVALS) > 2.5 * 24 * 3600


def test_410_gone_disables_the_subscription(
    local: FlaskClient, allowed: Settings, receiver: Receiver, run_worker: Any, redis_db: redis.Redis
) -> None:
    created = subscribe(local, receiver.url, ["article.processed"])
    receiver.statuses = [410]
    emit_test_message(redis_db, allowed, "one")
    emit_test_message(redis_db, allowed, "two")
    run_worker()
    assert len(receiver.requests) == 1
    view = local.get(f"/v1/webhooks/{created['id']}").get_json()
    assert view["status"] == "disabled" and "410" in view["disabled_reason"]
    assert [d["outcome"] for d in view["deliveries"]] == ["gone"]
    emit_test_message(redis_db, allowed, "three")
    run_worker()
    assert len(receiver.requests) == 1


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/hook", "http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data",
    "http://[::1]/hook", "http://localhost:8080/hook", "http://[::ffff:127.0.0.1]/hook", "http://0.0.0.0/",
    "http://192.168.1.10/", "https://[fe80::1]/", "http://2130706433/",
])
def test_private_targets_are_refused(client: FlaskClient, url: str) -> None:
    r = client.post("/v1/webhooks", json={"url": url, "events": ["article.processed"]})
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    (error,) = r.get_json()["errors"]
    assert error["field"] == "url" and "public addresses" in error["message"]
    assert "CLAIMTRACK_WEBHOOK_ALLOW_PRIVATE" in error["message"]
    assert client.get("/v1/webhooks").get_json()["items"] == []


@pytest.mark.parametrize(("address", "reason"), [
    ("8.8.8.8", None), ("2606:4700:4700::1111", None), ("127.0.0.2", "loopback"), ("172.16.0.1", "private"),
    ("100.64.0.1", "shared (carrier-grade NAT)"), ("224.0.0.1", "multicast"), ("240.0.0.1", "reserved"),
    ("::ffff:10.0.0.1", "private"), ("64:ff9b::7f00:1", "loopback"), ("fe80::1", "link-local"),
    ("fd00::1", "private"), ("ff02::1", "multicast"), ("::", "unspecified"),
])
def test_address_classification(address: str, reason: str | None) -> None:
    assert refusal(ipaddress.ip_address(address)) == reason


def test_targets_are_checked_again_at_delivery(
    local: FlaskClient, settings: Settings, receiver: Receiver, run_worker: Any, redis_db: redis.Redis,
    worker_context: Any,
) -> None:
    created = subscribe(local, receiver.url, ["article.processed"])
    worker_context.settings = settings  # the worker no longer allows private targets (as if DNS had changed)
    emit_test_message(redis_db, settings)
    run_worker()
    assert receiver.requests == []
    (entry,) = local.get(f"/v1/webhooks/{created['id']}").get_json()["deliveries"]
    assert entry["error"].startswith("refused:") and "loopback" in entry["error"] and entry["will_retry"]


@pytest.mark.parametrize(("body", "field"), [
    ({"url": "https://example.org/h", "events": ["article.deleted"]}, "events.0"),
    ({"url": "https://example.org/h", "events": []}, "events"),
    ({"url": "https://example.org/h"}, "events"),
    ({"url": "ftp://example.org/h", "events": ["claim.repeated"]}, "url"),
    ({"url": "not a url", "events": ["claim.repeated"]}, "url"),
    ({"url": "https://user:pw@example.org/h", "events": ["claim.repeated"]}, "url"),
    ({"url": "http://example.org:99999/h", "events": ["claim.repeated"]}, "url"),
    ({"url": "https://example.org/h", "events": ["claim.repeated"], "secret": "mine"}, "secret"),
])
def test_invalid_subscriptions_are_rejected(client: FlaskClient, body: dict[str, Any], field: str) -> None:
    r = client.post("/v1/webhooks", json=body)
    assert r.status_code == 422, r.get_json()
    assert [e["field"] for e in r.get_json()["errors"]] == [field]


def test_keys_see_only_their_own_subscriptions(allowed: Settings, redis_db: redis.Redis, receiver: Receiver) -> None:
    from service import create_app

    api = create_app(replace(allowed, open_access=False, rate_limit=""), conn=redis_db, TESTING=True).test_client()
    _, alice = apikeys.create(redis_db, "alice", ["write"])
    _, bob = apikeys.create(redis_db, "bob", ["write"])
    _, root = apikeys.create(redis_db, "root", ["admin"])
    _, reader = apikeys.create(redis_db, "reader", ["read"])

    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    mine = subscribe(api, receiver.url, ["claim.repeated"], **auth(alice))
    assert mine["owner"] == apikeys.verify(redis_db, alice)["id"]  # type: ignore[index]
    assert api.get("/v1/webhooks", headers=auth(bob)).get_json()["items"] == []
    assert api.get(f"/v1/webhooks/{mine['id']}", headers=auth(bob)).status_code == 404
    assert api.delete(f"/v1/webhooks/{mine['id']}", headers=auth(bob)).status_code == 404
    assert [w["id"] for w in api.get("/v1/webhooks", headers=auth(alice)).get_json()["items"]] == [mine["id"]]
    assert [w["id"] for w in api.get("/v1/webhooks", headers=auth(root)).get_json()["items"]] == [mine["id"]]
    assert api.get(f"/v1/webhooks/{mine['id']}", headers=auth(root)).status_code == 200
    r = api.post("/v1/webhooks", json={"url": receiver.url, "events": ["claim.repeated"]}, headers=auth(reader))
    assert r.status_code == 403
    assert api.delete(f"/v1/webhooks/{mine['id']}", headers=auth(alice)).status_code == 204
    assert api.get("/v1/webhooks", headers=auth(root)).get_json()["items"] == []
