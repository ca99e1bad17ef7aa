"""End to end: the HTTP API, a real RQ worker in burst mode, real Redis, the real parser and model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import redis
from flask.testing import FlaskClient

from claimtrack import keys, statements
from claimtrack.queueing import job_id

DEMO = Path(__file__).resolve().parent.parent / "demo"

EARLY = {
    "title": "Harbour dues to double",
    "published_at": "2026-01-10T09:00:00Z",
    "source": "Coast Wire",
    "text": (
        "09:00 GMT 10.01.2026\n"
        "© Coast Wire / Jan Horvat\n"
        "PORT ELLEN (Coast Wire) - Harbour dues for foreign trawlers will double from April, "
        "Fisheries Minister Ines Kolar said on Friday.\n"
        "\"The harbour dues for foreign trawlers will double from April,\" Kolar told reporters.\n"
    ),
}
LATE = {
    "title": "Kolar repeats harbour pledge",
    "published_at": "2026-02-20T15:30:00Z",
    "source": "Coast Wire",
    "text": (
        "PORT ELLEN (Coast Wire) - Fisheries Minister Ines Kolar said on Thursday that harbour dues "
        "for foreign trawlers will double from April.\n"
        "Kolar met trawler captains at the port on Thursday.\n"
    ),
}


def post(client: FlaskClient, body: dict[str, Any]) -> str:
    r = client.post("/v1/articles", json=body)
    assert r.status_code in (200, 202), r.get_json()
    return str(r.get_json()["id"])


def article(client: FlaskClient, article_id: str) -> dict[str, Any]:
    r = client.get(f"/v1/articles/{article_id}")
    assert r.status_code == 200
    return dict(r.get_json())


@pytest.mark.e2e
def test_article_is_processed_into_attributed_statements(client: FlaskClient, run_worker: Any) -> None:
    article_id = post(client, EARLY)
    run_worker()
    got = article(client, article_id)
    assert got["status"] == "done", got
    texts = [s["text"] for s in got["statements"]]
    assert texts == [
        "Harbour dues for foreign trawlers will double from April",
        "The harbour dues for foreign trawlers will double from April",
    ]
    for s in got["statements"]:
        assert EARLY["text"][s["span"][0] : s["span"][1]] == s["text"]
        assert s["speaker"]["name"] == "Ines Kolar"
    assert [s["kind"] for s in got["statements"]] == ["reported", "direct"]
    # the direct quote repeats the reported sentence said just before it
    direct = got["statements"][1]
    assert [m["statement_id"] for m in direct["matches"]] == [got["statements"][0]["id"]]
    assert got["statements"][0]["matches"] == []


@pytest.mark.e2e
def test_backfilled_older_article_shows_up_in_later_matches(client: FlaskClient, run_worker: Any) -> None:
    late_id = post(client, LATE)
    run_worker()
    late = article(client, late_id)
    assert len(late["statements"]) == 1  # the meeting is narration, not a statement
    assert late["statements"][0]["matches"] == []
    early_id = post(client, EARLY)  # older, posted afterwards
    run_worker()
    early = article(client, early_id)
    late = article(client, late_id)
    early_ids = {s["id"] for s in early["statements"]}
    matched = {m["statement_id"] for m in late["statements"][0]["matches"]}
    assert matched and matched <= early_ids
    for m in late["statements"][0]["matches"]:
        assert m["published_at"] == "2026-01-10T09:00:00Z" and m["article_id"] == early_id
    # the older statements never list the newer one as "said before"
    assert all(m["statement_id"] in early_ids for s in early["statements"] for m in s["matches"])
    # one person, one speaker id across articles
    assert early["statements"][0]["speaker"]["id"] == late["statements"][0]["speaker"]["id"]


@pytest.mark.e2e
def test_statement_speaker_endpoints(client: FlaskClient, run_worker: Any) -> None:
    post(client, EARLY)
    post(client, LATE)
    run_worker()
    speakers = client.get("/v1/speakers?q=kolar").get_json()
    assert speakers["total"] == 1
    speaker = speakers["items"][0]
    assert speaker["name"] == "Ines Kolar" and speaker["statement_count"] == 3
    assert "Fisheries Minister" in speaker["roles"]
    assert client.get("/v1/speakers?q=nobody").get_json()["total"] == 0
    one = client.get(f"/v1/speakers/{speaker['id']}").get_json()
    assert one["id"] == speaker["id"] and "Kolar" in " ".join(one["aliases"])
    page = client.get(f"/v1/speakers/{speaker['id']}/statements?limit=2").get_json()
    assert page["total"] == 3 and len(page["items"]) == 2 and page["next_offset"] == 2
    assert page["items"][0]["published_at"] == "2026-02-20T15:30:00Z"  # newest first
    statement = client.get(f"/v1/statements/{page['items'][0]['id']}").get_json()
    assert statement["article"]["title"] == LATE["title"]
    assert statement["matches"]


@pytest.mark.e2e
def test_rerunning_a_job_changes_nothing(client: FlaskClient, run_worker: Any, redis_db: redis.Redis) -> None:
    from workers.jobs import process_article

    article_id = post(client, EARLY)
    run_worker()
    before = article(client, article_id)
    snapshot = {k: redis_db.dump(k) for k in redis_db.scan_iter(match=b"ct:*")}
    # a retry after a crash: the same run processed again from scratch
    record = json.loads(redis_db.get(keys.article(article_id)))
    record["status"] = "processing"
    redis_db.set(keys.article(article_id), json.dumps(record))
    process_article(article_id, 1)
    after = article(client, article_id)
    assert [s | {"matches": None} for s in after["statements"]] == [
        s | {"matches": None} for s in before["statements"]
    ]
    assert [s["matches"] for s in after["statements"]] == [s["matches"] for s in before["statements"]]
    # The one new key is the speakers' vector-removal counter: a rerun must move it (workers' caches reload).
    added = set(redis_db.scan_iter(match=b"ct:*")) - set(snapshot)
    assert set(snapshot) <= set(redis_db.scan_iter(match=b"ct:*"))
    assert added and all(k.endswith(b":vector_removals") for k in added)


@pytest.mark.e2e
def test_failed_job_marks_article_failed_and_retry_recovers(
    client: FlaskClient, run_worker: Any, worker_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(texts: list[str]) -> Any:
        raise RuntimeError("embedding backend unavailable")

    monkeypatch.setattr(worker_context.embedder, "encode", broken)
    article_id = post(client, EARLY)
    run_worker()
    got = article(client, article_id)
    assert got["status"] == "failed"
    assert "embedding backend unavailable" in got["error"]
    monkeypatch.undo()
    r = client.post(f"/v1/articles/{article_id}/retry")
    assert r.status_code == 202 and r.get_json()["attempt"] == 2
    run_worker()
    got = article(client, article_id)
    assert got["status"] == "done" and got["error"] is None and len(got["statements"]) == 2


@pytest.mark.e2e
def test_a_failed_article_leaves_nothing_behind_for_others_to_match(
    client: FlaskClient, run_worker: Any, worker_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workers import jobs

    def broken(*args: Any) -> Any:  # after its statements were written and matched
        raise RuntimeError("claims store unavailable")

    monkeypatch.setattr(jobs.claims, "assign", broken)
    failed = post(client, EARLY)
    run_worker()
    assert article(client, failed)["status"] == "failed"
    monkeypatch.undo()
    later = post(client, LATE)
    run_worker()
    done = article(client, later)
    assert done["status"] == "done" and done["statements"]
    assert all(m["statement_id"].split(".")[0] != failed for s in done["statements"] for m in s["matches"])
    speaker_id = done["statements"][0]["speaker"]["id"]
    listed = client.get(f"/v1/speakers/{speaker_id}/statements").get_json()["items"]
    assert listed and all(s["article_id"] != failed for s in listed)
    assert client.get(f"/v1/statements/{failed}.0").status_code == 404


@pytest.mark.e2e
def test_lost_job_is_requeued_when_the_article_is_posted_again(
    client: FlaskClient, run_worker: Any, redis_db: redis.Redis
) -> None:
    from rq.job import Job

    article_id = post(client, EARLY)
    Job.fetch(job_id(article_id, 1), connection=redis_db).delete()
    run_worker()
    assert article(client, article_id)["status"] == "queued"
    assert client.post("/v1/articles", json=EARLY).status_code == 200
    run_worker()
    assert article(client, article_id)["status"] == "done"


@pytest.mark.e2e
def test_demo_articles_link_a_repeated_claim_across_articles(client: FlaskClient, run_worker: Any) -> None:
    """The shipped demo: the speaker of article 04 repeats a claim first made in article 01."""
    expected = json.loads((DEMO / "expected.json").read_text())
    ids = {}
    for f in sorted((DEMO / "articles").glob("*.json")):
        ids[f.name] = post(client, json.loads(f.read_text()))
        run_worker()
    results = {name: article(client, aid) for name, aid in ids.items()}
    assert all(r["status"] == "done" for r in results.values())
    found = 0
    for name, rows in expected.items():
        if not name.endswith(".json"):
            continue
        texts = {s["text"].rstrip(".,") for s in results[name]["statements"]}
        found += sum(e["text"].rstrip(".,") in texts for e in rows)
    total = sum(len(rows) for name, rows in expected.items() if name.endswith(".json"))
    assert found / total >= 0.8, f"found {found} of {total} expected demo statements"


@pytest.mark.e2e
def test_a_speaker_written_with_decomposed_accents_is_found_as_typed(client: FlaskClient, run_worker: Any) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Senator Zoë Brönner said the ferry subsidy would end in 2027.\n")
    assert client.post("/v1/articles", json={"text": text}).status_code == 202
    run_worker()
    for typed in ("Brönner", unicodedata.normalize("NFD", "Brönner"), "brönner"):
        assert client.get("/v1/speakers", query_string={"q": typed}).get_json()["total"] == 1, typed


@pytest.mark.e2e
def test_an_unnamed_source_is_shown_as_the_article_describes_it_and_never_matched(
    client: FlaskClient, run_worker: Any, redis_db: redis.Redis
) -> None:
    said = "Harbour officials said dues for foreign trawlers will double from April.\n"
    first = post(client, {"text": said, "published_at": "2026-01-10T09:00:00Z"})
    second = post(client, {"text": "PORT ELLEN (Coast Wire) - " + said, "published_at": "2026-01-11T09:00:00Z"})
    run_worker()
    [one] = article(client, first)["statements"]
    [two] = article(client, second)["statements"]
    for s in (one, two):
        assert s["speaker"] == {"id": None, "name": "Harbour officials", "named": False}
    assert two["matches"] == [] and two["possible_matches"] == []  # an unnamed source has no history
    assert client.get("/v1/speakers").get_json()["total"] == 0
    assert client.get(f"/v1/statements/{two['id']}").get_json()["speaker"]["named"] is False
    assert redis_db.exists(keys.statement_vector(one["id"]))  # kept for a reviewer who attributes it ...
    statements.remove(redis_db, [one["id"]])
    assert not redis_db.exists(keys.statement_vector(one["id"]))  # ... and removed with the statement
    # a named speaker says so
    kolar = post(client, EARLY)
    run_worker()
    target = article(client, kolar)["statements"][0]["speaker"]
    assert target["named"] is True


@pytest.mark.e2e
def test_a_reviewer_attributes_an_unnamed_sources_statement(client: FlaskClient, run_worker: Any,
                                                             redis_db: redis.Redis) -> None:
    kolar = post(client, EARLY)
    said = "Harbour officials said harbour dues for foreign trawlers will double from April.\n"
    unnamed = post(client, {"text": said, "published_at": "2026-01-12T09:00:00Z"})
    run_worker()
    target = article(client, kolar)["statements"][0]["speaker"]
    [statement] = article(client, unnamed)["statements"]
    assert statement["speaker"]["id"] is None and statement["matches"] == []
    assert redis_db.exists(keys.statement_vector(statement["id"]))  # its embedding waits for a reviewer
    r = client.put(f"/v1/statements/{statement['id']}/speaker", json={"speaker_id": target["id"]})
    assert r.status_code == 202, r.get_json()
    assert r.get_json()["speaker"] == {**target, "named": True} and len(r.get_json()["relink_jobs"]) == 1
    run_worker()  # the relink: it is now matched against Kolar's earlier statements
    moved = client.get(f"/v1/statements/{statement['id']}").get_json()
    assert moved["speaker"]["id"] == target["id"]
    assert {m["statement_id"] for m in moved["matches"]} & {s["id"] for s in article(client, kolar)["statements"]}
    assert client.get(f"/v1/speakers/{target['id']}").get_json()["statement_count"] == 3
    assert not redis_db.exists(keys.statement_vector(statement["id"]))  # moved into the speaker's vectors


@pytest.mark.e2e
def test_an_unnamed_statement_stored_without_its_embedding_cannot_be_attributed(
    client: FlaskClient, run_worker: Any, redis_db: redis.Redis
) -> None:
    kolar = post(client, EARLY)
    unnamed = post(client, {"text": "Harbour officials said the dues would double.\n"})
    run_worker()
    target = article(client, kolar)["statements"][0]["speaker"]
    [said] = article(client, unnamed)["statements"]
    redis_db.delete(keys.statement_vector(said["id"]))  # as stored by an earlier version
    r = client.put(f"/v1/statements/{said['id']}/speaker", json={"speaker_id": target["id"]})
    assert r.status_code == 409 and "cannot be attributed" in r.get_json()["detail"]
    assert client.get(f"/v1/statements/{said['id']}").get_json()["speaker"]["named"] is False  # unchanged
