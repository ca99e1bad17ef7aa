"""API keys with scopes, open-access mode, and per-key rate limits."""

from __future__ import annotations

from dataclasses import replace

import pytest
import redis
from flask.testing import FlaskClient

from claimtrack import apikeys
from claimtrack.config import Settings

ARTICLE = {"text": "Harbour master Ines Kolar said the pier was safe."}


@pytest.fixture
def locked(settings: Settings, redis_db: redis.Redis) -> FlaskClient:
    from service import create_app

    return create_app(replace(settings, open_access=False, rate_limit="5/minute", read_rate_limit="5/minute"),
                      conn=redis_db).test_client()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_keys_are_required_unless_open_access(locked: FlaskClient) -> None:
    r = locked.get("/v1/speakers")
    assert r.status_code == 401 and r.mimetype == "application/problem+json"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert locked.get("/v1/speakers", headers=bearer("ctk_nope.secret")).status_code == 401
    assert locked.get("/v1/speakers", headers={"Authorization": "Basic abc"}).status_code == 401
    assert locked.get("/healthz").status_code == 200 and locked.get("/readyz").status_code == 200


def test_scopes(locked: FlaskClient, redis_db: redis.Redis) -> None:
    _, reader = apikeys.create(redis_db, "bot", ["read"])
    _, writer = apikeys.create(redis_db, "cms", ["write"])
    assert locked.get("/v1/speakers", headers=bearer(reader)).status_code == 200
    r = locked.post("/v1/articles", json=ARTICLE, headers=bearer(reader))
    assert r.status_code == 403 and "write" in r.get_json()["detail"]
    assert locked.post("/v1/articles", json=ARTICLE, headers=bearer(writer)).status_code == 202
    assert locked.get("/v1/speakers", headers=bearer(writer)).status_code == 200  # write implies read


def test_revoked_key_stops_working_and_secret_is_not_stored(locked: FlaskClient, redis_db: redis.Redis) -> None:
    record, token = apikeys.create(redis_db, "temp", ["admin"])
    secret = token.split(".", 1)[1]
    assert all(secret.encode() not in (redis_db.get(k) or b"") for k in redis_db.scan_iter(match=b"ct:api_key:*"))
    assert locked.get("/v1/speakers", headers=bearer(token)).status_code == 200
    apikeys.revoke(redis_db, record["id"])
    assert locked.get("/v1/speakers", headers=bearer(token)).status_code == 401


