"""Fact-checkers fix attribution: aliases, merging speakers, moving a statement; matches follow."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.helpers import ingest

ONE = {
    "published_at": "2026-04-01T08:00:00Z",
    "text": "Energy Minister Pavlo Hrytsenko said the northern grid would be rebuilt by October.\n",
}
TWO = {
    "published_at": "2026-04-05T08:00:00Z",
    "text": "Energy Minister Pavlo Hrytsenkov said the northern grid would be rebuilt by October.\n",
}
THREE = {
    "published_at": "2026-04-09T08:00:00Z",
    "text": (
        "Mayor Olha Dovzhenko said the bridge would reopen in May.\n"
        "Mayor Olha Dovzhenko said the northern grid would be rebuilt by October.\n"
    ),
}


@pytest.mark.e2e
def test_merge_two_spellings_recomputes_matches(client: FlaskClient, run_worker: Any) -> None:
    one, two = ingest(client, run_worker, ONE, TWO)
    a, b = one["statements"][0], two["statements"][0]
    assert a["speaker"]["id"] != b["speaker"]["id"]  # the misspelling made a second speaker
    assert b["matches"] == []
    r = client.post(f"/v1/speakers/{a['speaker']['id']}/merge", json={"speaker_id": b["speaker"]["id"]})
    assert r.status_code == 202 and r.get_json()["relink_job"]
    run_worker()
    after = client.get(f"/v1/statements/{b['id']}").get_json()
    assert after["speaker"]["id"] == a["speaker"]["id"]
    assert [m["statement_id"] for m in after["matches"]] == [a["id"]]
    assert after["claim_id"] == client.get(f"/v1/statements/{a['id']}").get_json()["claim_id"]
    merged = client.get(f"/v1/speakers/{a['speaker']['id']}").get_json()
    assert "Pavlo Hrytsenkov" in merged["aliases"] and merged["statement_count"] == 2
    # the old id still answers, as the merged speaker
    assert client.get(f"/v1/speakers/{b['speaker']['id']}").get_json()["id"] == a["speaker"]["id"]
    assert client.get("/v1/speakers").get_json()["total"] == 1
    # future articles with the old spelling land on the merged speaker
    (three,) = ingest(client, run_worker, {**TWO, "published_at": "2026-04-07T08:00:00Z",
                                           "text": TWO["text"].replace("October", "October at the latest")})
    assert three["statements"][0]["speaker"]["id"] == a["speaker"]["id"]


@pytest.mark.e2e
def test_alias_routes_future_articles(client: FlaskClient, run_worker: Any) -> None:
    (one,) = ingest(client, run_worker, ONE)
    speaker_id = one["statements"][0]["speaker"]["id"]
    r = client.post(f"/v1/speakers/{speaker_id}/aliases", json={"alias": "Pavlo Hrytsenkov"})
    assert r.status_code == 200 and "Pavlo Hrytsenkov" in r.get_json()["aliases"]
    (two,) = ingest(client, run_worker, TWO)
    assert two["statements"][0]["speaker"]["id"] == speaker_id
    assert [m["statement_id"] for m in two["statements"][0]["matches"]] == [one["statements"][0]["id"]]
    assert client.post(f"/v1/speakers/{speaker_id}/aliases", json={"alias": "  "}).status_code == 422
    # a letter anywhere will do, and the alias is stored without its surrounding spaces
    r = client.post(f"/v1/speakers/{speaker_id}/aliases", json={"alias": " 'Pasha' Hrytsenkov "})
    assert r.status_code == 200 and "'Pasha' Hrytsenkov" in r.get_json()["aliases"]


@pytest.mark.e2e
def test_an_alias_routes_future_articles_under_extractions_own_key(client: FlaskClient, run_worker: Any) -> None:
    # 'Wessel Hrytsenkoff' folds to another key in extraction (w, doubled letters): the alias must too
    (one,) = ingest(client, run_worker, ONE)
    speaker_id = one["statements"][0]["speaker"]["id"]
    assert client.post(f"/v1/speakers/{speaker_id}/aliases", json={"alias": "Wessel Hrytsenkoff"}).status_code == 200
    two, three = ingest(client, run_worker,
                        {**TWO, "text": TWO["text"].replace("Pavlo Hrytsenkov", "Wessel Hrytsenkoff")},
                        {"published_at": "2026-04-06T08:00:00Z",  # the alias's surname alone, too
                         "text": "Hrytsenkoff said the eastern grid would follow in December.\n"})
    assert two["statements"][0]["speaker"]["id"] == speaker_id
    assert three["statements"][0]["speaker"]["id"] == speaker_id


@pytest.mark.e2e
def test_alias_of_another_speaker_is_409(client: FlaskClient, run_worker: Any) -> None:
    one, three = ingest(client, run_worker, ONE, THREE)
    r = client.post(f"/v1/speakers/{one['statements'][0]['speaker']['id']}/aliases",
                    json={"alias": "Olha Dovzhenko"})
    assert r.status_code == 409
    assert r.get_json()["speaker_id"] == three["statements"][0]["speaker"]["id"]


@pytest.mark.e2e
def test_move_statement_to_the_right_speaker(client: FlaskClient, run_worker: Any) -> None:
    one, three = ingest(client, run_worker, ONE, THREE)
    grid = three["statements"][1]
    assert grid["speaker"]["name"] == "Olha Dovzhenko" and grid["matches"] == []
    target = one["statements"][0]["speaker"]["id"]
    r = client.put(f"/v1/statements/{grid['id']}/speaker", json={"speaker_id": target})
    assert r.status_code == 202 and len(r.get_json()["relink_jobs"]) == 2
    run_worker()
    moved = client.get(f"/v1/statements/{grid['id']}").get_json()
    assert moved["speaker"]["id"] == target
    assert [m["statement_id"] for m in moved["matches"]] == [one["statements"][0]["id"]]
    old = three["statements"][0]["speaker"]["id"]
    assert client.get(f"/v1/speakers/{old}").get_json()["statement_count"] == 1
    assert client.put(f"/v1/statements/{grid['id']}/speaker", json={"speaker_id": "nope"}).status_code == 404
    assert client.put(f"/v1/statements/{grid['id']}/speaker", json={}).status_code == 422


@pytest.mark.e2e
def test_merged_ids_stand_for_the_surviving_speaker(client: FlaskClient, run_worker: Any) -> None:
    one, two = ingest(client, run_worker, ONE, TWO)
    a, b = one["statements"][0]["speaker"]["id"], two["statements"][0]["speaker"]["id"]
    assert client.post(f"/v1/speakers/{a}/merge", json={"speaker_id": b}).status_code == 202
    run_worker()
    # merging back through the old id is refused instead of deleting the speaker's statements
    assert client.post(f"/v1/speakers/{b}/merge", json={"speaker_id": a}).status_code == 400
    assert client.get(f"/v1/speakers/{a}").get_json()["statement_count"] == 2
    # the old id reads and writes the surviving speaker
    assert client.get(f"/v1/speakers/{b}/statements").get_json()["total"] == 2
    assert client.get(f"/v1/speakers/{b}/claims").get_json()["total"] >= 1
    r = client.post(f"/v1/speakers/{b}/aliases", json={"alias": "P. Hrytsenko"})
    assert r.status_code == 200 and r.get_json()["id"] == a
    assert "P. Hrytsenko" in client.get(f"/v1/speakers/{a}").get_json()["aliases"]


@pytest.mark.e2e
@pytest.mark.parametrize("merge_done", [True, False])
def test_a_merge_while_an_article_of_the_absorbed_speaker_is_processed_loses_nothing(
        client: FlaskClient, run_worker: Any, redis_db: Any, monkeypatch: pytest.MonkeyPatch, merge_done: bool) -> None:
    from claimtrack import keys, statements

    one, two = ingest(client, run_worker, ONE, TWO)
    keep, absorb = one["statements"][0]["speaker"]["id"], two["statements"][0]["speaker"]["id"]
    write = statements.write

    def write_during_merge(conn: Any, records: Any, vectors: Any) -> None:
        # the job has resolved its speaker (the absorbed one) when the reviewer's merge happens: done
        # before the job writes, or begun (its statements listed) and finished after the job
        monkeypatch.setattr(statements, "write", write)
        if merge_done:
            assert client.post(f"/v1/speakers/{keep}/merge", json={"speaker_id": absorb}).status_code == 202
        else:
            conn.set(keys.speaker_merging(absorb), keep)
        write(conn, records, vectors)

    monkeypatch.setattr(statements, "write", write_during_merge)
    (four,) = ingest(client, run_worker, {
        "published_at": "2026-04-07T08:00:00Z",
        "text": "Energy Minister Pavlo Hrytsenkov said the northern grid would be rebuilt by October at the latest.\n"})
    if not merge_done:
        assert client.post(f"/v1/speakers/{keep}/merge", json={"speaker_id": absorb}).status_code == 202
    run_worker()  # the merge's relink job
    new = client.get(f"/v1/statements/{four['statements'][0]['id']}").get_json()
    assert new["speaker"]["id"] == keep
    assert {m["statement_id"] for m in new["matches"]} == {one["statements"][0]["id"], two["statements"][0]["id"]}
    listed = {m.decode() for m in redis_db.zrange(keys.speaker_statements(keep), 0, -1)}
    assert listed == {one["statements"][0]["id"], two["statements"][0]["id"], new["id"]}
    assert redis_db.hlen(keys.speaker_vectors(keep)) == 3
    assert not redis_db.exists(keys.speaker_statements(absorb), keys.speaker_vectors(absorb))
    assert client.get(f"/v1/speakers/{keep}").get_json()["statement_count"] == 3


@pytest.mark.e2e
def test_one_merge_at_a_time_and_a_failed_merge_leaves_the_speaker_standing(
        client: FlaskClient, run_worker: Any, redis_db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrack import keys, speaker_admin

    one, two = ingest(client, run_worker, ONE, TWO)
    a, b = one["statements"][0]["speaker"]["id"], two["statements"][0]["speaker"]["id"]
    # another merge is running: this one waits (merges over shared speakers would undo each other),
    # and marks nothing an article job would follow
    redis_db.set(keys.speakers_merge_lock(), "0123456789abcdef")
    for method, path, body in (("POST", f"/v1/speakers/{b}/merge", {"speaker_id": a}),
                               ("POST", f"/v1/speakers/{a}/merge", {"speaker_id": b}),  # sent twice: waits too
                               ("POST", f"/v1/speakers/{a}/aliases", {"alias": "Pasha Hrytsenko"}),
                               ("PUT", f"/v1/statements/{two['statements'][0]['id']}/speaker", {"speaker_id": a})):
        r = client.open(path, method=method, json=body)
        assert r.status_code == 409 and r.mimetype == "application/problem+json", (path, r.get_json())
    assert not redis_db.exists(keys.speaker_merging(a), keys.speaker_merging(b))
    assert redis_db.get(keys.speakers_merge_lock()) == b"0123456789abcdef"
    redis_db.delete(keys.speakers_merge_lock())

    # a merge that fails half way removes its mark: b's next statements stay b's
    def broken(*args: Any) -> None:
        raise RuntimeError("Redis went away")

    monkeypatch.setattr(speaker_admin, "retag", broken)
    with pytest.raises(RuntimeError):
        speaker_admin.merge(redis_db, a, b)
    assert not redis_db.exists(keys.speaker_merging(b), keys.speakers_merge_lock())
    monkeypatch.undo()
    (three,) = ingest(client, run_worker, {**TWO, "published_at": "2026-04-06T08:00:00Z",
                                           "text": TWO["text"].replace("October", "November")})
    assert three["statements"][0]["speaker"]["id"] == b


@pytest.mark.e2e
def test_a_merge_skips_a_statement_removed_while_it_runs(client: FlaskClient, run_worker: Any, redis_db: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrack import speaker_admin, statements

    one, two = ingest(client, run_worker, ONE, TWO)
    a, b = one["statements"][0]["speaker"]["id"], two["statements"][0]["speaker"]["id"]
    get = statements.get

    def reprocessed_meanwhile(conn: Any, sid: str) -> Any:
        statements.remove(conn, [sid])  # the article's rerun removed it after the merge listed it
        return get(conn, sid)

    monkeypatch.setattr(statements, "get", reprocessed_meanwhile)
    merged = speaker_admin.merge(redis_db, a, b)
    monkeypatch.undo()
    assert merged["id"] == a
    assert client.get(f"/v1/speakers/{b}").get_json()["id"] == a  # the merge completed


@pytest.mark.e2e
def test_statements_under_a_speaker_being_merged_move_also_when_the_article_quotes_the_kept_one(
        client: FlaskClient, run_worker: Any, redis_db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrack import keys, statements

    two, three = ingest(client, run_worker, TWO, THREE)
    absorb, keep = two["statements"][0]["speaker"]["id"], three["statements"][0]["speaker"]["id"]
    write = statements.write

    def write_while_merging(conn: Any, records: Any, vectors: Any) -> None:
        monkeypatch.setattr(statements, "write", write)
        conn.set(keys.speaker_merging(absorb), keep)  # a merge of absorb into keep has listed its statements
        write(conn, records, vectors)

    monkeypatch.setattr(statements, "write", write_while_merging)
    (both,) = ingest(client, run_worker, {
        "published_at": "2026-04-10T08:00:00Z",
        "text": ("Mayor Olha Dovzhenko said the bridge would reopen in June.\n"
                 "Energy Minister Pavlo Hrytsenkov said the southern grid would be rebuilt by March.\n")})
    assert [s["speaker"]["id"] for s in both["statements"]] == [keep, keep]
    assert redis_db.zcard(keys.speaker_statements(absorb)) == 1  # only its own earlier statement
