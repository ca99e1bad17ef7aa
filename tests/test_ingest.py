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


def test_one_url_written_two_ways_is_one_article(client: FlaskClient, redis_db: redis.Redis) -> None:
    first = client.post("/v1/articles", json={"text": TEXT, "url": "https://news.example/hafen-über"})
    for variant in ("HTTPS://News.Example:443/hafen-%C3%BCber", "https://news.example/hafen-%c3%bcber#more"):
        again = client.post("/v1/articles", json={"text": TEXT + " Updated.", "url": variant})
        assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"], variant
    other = client.post("/v1/articles", json={"text": TEXT + " Elsewhere.", "url": "https://news.example:8443/hafen-über"})
    assert other.status_code == 202  # another port is another site


def test_migration_8_gives_stored_articles_their_normal_form_url_keys(redis_db: redis.Redis) -> None:
    from claimtrack import jsonutil
    from migrations import m0008_normalised_article_urls

    # an article stored before layout 8: its URL key hashes the URL as written
    record = {"id": "a0000000000000000old1", "url": "HTTPS://News.Example:443/Port-Ellen", "text": TEXT,
              "status": "done"}
    redis_db.set(keys.article(record["id"]), jsonutil.dumps(record))
    redis_db.zadd(keys.articles(), {record["id"]: 1})
    redis_db.set(keys.article_by_url(record["url"]), record["id"])
    m0008_normalised_article_urls.apply(redis_db)
    m0008_normalised_article_urls.apply(redis_db)  # idempotent
    assert redis_db.get(keys.article_by_url("https://news.example/Port-Ellen")) == record["id"].encode()
