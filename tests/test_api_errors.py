"""Bad input gets a clear 4xx problem-details answer and stores nothing."""

from __future__ import annotations

import io

import pytest
import redis
from flask.testing import FlaskClient

from claimtrack import keys

GOOD = {"text": "Minister Ada Brun said the bridge would open in May.", "title": "Bridge"}


def assert_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["type"].startswith("https://")
    assert "detail" in body
    return dict(body)


def nothing_stored(conn: redis.Redis) -> bool:
    return conn.zcard(keys.articles()) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({"text": 42}, "text"),
        ({"text": "ok text", "color": "red"}, "color"),
        ({"text": "ok text", "published_at": "yesterday"}, "published_at"),
        ({"text": "ok text", "published_at": "2026-03-04"}, "published_at"),
        ({"text": "ok text", "published_at": "2026-03-04T10:00:00"}, "published_at"),
        ({"text": "ok text", "published_at": "9999-12-31T23:59:59-23:59"}, "published_at"),  # past 9999 in UTC
        ({"text": "ok text", "published_at": "0001-01-01T00:30:00+01:00"}, "published_at"),  # before year 1
        ({"text": "ok text", "published_at": "4900-03-04T08:00:00Z"}, "published_at"),  # order score inexact
        ({"text": "ok text", "url": "ftp://example.org/a"}, "url"),
        ({"text": "ok text", "url": "not a url"}, "url"),
        ({"text": "ok text", "title": ["a"]}, "title"),
        ({"text": "a\x00b"}, "text"),
    ],
)
def test_invalid_fields_are_named(client: FlaskClient, redis_db: redis.Redis, body: dict, field: str) -> None:
    problem = assert_problem(client.post("/v1/articles", json=body), 422)
    assert field in {e["field"] for e in problem["errors"]}
    assert nothing_stored(redis_db)


def test_text_over_the_limit_is_refused(client: FlaskClient, app, redis_db: redis.Redis) -> None:  # type: ignore[no-untyped-def]
    limit = app.config["SETTINGS"].max_text_chars
    problem = assert_problem(client.post("/v1/articles", json={"text": "a" * (limit + 1)}), 422)
    assert "limit" in problem["errors"][0]["message"]
    assert nothing_stored(redis_db)


def test_malformed_json_is_400(client: FlaskClient, redis_db: redis.Redis) -> None:
    r = client.post("/v1/articles", data=b'{"text": "abc"', content_type="application/json")
    assert "not valid JSON" in assert_problem(r, 400)["detail"]
    assert nothing_stored(redis_db)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_standard_json_numbers_are_400(client: FlaskClient, redis_db: redis.Redis, constant: str) -> None:
    # Python's json module reads them; no strict JSON parser would read them back
    body = b'{"claimReviewed": "The levy was halved", "identifier": ' + constant.encode() + b"}"
    r = client.post("/v1/fact-checks", data=body, content_type="application/json")
    assert constant in assert_problem(r, 400)["detail"]


@pytest.mark.parametrize("number", ["1e999", "-1e400", "1" * 5000])
def test_numbers_no_float_or_int_can_hold_are_400(client: FlaskClient, redis_db: redis.Redis, number: str) -> None:
    # 1e999 overflowed to a float infinity, stored and served back as the non-JSON 'Infinity'
    body = b'[{"claimReviewed": "The levy was halved", "reviewRating": {"ratingValue": ' + number.encode() + b"}}]"
    r = client.post("/v1/fact-checks", data=body, content_type="application/json")
    assert_problem(r, 400)
    assert not redis_db.exists(keys.factchecks(), keys.factchecks_pending())


