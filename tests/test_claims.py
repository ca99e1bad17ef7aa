"""Claims built from links, their schema.org export, and reviewer decisions that stick."""

from __future__ import annotations

import json
from typing import Any

import pytest
import redis
from flask.testing import FlaskClient

from claimtrack import keys
from tests.helpers import DUES, ingest

FIRST = DUES
SECOND = {
    "title": "Kolar repeats pledge",
    "published_at": "2026-02-20T15:30:00Z",
    "source": "Island Post",
    "text": (
        "PORT ELLEN (Island Post) - Fisheries Minister Ines Kolar said on Thursday that harbour dues "
        "for foreign trawlers will double from April.\n"
        "Kolar also said the northern lighthouse would be repainted before the summer.\n"
    ),
}


def reprocess(client: FlaskClient, redis_db: redis.Redis, article_id: str) -> dict[str, Any]:
    from workers.jobs import process_article

    record = json.loads(redis_db.get(keys.article(article_id)))
    record["status"] = "processing"
    redis_db.set(keys.article(article_id), json.dumps(record))
    process_article(article_id, record["run"])
    return dict(client.get(f"/v1/articles/{article_id}").get_json())


@pytest.mark.e2e
def test_repeated_claim_forms_one_claim_with_every_appearance(client: FlaskClient, run_worker: Any) -> None:
    first, second = ingest(client, run_worker, FIRST, SECOND)
    pledge, lighthouse = second["statements"]
    assert pledge["claim_id"] and lighthouse["claim_id"] and pledge["claim_id"] != lighthouse["claim_id"]
    assert {s["claim_id"] for s in first["statements"]} == {pledge["claim_id"]}
    claim = client.get(f"/v1/claims/{pledge['claim_id']}").get_json()
    assert claim["statement_count"] == 3 and claim["repetitions"] == 2 and claim["article_count"] == 2
    assert claim["speaker"]["name"] == "Ines Kolar"
    assert claim["first_appearance"]["statement_id"] == first["statements"][0]["id"]
    assert claim["first_appearance"]["published_at"] == "2026-01-10T09:00:00Z"
    assert [a["source"] for a in claim["appearances"]] == ["Coast Wire", "Coast Wire", "Island Post"]

    ld = client.get(f"/v1/claims/{pledge['claim_id']}/jsonld")
    assert ld.mimetype == "application/ld+json"
    doc = ld.get_json()
    assert doc["@type"] == "Claim" and doc["author"] == {"@type": "Person", "name": "Ines Kolar"}
    assert doc["firstAppearance"]["url"] == FIRST["url"] and len(doc["appearance"]) == 3
    negotiated = client.get(f"/v1/claims/{pledge['claim_id']}", headers={"Accept": "application/ld+json"})
    assert negotiated.get_json() == doc
    for accept in ('application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"',
                   "application/ld+json; charset=utf-8", "application/json;q=0.5, application/ld+json"):
        with_params = client.get(f"/v1/claims/{pledge['claim_id']}", headers={"Accept": accept})
        assert with_params.mimetype == "application/ld+json" and with_params.get_json() == doc, accept
    for accept in ("application/json", "*/*", "application/ld+json;q=0.2, application/json"):
        assert client.get(f"/v1/claims/{pledge['claim_id']}", headers={"Accept": accept}).mimetype == "application/json"

    speaker_id = pledge["speaker"]["id"]
    by_reps = client.get(f"/v1/speakers/{speaker_id}/claims").get_json()
    assert by_reps["total"] == 2 and by_reps["items"][0]["id"] == pledge["claim_id"]
    recent = client.get(f"/v1/speakers/{speaker_id}/claims?sort=recent").get_json()
    assert recent["items"][0]["id"] == lighthouse["claim_id"]
    assert client.get(f"/v1/speakers/{speaker_id}/claims?sort=loud").status_code == 422


@pytest.mark.e2e
def test_rejected_link_never_comes_back(client: FlaskClient, run_worker: Any, redis_db: redis.Redis) -> None:
    _, second = ingest(client, run_worker, FIRST, SECOND)
    pledge = second["statements"][0]
    assert len(pledge["matches"]) == 2
    target = pledge["matches"][0]["statement_id"]
    r = client.post(f"/v1/statements/{pledge['id']}/links/{target}", json={"action": "reject"})
    assert r.status_code == 200 and r.get_json()["decision"] == "rejected"
    after = client.get(f"/v1/statements/{pledge['id']}").get_json()
    assert target not in {m["statement_id"] for m in after["matches"]}
    claim_of_target = client.get(f"/v1/statements/{target}").get_json()["claim_id"]
    assert after["claim_id"] != claim_of_target  # no claim holds both ends of a rejected link
    again = reprocess(client, redis_db, second["id"])
    assert target not in {m["statement_id"] for m in again["statements"][0]["matches"]}
    assert again["statements"][0]["claim_id"] != client.get(f"/v1/statements/{target}").get_json()["claim_id"]


@pytest.mark.e2e
def test_confirmed_link_merges_claims_and_stays(client: FlaskClient, run_worker: Any, redis_db: redis.Redis) -> None:
    first, second = ingest(client, run_worker, FIRST, SECOND)
    early = first["statements"][0]
    lighthouse = second["statements"][1]
    assert early["claim_id"] != lighthouse["claim_id"]
    r = client.post(f"/v1/statements/{lighthouse['id']}/links/{early['id']}", json={"action": "confirm"})
    assert r.status_code == 200
    merged = r.get_json()["claim_ids"]
    assert merged[lighthouse["id"]] == merged[early["id"]] == early["claim_id"]
    view = client.get(f"/v1/statements/{lighthouse['id']}").get_json()
    confirmed = [m for m in view["matches"] if m["statement_id"] == early["id"]]
    assert confirmed and confirmed[0]["reviewed"] == "confirmed"
    assert client.get(f"/v1/claims/{early['claim_id']}").get_json()["statement_count"] == 4
    again = reprocess(client, redis_db, second["id"])
    assert early["id"] in {m["statement_id"] for m in again["statements"][1]["matches"]}
    assert again["statements"][1]["claim_id"] == early["claim_id"]


@pytest.mark.e2e
def test_review_errors(client: FlaskClient, run_worker: Any) -> None:
    (first,) = ingest(client, run_worker, FIRST)
    a, b = (s["id"] for s in first["statements"])
    assert client.post(f"/v1/statements/{a}/links/{b}", json={"action": "maybe"}).status_code == 422
    assert client.post(f"/v1/statements/{a}/links/{a}", json={"action": "confirm"}).status_code == 400
    assert client.post(f"/v1/statements/{a}/links/nope", json={"action": "confirm"}).status_code == 404
    assert client.get("/v1/claims/nope").status_code == 404
