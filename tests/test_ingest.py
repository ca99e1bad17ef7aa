"""Accepting articles: 202 with a Location, idempotent on URL and on normalised text."""

from __future__ import annotations

import redis
from flask.testing import FlaskClient

from claimtrack import keys
from claimtrack.queueing import get_queue

TEXT = "PORT ELLEN (Wire) - Harbour master Ines Kolar said on Monday the pier was safe."


def test_post_returns_202_location_and_queued(client: FlaskClient, redis_db: redis.Redis, settings) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/v1/articles", json={"text": TEXT, "published_at": "2026-03-04T09:15:00+01:00"})
    assert r.status_code == 202
    body = r.get_json()
    assert body["status"] == "queued" and body["id"]
    assert body["published_at"] == "2026-03-04T08:15:00Z"
    assert r.headers["Location"].endswith(f"/v1/articles/{body['id']}")
    assert get_queue(redis_db, settings).count == 1
    got = client.get(f"/v1/articles/{body['id']}").get_json()
    assert got["status"] == "queued" and got["statements"] == []


def test_same_url_returns_same_article(client: FlaskClient, redis_db: redis.Redis, settings) -> None:  # type: ignore[no-untyped-def]
    first = client.post("/v1/articles", json={"text": TEXT, "url": "https://example.org/a"})
    second = client.post("/v1/articles", json={"text": TEXT + " Updated.", "url": "https://example.org/a"})
    assert first.status_code == 202 and second.status_code == 200
    assert first.get_json()["id"] == second.get_json()["id"]
    assert redis_db.zcard(keys.articles()) == 1
    assert get_queue(redis_db, settings).count == 1


def test_same_normalised_text_returns_same_article(client: FlaskClient, redis_db: redis.Redis) -> None:
    first = client.post("/v1/articles", json={"text": TEXT})
    second = client.post("/v1/articles", json={"text": "  " + TEXT.replace(" ", "  ") + "\n"})
    assert second.status_code == 200
    assert first.get_json()["id"] == second.get_json()["id"]


def test_different_texts_are_different_articles(client: FlaskClient, redis_db: redis.Redis) -> None:
    a = client.post("/v1/articles", json={"text": TEXT}).get_json()["id"]
    b = client.post("/v1/articles", json={"text": TEXT + " Another."}).get_json()["id"]
    assert a != b
    assert redis_db.zcard(keys.articles()) == 2


def test_text_endpoint_returns_text_as_posted(client: FlaskClient) -> None:
    text = "Zoë said “hello” 😀 twice.\r\nSecond line."
    article_id = client.post("/v1/articles", json={"text": text}).get_json()["id"]
    assert client.get(f"/v1/articles/{article_id}/text").get_json()["text"] == text


def test_healthz_and_readyz(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200 and r.get_json()["layout_version"] == keys.LAYOUT_VERSION


def test_an_articles_status_never_goes_back_while_it_is_processed(client: FlaskClient, run_worker,  # type: ignore[no-untyped-def]
                                                                   monkeypatch) -> None:
    from claimtrack import articles

    seen: list[str] = []
    save = articles.save

    def recording_save(conn, record):  # type: ignore[no-untyped-def]
        seen.append(record["status"])
        save(conn, record)

    monkeypatch.setattr(articles, "save", recording_save)
    client.post("/v1/articles", json={"text": TEXT})
    run_worker()
    assert seen[-1] == "done"
    assert "queued" not in seen[seen.index("processing"):]  # it showed 'queued' again after 'processing'
