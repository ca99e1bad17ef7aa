"""Fact-check import and retrieval through the API, with a real worker embedding and answering searches."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
import redis
from flask.testing import FlaskClient

from claimtrack import factchecks, keys, search_requests
from claimtrack.config import Settings

SNOPES_LIKE = {"@type": "Organization", "name": "Harbour Truth Desk", "url": "https://truth.example/"}
REVIEWS: list[dict[str, Any]] = [
    {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": "htd-trawler-dues",
        "url": "https://truth.example/trawler-dues",
        "headline": "Will harbour dues for foreign trawlers double in April?",
        "claimReviewed": "Harbour dues for foreign trawlers will double from April.",
        "author": SNOPES_LIKE,
        "datePublished": "2026-01-12",
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ines Kolar"},
                         "datePublished": "2026-01-10", "appearance": ["https://coastwire.example/a1"]},
        "reviewRating": {"@type": "Rating", "alternateName": "Mostly true", "ratingValue": 4, "bestRating": 5},
        "inLanguage": "en",
    },
    {
        "@type": "ClaimReview",
        "identifier": "htd-trawler-dues-blog",
        "url": "https://truth.example/trawler-dues-blog",
        "claimReviewed": "Foreign trawlers will pay double harbour dues starting in April.",
        "author": "Harbour Truth Desk",
        "itemReviewed": {"@type": "Claim", "author": "Anonymous fishing blog"},
        "reviewRating": {"@type": "Rating", "alternateName": "Unproven"},
    },
    {
        "@type": "ClaimReview",
        "url": "https://truth.example/lighthouse-sold",
        "headline": "Was the Port Ellen lighthouse sold to a hotel chain?",
        "claimReviewed": "The Port Ellen lighthouse was sold to a hotel chain.",
        "author": SNOPES_LIKE,
        "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 1},
    },
    {
        "@type": "ClaimReview",
        "claimReviewed": "Eating raw kelp every day cures seasickness.",
        "author": SNOPES_LIKE,
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    },
]


def post_reviews(client: FlaskClient, body: Any) -> list[str]:
    r = client.post("/v1/fact-checks", json=body)
    assert r.status_code == 202, r.get_json()
    return list(r.get_json()["ids"])


@pytest.fixture
def search_thread(run_worker: Any, worker_context: Any) -> Iterator[Any]:
    """A worker's search thread beside the test (after run_worker, which points the context at this test's
    database); no RQ job loop is involved in answering."""
    from workers.search_thread import SearchThread

    thread = SearchThread(worker_context)
    thread.start()
    yield thread
    thread.stop()
    assert not thread.is_alive()


def search(client: FlaskClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/v1/fact-checks/search", json=body)
    assert response.status_code == 200, response.get_json()
    return dict(response.get_json())


@pytest.mark.e2e
def test_import_is_idempotent_and_reviews_become_indexed(client: FlaskClient, run_worker: Any) -> None:
    ids = post_reviews(client, REVIEWS)
    assert len(set(ids)) == 4
    first = client.get(f"/v1/fact-checks/{ids[0]}").get_json()
    assert first["status"] == "pending"
    assert first["inLanguage"] == "en"  # unknown schema.org properties are kept
    assert first["itemReviewed"]["author"]["name"] == "Ines Kolar"
    run_worker()
    assert all(client.get(f"/v1/fact-checks/{i}").get_json()["status"] == "indexed" for i in ids)
    # same identifier, url or claim text: same id, nothing to re-index
    assert post_reviews(client, list(reversed(REVIEWS))) == list(reversed(ids))
    assert client.get(f"/v1/fact-checks/{ids[3]}").get_json()["status"] == "indexed"
    # a corrected review keeps its id and is indexed again
    corrected = {**REVIEWS[2], "reviewRating": {"@type": "Rating", "alternateName": "Mostly false"}}
    assert post_reviews(client, corrected) == [ids[2]]
    got = client.get(f"/v1/fact-checks/{ids[2]}").get_json()
    assert got["status"] == "pending" and got["reviewRating"]["alternateName"] == "Mostly false"


@pytest.mark.e2e
def test_each_review_gets_its_claims_and_its_headlines_vector(client: FlaskClient, run_worker: Any,
                                                             worker_context: Any) -> None:
    same = {"@type": "ClaimReview", "claimReviewed": "The ferry to Holm runs twice a day in winter.",
            "headline": "The ferry to Holm runs twice a day in winter.", "author": SNOPES_LIKE}
    ids = post_reviews(client, [*REVIEWS, same])
    run_worker()
    found, claim, headline = factchecks.get_vectors(worker_context.conn, ids, 384)
    assert found == ids
    texts = [r["claimReviewed"] for r in REVIEWS] + [same["claimReviewed"]]
    heads = [r.get("headline") or r["claimReviewed"] for r in REVIEWS] + [same["headline"]]
    want_claim, want_head = worker_context.embedder.encode(texts), worker_context.embedder.encode(heads)
    assert (claim * want_claim).sum(axis=1).min() > 0.999
    assert (headline * want_head).sum(axis=1).min() > 0.999
    assert (claim * headline).sum(axis=1)[0] < 0.99  # a headline of its own has a vector of its own
    for row in (1, 3, 4):  # no headline, or the claim's words again: the claim's vector
        assert (headline[row] == claim[row]).all()


def test_json_ld_graph_keeps_only_claim_reviews(client: FlaskClient) -> None:
    graph = {"@context": "https://schema.org",
             "@graph": [{"@type": "WebPage", "name": "a page"}, REVIEWS[2], {"@type": ["ClaimReview"], **REVIEWS[3]}]}
    ids = post_reviews(client, graph)
    assert ids == post_reviews(client, [REVIEWS[2], REVIEWS[3]])


def test_a_bad_item_rejects_the_batch_and_names_index_and_field(client: FlaskClient, redis_db: redis.Redis) -> None:
    bad = [*REVIEWS[:3], {"@type": "ClaimReview", "claimReviewed": "  ", "url": "not a url",
                          "reviewRating": {"ratingValue": [1]}}]
    r = client.post("/v1/fact-checks", json=bad)
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    fields = {e["field"] for e in r.get_json()["errors"]}
    assert fields == {"[3].claimReviewed", "[3].url", "[3].reviewRating.ratingValue"}
    assert factchecks.count(redis_db) == 0
    r = client.post("/v1/fact-checks", json=[{"@type": "Claim", "claimReviewed": "x"}, 7])
    assert {e["field"] for e in r.get_json()["errors"]} == {"[0].@type", "[1]._schema"}
    r = client.post("/v1/fact-checks", json=[{"claimReviewed": "x", "itemReviewed": {"author": 3}}])
    assert [e["field"] for e in r.get_json()["errors"]] == ["[0].itemReviewed.author"]
    assert client.post("/v1/fact-checks", json=[]).status_code == 422
    assert client.post("/v1/fact-checks", data="[", content_type="application/json").status_code == 400


def test_batch_size_is_capped(settings: Settings, redis_db: redis.Redis) -> None:
    from service import create_app

    client = create_app(replace(settings, factcheck_max_batch=2), conn=redis_db, TESTING=True).test_client()
    r = client.post("/v1/fact-checks", json=REVIEWS[:3])
    assert r.status_code == 413
    assert "limit is 2" in r.get_json()["detail"]
    assert factchecks.count(redis_db) == 0


def test_unknown_fact_check_is_404(client: FlaskClient) -> None:
    assert client.get("/v1/fact-checks/fnope").status_code == 404


@pytest.mark.e2e
def test_search_ranks_paraphrases_first_and_prefers_the_speaker(client: FlaskClient, run_worker: Any,
                                                                search_thread: Any) -> None:
    ids = post_reviews(client, REVIEWS)
    run_worker()
    tweet = ("Kolar: the harbour dues for foreign trawlers will double from April pic.twitter.com/abc123 "
             "— Coast Wire (@coastwire) January 10, 2026")
    got = search(client, {"text": tweet})
    results = got["results"]
    assert {r["id"] for r in results[:2]} == {ids[0], ids[1]}
    assert len(results) == 4 and results[0]["score"] >= results[-1]["score"]
    top = next(r for r in results if r["id"] == ids[0])
    assert top["identifier"] == "htd-trawler-dues" and top["rating"] == "Mostly true"
    assert top["publisher"] == "Harbour Truth Desk" and top["claim_author"] == "Ines Kolar"
    assert top["url"] == "https://truth.example/trawler-dues" and top["date_published"] == "2026-01-12"
    by_blog = search(client, {"text": "foreign trawlers will pay double harbour dues", "limit": 2,
                              "speaker": "anonymous fishing blog"})["results"]
    assert [r["id"] for r in by_blog] == [ids[1], ids[0]]
    by_kolar = search(client, {"text": "Foreign trawlers will pay double harbour dues from April",
                               "limit": 1, "speaker": "Minister Ines Kolar"})["results"]
    assert [r["id"] for r in by_kolar] == [ids[0]] and by_kolar[0]["by_speaker"]


def test_search_validates_its_body(client: FlaskClient) -> None:
    r = client.post("/v1/fact-checks/search", json={"text": "x", "limit": 101, "extra": 1})
    assert r.status_code == 422
    assert {e["field"] for e in r.get_json()["errors"]} == {"limit", "extra"}


def test_text_that_opens_with_whitespace_or_punctuation_is_valid(settings: Settings, client: FlaskClient,
                                                                  redis_db: redis.Redis) -> None:
    # the check for some text looked only at the first character: a scraped review opening with a
    # newline rejected its whole batch
    post_reviews(client, [{"claimReviewed": "\n  Harbour dues will double from April."}])
    from service import create_app

    no_worker = create_app(replace(settings, search_timeout_s=1), conn=redis_db, TESTING=True).test_client()
    assert no_worker.post("/v1/fact-checks/search", json={"text": " harbour dues"}).status_code == 503  # not 422
    assert no_worker.post("/v1/fact-checks/search", json={"text": " \n "}).status_code == 422


def test_search_without_a_worker_is_503_with_retry_after(settings: Settings, redis_db: redis.Redis) -> None:
    from service import create_app

    client = create_app(replace(settings, search_timeout_s=1), conn=redis_db, TESTING=True).test_client()
    r = client.post("/v1/fact-checks/search", json={"text": "harbour dues"})
    assert r.status_code == 503 and int(r.headers["Retry-After"]) > 0
    assert search_requests.pending(redis_db) == 0  # the abandoned request is withdrawn


def test_a_search_request_popped_after_its_deadline_is_dropped(redis_db: redis.Redis) -> None:
    stale = {"id": "r1", "text": "harbour dues", "limit": 5, "speaker": None, "deadline": time.time() - 1}
    redis_db.lpush(keys.search_requests(), json.dumps(stale))
    assert search_requests.next_request(redis_db, 1) is None
    assert search_requests.pending(redis_db) == 0 and not redis_db.exists(keys.search_reply("r1"))


def test_a_failing_search_is_a_500_and_the_thread_goes_on(client: FlaskClient, run_worker: Any,
                                                           search_thread: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from workers import search_thread as module

    def broken(*_: Any) -> dict[str, Any]:
        raise ValueError("index corrupted")

    monkeypatch.setattr(module, "search", broken)
    r = client.post("/v1/fact-checks/search", json={"text": "harbour dues"})
    assert r.status_code == 500 and r.get_json()["status"] == 500
    assert "index corrupted" not in r.get_data(as_text=True)  # details stay in the logs
    monkeypatch.setattr(module, "search", lambda *_: {"results": []})
    assert search_thread.is_alive() and search(client, {"text": "harbour dues"}) == {"results": []}


def test_the_search_thread_survives_malformed_requests(client: FlaskClient, redis_db: redis.Redis,
                                                       search_thread: Any) -> None:
    redis_db.rpush(keys.search_requests(), b"not json", b"[1, 2]", json.dumps({"text": "no id"}))
    deadline = time.monotonic() + 10
    while search_requests.pending(redis_db) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert search_thread.is_alive() and search(client, {"text": "harbour dues"}) == {"results": []}


@pytest.mark.e2e
def test_a_running_worker_answers_searches_beside_its_job_loop(client: FlaskClient, settings: Settings,
                                                               redis_db: redis.Redis, run_worker: Any) -> None:
    from workers.main import build_worker

    ids = post_reviews(client, REVIEWS)
    run_worker()
    box: dict[str, Any] = {}
    asker = threading.Thread(target=lambda: box.setdefault(
        "r", client.post("/v1/fact-checks/search", json={"text": "foreign trawlers pay double harbour dues"})))
    asker.start()
    # RQ's job loop needs the main thread (signals); it stops after 3 idle seconds, its search thread with it.
    build_worker(settings, redis_db).work(max_idle_time=3)
    asker.join(timeout=15)
    assert box["r"].status_code == 200, box["r"].get_json()
    assert box["r"].get_json()["results"][0]["id"] in ids[:2]
    assert not [t for t in threading.enumerate() if t.name == "claimtrack-search"]