def test_a_chunked_body_over_the_limit_is_413_not_cut(client: FlaskClient, app, redis_db: redis.Redis) -> None:  # type: ignore[no-untyped-def]
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = b'{"text": "Pia Hallam said the padded body was accepted."}' + b" " * limit

    # no Content-Length: a chunked body, as gunicorn hands it on (the input marked terminated)
    r = client.post("/v1/articles", input_stream=io.BytesIO(body), content_type="application/json",
                    headers={"Transfer-Encoding": "chunked"}, environ_overrides={"wsgi.input_terminated": True})
    assert_problem(r, 413)
    assert nothing_stored(redis_db)
    exact = b'{"text": "Pia Hallam said the padded body was accepted."}'  # exactly the limit: read whole
    exact += b" " * (limit - len(exact))
    r = client.post("/v1/articles", input_stream=io.BytesIO(exact), content_type="application/json",
                    headers={"Transfer-Encoding": "chunked"}, environ_overrides={"wsgi.input_terminated": True})
    assert r.status_code == 202, r.get_data(as_text=True)


def test_invalid_utf8_is_400(client: FlaskClient, redis_db: redis.Redis) -> None:
    r = client.post("/v1/articles", data=b'{"text": "\xff\xfe"}', content_type="application/json")
    assert "UTF-8" in assert_problem(r, 400)["detail"]


def test_deeply_nested_json_is_a_4xx(client: FlaskClient, redis_db: redis.Redis) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    r = client.post("/v1/articles", data=body, content_type="application/json")
    assert 400 <= r.status_code < 500
    assert nothing_stored(redis_db)


def test_json_that_is_not_an_object_is_422(client: FlaskClient) -> None:
    assert_problem(client.post("/v1/articles", json=["text"]), 422)


def test_wrong_content_type_is_415(client: FlaskClient, redis_db: redis.Redis) -> None:
    r = client.post("/v1/articles", data="text=hello", content_type="application/x-www-form-urlencoded")
    assert_problem(r, 415)
    assert nothing_stored(redis_db)


def test_oversized_body_is_413(client: FlaskClient, app, redis_db: redis.Redis) -> None:  # type: ignore[no-untyped-def]
    size = app.config["MAX_CONTENT_LENGTH"] + 10
    r = client.post("/v1/articles", data=b'{"text": "' + b"a" * size + b'"}', content_type="application/json")
    assert_problem(r, 413)
    assert nothing_stored(redis_db)


def test_unknown_ids_are_404(client: FlaskClient) -> None:
    for path in ("/v1/articles/nope", "/v1/statements/nope", "/v1/speakers/nope", "/v1/speakers/nope/statements",
                 "/v1/nowhere"):
        assert_problem(client.get(path), 404)
    assert_problem(client.post("/v1/articles/nope/retry"), 404)


def test_wrong_method_is_405_with_allow(client: FlaskClient) -> None:
    r = client.delete("/v1/articles")
    assert_problem(r, 405)
    assert "POST" in r.headers["Allow"]


def test_bad_paging_is_422(client: FlaskClient) -> None:
    assert_problem(client.get("/v1/speakers?limit=0"), 422)
    assert_problem(client.get("/v1/speakers?offset=x"), 422)
    for odd in ("1_0", "\u0663", "%201", "+5"):  # int() reads these; a page size is ASCII digits
        assert_problem(client.get(f"/v1/speakers?limit={odd}"), 422)


def test_retry_of_an_article_that_did_not_fail_is_409(client: FlaskClient) -> None:
    article_id = client.post("/v1/articles", json=GOOD).get_json()["id"]
    problem = assert_problem(client.post(f"/v1/articles/{article_id}/retry"), 409)
    assert problem["current_status"] == "queued"


def test_redis_down_is_503_with_retry_after(settings, redis_db: redis.Redis) -> None:  # type: ignore[no-untyped-def]
    from claimtrack.redis_client import connect
    from service import create_app

    dead = connect("redis://127.0.0.1:1/0")
    client = create_app(settings, conn=dead, check=False).test_client()
    r = client.post("/v1/articles", json=GOOD)
    assert_problem(r, 503)
    assert r.headers["Retry-After"]