def test_rate_limit_per_key_with_headers(locked: FlaskClient, redis_db: redis.Redis) -> None:
    _, one = apikeys.create(redis_db, "one", ["read"])
    _, two = apikeys.create(redis_db, "two", ["read"])
    codes = [locked.get("/v1/speakers", headers=bearer(one)).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    r = locked.get("/v1/speakers", headers=bearer(one))
    assert r.status_code == 429 and r.mimetype == "application/problem+json"
    assert int(r.headers["Retry-After"]) > 0 and r.headers["X-RateLimit-Limit"] == "5"
    ok = locked.get("/v1/speakers", headers=bearer(two))
    assert ok.status_code == 200 and ok.headers["X-RateLimit-Remaining"] == "4"
    assert "Retry-After" not in ok.headers  # only refusals say when to come back


def test_read_routes_and_write_routes_have_limits_of_their_own(settings: Settings, redis_db: redis.Redis) -> None:
    from service import create_app
    client = create_app(replace(settings, open_access=False, rate_limit="2/minute", read_rate_limit="3/minute"),
                        conn=redis_db).test_client()
    _, token = apikeys.create(redis_db, "poller", ["read", "write"])
    reads = [client.get("/v1/speakers", headers=bearer(token)) for _ in range(4)]
    assert [r.status_code for r in reads] == [200, 200, 200, 429]
    assert reads[0].headers["X-RateLimit-Limit"] == "3"
    writes = [client.post("/v1/articles", json={"text": f"Tobias Quell said ferry {k} would run all winter."},
                          headers=bearer(token)) for k in range(3)]
    assert [w.status_code for w in writes] == [202, 202, 429]
    assert writes[0].headers["X-RateLimit-Limit"] == "2"


def test_failed_authentications_are_limited_per_address(settings: Settings, redis_db: redis.Redis) -> None:
    from service import create_app

    client = create_app(replace(settings, open_access=False, rate_limit="", auth_failure_limit="3/minute"),
                        conn=redis_db).test_client()
    _, token = apikeys.create(redis_db, "desk", ["read"])
    guesses = [client.get("/v1/speakers", headers=bearer(f"ctk_guess{i}.secret")).status_code for i in range(2)]
    assert guesses == [401, 401]
    assert client.get("/v1/speakers", headers=bearer(token)).status_code == 200  # successes do not count
    assert client.get("/v1/speakers").status_code == 401  # the third failure uses up the allowance
    refused = client.get("/v1/speakers", headers=bearer("ctk_guess9.secret"))
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    assert 0 < int(refused.headers["Retry-After"]) <= 61
    assert client.get("/v1/speakers").status_code == 429
    # a valid key still gets through: clients behind one proxy share an address
    assert client.get("/v1/speakers", headers=bearer(token)).status_code == 200
    other = client.get("/v1/speakers", headers=bearer("ctk_x.y"), environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 401  # another address has its own allowance


def test_every_failure_limit_counts_and_trusted_proxy_gives_the_address(settings: Settings,
                                                                         redis_db: redis.Redis) -> None:
    from service import create_app

    client = create_app(replace(settings, open_access=False, rate_limit="", trusted_proxies=1,
                                auth_failure_limit="100/minute;2/hour"), conn=redis_db).test_client()
    via = {"REMOTE_ADDR": "10.0.0.1"}  # the proxy
    alice = {"X-Forwarded-For": "203.0.113.7"}
    codes = [client.get("/v1/speakers", headers=alice, environ_base=via).status_code for _ in range(3)]
    assert codes == [401, 401, 429]  # the second limit (2/hour) applies, not only the first
    bob = client.get("/v1/speakers", headers={"X-Forwarded-For": "198.51.100.9"}, environ_base=via)
    assert bob.status_code == 401  # behind the same proxy, another client


def test_failure_limit_without_an_enabled_limiter(settings: Settings, redis_db: redis.Redis) -> None:
    from service import create_app

    client = create_app(replace(settings, open_access=False), conn=redis_db, RATELIMIT_ENABLED=False).test_client()
    _, token = apikeys.create(redis_db, "desk", ["read"])
    assert client.get("/v1/speakers", headers=bearer(token)).status_code == 200
    assert [client.get("/v1/speakers").status_code for _ in range(40)] == [401] * 40


def test_cli_keys_create_list_revoke(settings: Settings, redis_db: redis.Redis, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from claimtrack.cli import main

    monkeypatch.setenv("REDIS_URL", settings.redis_url)
    assert main(["keys", "create", "--name", "newsroom", "--scopes", "read,write"]) == 0
    out = capsys.readouterr().out
    token = next(w for w in out.split() if w.startswith("ctk_"))
    assert apikeys.verify(redis_db, token) is not None
    assert main(["keys", "list"]) == 0
    listing = capsys.readouterr().out
    assert "newsroom" in listing and token not in listing
    key_id = token[4:].split(".")[0]
    assert main(["keys", "revoke", key_id]) == 0
    assert apikeys.verify(redis_db, token) is None
    assert main(["keys", "create", "--name", "x", "--scopes", "root"]) == 2


def test_a_redis_hiccup_while_timing_a_refusal_still_answers_429(settings: Settings, redis_db: redis.Redis,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from service import create_app

    app = create_app(replace(settings, rate_limit="1/minute", read_rate_limit="1/minute"), conn=redis_db)
    client = app.test_client()
    assert client.get("/v1/speakers").status_code == 200
    limiter = app.extensions["limiter"]
    limiter = next(iter(limiter)) if isinstance(limiter, (set, list, tuple)) else limiter

    def hiccup(*_: object, **__: object) -> None:
        raise redis.ConnectionError("hiccup")

    monkeypatch.setattr(limiter.limiter, "get_window_stats", hiccup)
    refused = client.get("/v1/speakers")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
