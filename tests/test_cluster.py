"""The results store on a Redis Cluster (3 real redis-server nodes), RQ's queue on a plain Redis."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
import redis
from redis.exceptions import RedisClusterException

from claimtrack import articles, factchecks, keys, statements, store
from claimtrack.config import ConfigError, Settings, load_settings
from claimtrack.local_redis import LocalRedisCluster, redis_server_binary
from claimtrack.queueing import get_queue, job_exists
from claimtrack.redis_client import connect, connections, parse_cluster_url
from migrations import migrate
from tests.helpers import DUES
from tests.test_factchecks import REVIEWS
from tests.test_webhooks import Receiver

REPEAT = {
    "title": "Dues confirmed",
    "published_at": "2026-02-02T09:00:00Z",
    "url": "https://example.org/coast/dues-again",
    "text": ("PORT ELLEN (Coast Wire) - Fisheries Minister Ines Kolar said on Monday that harbour dues for "
             "foreign trawlers will double from April.\n"),
}
OTHER = {
    "published_at": "2026-02-03T09:00:00Z",
    "text": "Harbourmaster Tomas Vell said the north pier would close for repairs in June.\n",
}


def test_cluster_urls_are_parsed_and_only_the_store_may_be_a_cluster() -> None:
    nodes, username, password = parse_cluster_url("redis+cluster://:pw@10.0.0.1:7000,10.0.0.2:7001,node3,[::1]")
    assert nodes == [("10.0.0.1", 7000), ("10.0.0.2", 7001), ("node3", 6379), ("::1", 6379)]
    assert username is None and password == "pw"
    assert parse_cluster_url("rediss+cluster://ops:s%40fe@n:7000")[1:] == ("ops", "s@fe")
    settings = load_settings(env={"CLAIMTRACK_STORE_URL": "redis+cluster://a:7000", "REDIS_URL": "redis://q:6379/0"})
    assert settings.store_url == "redis+cluster://a:7000" and settings.redis_url == "redis://q:6379/0"
    assert load_settings(env={}).store_url == ""  # unset: the results live on REDIS_URL
    with pytest.raises(ConfigError, match="REDIS_URL"):  # RQ's keys cannot live on a cluster
        load_settings(env={"REDIS_URL": "redis+cluster://a:7000"})


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalRedisCluster]:
    if redis_server_binary() is None:
        pytest.skip("no redis-server binary")
    with tempfile.TemporaryDirectory(prefix="claimtrack-cluster-") as tmp:
        nodes = LocalRedisCluster(Path(tmp))
        try:
            yield nodes
        finally:
            nodes.close()


@pytest.fixture
def stack(cluster: LocalRedisCluster, settings: Settings, redis_db: redis.Redis, worker_context: Any,
          monkeypatch: pytest.MonkeyPatch) -> Any:
    """API and worker with the results on the cluster and the queue on the test database (webhooks may
    target this host's test receiver)."""
    from service import create_app
    from workers.main import build_worker
    from workers.vector_cache import SpeakerVectorCache

    for node in cluster.node_clients():
        node.flushall()  # the cluster is this module's own
    cluster_settings = replace(settings, store_url=cluster.url, webhook_allow_private=True)
    monkeypatch.setattr(worker_context, "settings", cluster_settings)
    results, queue_conn = connections(cluster_settings, queue=redis_db)
    assert store.is_cluster(results) and not store.is_cluster(queue_conn)
    migrate(results)
    app = create_app(cluster_settings, queue_conn=queue_conn, TESTING=True)  # opens its own cluster client
    worker_context.conn, worker_context.queue_conn = results, queue_conn
    worker_context.vectors = SpeakerVectorCache(results, settings.vector_cache_max, keys.speaker_vector_removals)

    def run_worker() -> None:
        build_worker(cluster_settings, queue_conn).work(burst=True)

    return SimpleNamespace(store=results, queue_conn=queue_conn, client=app.test_client(), run=run_worker,
                           settings=cluster_settings)


def test_atomic_writes_cross_slots_on_a_cluster_in_order(stack: Any) -> None:
    conn = stack.store
    names = ["ct:test:alpha", "ct:test:bravo", "ct:test:charlie", "ct:test:delta"]
    assert len({conn.keyslot(n) for n in names}) == len(names)
    with pytest.raises(RedisClusterException), conn.pipeline(transaction=True) as pipe:  # a plain transaction
        for name in names:
            pipe.set(name, 1)
        pipe.execute()
    with store.atomic(conn) as tx:
        for i, name in enumerate(names):
            tx.set(name, i)
            tx.incr(name)
        replies = tx.execute()
    assert replies[1::2] == [1, 2, 3, 4]  # the INCR replies, in the order given
    assert store.mget(conn, names) == [b"1", b"2", b"3", b"4"]


@pytest.mark.parametrize("where", ["one redis", "cluster"])
def test_remove_unless_rescored_keeps_members_scored_afresh(stack: Any, redis_db: redis.Redis, where: str) -> None:
    conn = stack.store if where == "cluster" else redis_db
    conn.delete("ct:test:marks")
    conn.zadd("ct:test:marks", {"old": 100.0, "exact": 1764309123456.789, "fresh": 300.5})
    seen = [(m.decode(), s) for m, s in conn.zrange("ct:test:marks", 0, -1, withscores=True)] + [("absent", 1.0)]
    conn.zadd("ct:test:marks", {"fresh": 300.75})  # scored afresh after it was read
    assert store.remove_unless_rescored(conn, "ct:test:marks", seen) == 2
    assert conn.zrange("ct:test:marks", 0, -1) == [b"fresh"]
    many = [(f"m{i}", 1.0) for i in range(2500)]  # more than one script call's worth
    conn.zadd("ct:test:marks", dict(many))
    assert store.remove_unless_rescored(conn, "ct:test:marks", many) == 2500
    conn.delete("ct:test:marks")


@pytest.mark.e2e
def test_service_works_with_its_results_on_a_cluster(cluster: LocalRedisCluster, stack: Any) -> None:
    client = stack.client
    receiver = Receiver()
    hook = client.post("/v1/webhooks", json={"url": receiver.url, "events": ["article.processed"]})
    assert hook.status_code == 201
    reviews = client.post("/v1/fact-checks", json=REVIEWS)
    assert reviews.status_code == 202
    stack.run()
    ids = [client.post("/v1/articles", json=body).get_json()["id"] for body in (DUES, REPEAT, OTHER)]
    assert client.post("/v1/articles", json=DUES).status_code == 200  # the same article again: found, not made
    stack.run()
    receiver.close()
    done = [client.get(f"/v1/articles/{i}").get_json() for i in ids]
    assert [a["status"] for a in done] == ["done", "done", "done"]
    assert sorted(e["data"]["article_id"] for e in receiver.events()) == sorted(ids)  # each announced once
    kolar = [s for a in done[:2] for s in a["statements"] if s["speaker"] and s["speaker"]["name"] == "Ines Kolar"]
    assert len({s["speaker"]["id"] for s in kolar}) == 1 and len(kolar) >= 3
    latest = client.get(f"/v1/statements/{done[1]['statements'][0]['id']}").get_json()
    assert latest["matches"] and latest["claim_id"]
    claim = client.get(f"/v1/claims/{latest['claim_id']}").get_json()
    assert claim["article_count"] == 2 and claim["fact_checks"]  # linked across articles, fact-checked

    # corrections: move Vell's statement to Kolar, then merge Vell into Kolar; matches are recomputed
    vell = done[2]["statements"][0]
    kolar_id = kolar[0]["speaker"]["id"]
    moved = client.put(f"/v1/statements/{vell['id']}/speaker", json={"speaker_id": kolar_id})
    assert moved.status_code == 202
    merged = client.post(f"/v1/speakers/{kolar_id}/merge", json={"speaker_id": vell["speaker"]["id"]})
    assert merged.status_code == 202
    stack.run()
    assert client.get(f"/v1/statements/{vell['id']}").get_json()["speaker"]["id"] == kolar_id
    assert client.get(f"/v1/speakers/{vell['speaker']['id']}").get_json()["id"] == kolar_id
    assert client.get(f"/v1/speakers/{kolar_id}").get_json()["statement_count"] == len(kolar) + 1
    other = next(s for s in kolar if s["id"] != latest["id"])
    review = client.post(f"/v1/statements/{latest['id']}/links/{other['id']}", json={"action": "reject"})
    assert review.status_code == 200

    # fact-checks were indexed on the cluster and are searchable through a worker's search thread
    from workers.context import get_context
    from workers.search_thread import SearchThread

    assert all(client.get(f"/v1/fact-checks/{i}").get_json()["status"] == "indexed"
               for i in reviews.get_json()["ids"])
    thread = SearchThread(get_context())
    thread.start()
    try:
        found = client.post("/v1/fact-checks/search", json={"text": "harbour dues for trawlers double"})
    finally:
        thread.stop()
    assert found.status_code == 200
    assert found.get_json()["results"][0]["id"] in reviews.get_json()["ids"][:2]  # the two trawler-dues reviews

    # the data is spread over every node; RQ's keys are on the queue's Redis, not on the cluster
    per_node = [set(node.keys("*")) for node in cluster.node_clients()]
    assert all(any(k.startswith(b"ct:") for k in node) for node in per_node)
    assert not any(k.startswith(b"rq:") for node in per_node for k in node)
    assert stack.queue_conn.keys("rq:*") and not stack.queue_conn.keys("ct:article:*")
    assert client.get("/readyz").status_code in (200, 503) and client.get("/metrics").status_code == 200


def crash(*_: Any, **__: Any) -> None:
    raise ConnectionError("the API process died here")


def crashed_creation(stack: Any, monkeypatch: pytest.MonkeyPatch, step: str) -> tuple[Any, str]:
    """Post DUES with the API process dying at `step` of articles.py; the queue and the marked id."""
    queue = get_queue(stack.queue_conn, stack.settings)
    monkeypatch.setattr(articles, step, crash)
    with pytest.raises(ConnectionError):
        articles.create_or_get(stack.store, queue, stack.settings, dict(DUES))
    monkeypatch.undo()
    (article_id,) = [m.decode() for m in stack.store.zrange(keys.articles_unqueued(), 0, -1)]
    return queue, article_id


def test_an_article_committed_but_never_queued_is_queued_by_a_worker(
        stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An API process that dies between committing an article and queueing its job (it may have
    answered a concurrent post of the same text): a worker's maintenance queues it."""
    queue, article_id = crashed_creation(stack, monkeypatch, "enqueue_article")
    assert not job_exists(stack.queue_conn, article_id, 1)
    assert stack.client.post("/v1/articles", json=DUES).get_json()["id"] == article_id  # found (and healed)
    stack.queue_conn.delete(*stack.queue_conn.keys("rq:*"))  # the healed job lost too
    assert articles.finish_unqueued(stack.store, queue, stack.settings, older_than_s=30) == []  # too recent
    assert articles.finish_unqueued(stack.store, queue, stack.settings, older_than_s=0) == [article_id]
    assert stack.store.zcard(keys.articles_unqueued()) == 0
    stack.run()
    assert stack.client.get(f"/v1/articles/{article_id}").get_json()["status"] == "done"
    assert stack.store.zcard(keys.articles()) == 1


def test_a_retry_that_dies_before_queueing_is_healed_even_while_a_sweep_ran(
        stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sweeper handles an old mark of a failed article; meanwhile a retry marks it afresh, commits
    the new run and dies before queueing it. The sweeper keeps the fresh mark, so the next sweep queues it."""
    queue = get_queue(stack.queue_conn, stack.settings)
    created, _ = articles.create_or_get(stack.store, queue, stack.settings, dict(DUES))
    article_id = created["id"]
    stack.queue_conn.delete(*stack.queue_conn.keys("rq:*"))
    articles.set_status(stack.store, article_id, "failed", "boom")
    stack.store.zadd(keys.articles_unqueued(), {article_id: 0})  # an old mark (a retry refused long ago)
    heal = articles._heal_lost_job

    def a_retry_runs_meanwhile(q: Any, settings: Any, record: dict[str, Any]) -> bool:
        monkeypatch.setattr(articles, "_enqueue_once", crash)
        with pytest.raises(ConnectionError):
            articles.retry(stack.store, queue, stack.settings, article_id)
        monkeypatch.setattr(articles, "_enqueue_once", enqueue_once)
        return heal(q, settings, record)  # the sweeper read the record before the retry committed

    enqueue_once = articles._enqueue_once
    monkeypatch.setattr(articles, "_heal_lost_job", a_retry_runs_meanwhile)
    assert articles.finish_unqueued(stack.store, queue, stack.settings, older_than_s=1) == []
    monkeypatch.setattr(articles, "_heal_lost_job", heal)
    assert stack.store.zscore(keys.articles_unqueued(), article_id) is not None  # the retry's mark
    assert articles.get(stack.store, article_id)["status"] == "queued" and not job_exists(
        stack.queue_conn, article_id, 2)
    assert articles.finish_unqueued(stack.store, queue, stack.settings, older_than_s=0) == [article_id]
    assert job_exists(stack.queue_conn, article_id, 2)
    assert stack.store.zcard(keys.articles_unqueued()) == 0


def test_an_article_never_committed_is_undone_and_never_shown(stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Died after writing the record, before claiming its url and text: nobody was answered, so a
    worker deletes it; meanwhile a post of the same article waits for it, then answers 503."""
    queue, article_id = crashed_creation(stack, monkeypatch, "_commit")
    assert stack.client.get(f"/v1/articles/{article_id}").status_code == 404  # `creating` is not an article
    monkeypatch.setattr(articles, "CONCURRENT_CREATION_WAIT_S", 0.1)
    busy = stack.client.post("/v1/articles", json=DUES)
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
    assert busy.mimetype == "application/problem+json"
    assert articles.finish_unqueued(stack.store, queue, stack.settings, older_than_s=0) == []
    assert stack.store.get(keys.article(article_id)) is None and stack.store.zcard(keys.articles_unqueued()) == 0
    assert not any(stack.store.get(k) for k in articles._dedup_keys(DUES["text"], DUES["url"]))
    created = stack.client.post("/v1/articles", json=DUES)
    assert created.status_code == 202 and created.get_json()["id"] != article_id


def test_a_key_naming_a_missing_article_is_released(stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A url key left naming a record that no longer exists (its holder stalled past the sweeper, then
    died): a post waits, releases it and creates the article, instead of failing for ever."""
    monkeypatch.setattr(articles, "CONCURRENT_CREATION_WAIT_S", 0.1)
    stack.store.set(keys.article_by_url(DUES["url"]), "agone")
    created = stack.client.post("/v1/articles", json=DUES)
    assert created.status_code == 202
    assert stack.store.get(keys.article_by_url(DUES["url"])) == created.get_json()["id"].encode()


def test_phases_run_in_order_on_a_cluster(stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records written in an earlier phase than the index that lists them, whatever their slots."""
    calls: list[list[str]] = []
    run = store._run

    def spy(conn: Any, commands: Any, transaction: bool = True) -> list[Any]:
        calls.append([c[1][0] for c in commands])
        return run(conn, commands, transaction)

    monkeypatch.setattr(store, "_run", spy)
    records = [{"id": f"art.{i}", "order": i, "speaker": {"id": "pkolar", "name": "Ines Kolar"}} for i in range(6)]
    statements.write(stack.store, records, np.ones((6, 4), dtype=np.float32))
    index_call = next(i for i, names in enumerate(calls) if keys.speaker_statements("pkolar") in names)
    written = {name for names in calls[:index_call] for name in names}
    assert {keys.statement(r["id"]) for r in records} <= written
    assert statements.get_many(stack.store, [r["id"] for r in records]) == records


def _statement_of(conn: Any) -> tuple[str, str, str]:
    """Speakers Kolar, Vell and Dunn, and statement art.0 of Kolar's (its vector stored)."""
    from claimtrack import speakers

    kolar, vell, dunn = (speakers.resolve(conn, n, n.lower()) for n in ("Kolar", "Vell", "Dunn"))
    record = {"id": "art.0", "order": 0, "article_id": "art", "text": "Dues will double.",
              "speaker": {"id": kolar, "name": "Kolar"}}
    statements.write(conn, [record], np.ones((1, 4), dtype=np.float32))
    return kolar, vell, dunn


def _dying_at(monkeypatch: pytest.MonkeyPatch, step: Any) -> None:
    """The process dies (ConnectionError) at the first store command for which `step` holds."""
    run = store._run

    def dies(conn: Any, commands: Any, transaction: bool = True) -> list[Any]:
        if any(step(c) for c in commands):
            raise ConnectionError("the API process died here")
        return run(conn, commands, transaction)

    monkeypatch.setattr(store, "_run", dies)


def _half_moved(stack: Any, monkeypatch: pytest.MonkeyPatch, to: str, dies_at: str, before: str) -> None:
    """Move art.0 to `to`, dying while removing it from `before` or while writing the moved record."""
    from claimtrack import speaker_admin

    if dies_at == "removing it from its speaker":
        _dying_at(monkeypatch, lambda c: c[0] == "zrem" and c[1][0] == keys.speaker_statements(before))
    else:
        _dying_at(monkeypatch, lambda c: c[0] == "set" and c[1][0] == keys.statement("art.0")
                  and b"moving_to" not in c[1][1])
    with pytest.raises(ConnectionError):
        speaker_admin.move_statement(stack.store, "art.0", to)
    monkeypatch.undo()


def _under(conn: Any, speaker_id: str) -> tuple[bool, bool]:
    """Whether art.0 is in the speaker's statement index, and whether its vector is in the speaker's hash."""
    return (conn.zscore(keys.speaker_statements(speaker_id), "art.0") is not None,
            conn.hget(keys.speaker_vectors(speaker_id), "art.0") is not None)


HALF_WAY = ["removing it from its speaker", "writing the moved record"]


@pytest.mark.parametrize("dies_at", HALF_WAY)
def test_a_move_that_stopped_half_way_is_cleaned_up_by_the_next_move(
        stack: Any, monkeypatch: pytest.MonkeyPatch, dies_at: str) -> None:
    """A move dies half way (a cluster runs it in phases); a fact-checker then moves the statement
    somewhere else: nothing is left under the first target or the first speaker, the vector follows."""
    from claimtrack import speaker_admin

    kolar, vell, dunn = _statement_of(stack.store)
    _half_moved(stack, monkeypatch, vell, dies_at, before=kolar)
    assert _under(stack.store, vell) == (True, True)  # half way
    noted = statements.get(stack.store, "art.0")
    assert noted["moving_to"] == [vell] and "moving_to" not in statements.public_view(noted)  # internal
    speaker_admin.move_statement(stack.store, "art.0", dunn)
    assert _under(stack.store, kolar) == _under(stack.store, vell) == (False, False)
    assert _under(stack.store, dunn) == (True, True)
    moved = statements.get(stack.store, "art.0")
    assert moved["speaker"]["id"] == dunn and "moving_to" not in moved


@pytest.mark.parametrize("dies_at", HALF_WAY)
def test_after_a_half_finished_move_the_statement_can_go_back_or_its_target_be_merged_back(
        stack: Any, monkeypatch: pytest.MonkeyPatch, dies_at: str) -> None:
    """Moving it back to the speaker its record still names completes the undo; merging the target
    into that speaker keeps it there (neither may drop it from both)."""
    from claimtrack import speaker_admin

    kolar, vell, _ = _statement_of(stack.store)
    _half_moved(stack, monkeypatch, vell, dies_at, before=kolar)
    speaker_admin.move_statement(stack.store, "art.0", kolar)
    assert (_under(stack.store, kolar), _under(stack.store, vell)) == ((True, True), (False, False))
    assert "moving_to" not in statements.get(stack.store, "art.0")
    _half_moved(stack, monkeypatch, vell, dies_at, before=kolar)
    speaker_admin.merge(stack.store, kolar, vell)
    assert _under(stack.store, kolar) == (True, True)
    assert statements.get(stack.store, "art.0")["speaker"]["id"] == kolar


def test_two_half_finished_moves_are_both_cleaned_up(stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrack import speaker_admin, speakers

    kolar, vell, dunn = _statement_of(stack.store)
    erne = speakers.resolve(stack.store, "Erne", "erne")
    _half_moved(stack, monkeypatch, vell, "removing it from its speaker", before=kolar)
    _dying_at(monkeypatch, lambda c: c[0] == "zadd" and c[1][0] == keys.speaker_statements(dunn))
    with pytest.raises(ConnectionError):  # the second move dies right after noting its target
        speaker_admin.move_statement(stack.store, "art.0", dunn)
    monkeypatch.undo()
    assert statements.get(stack.store, "art.0")["moving_to"] == [vell, dunn]
    speaker_admin.move_statement(stack.store, "art.0", erne)
    assert [_under(stack.store, s) for s in (kolar, vell, dunn, erne)] == [(False, False)] * 3 + [(True, True)]


def test_reprocessing_removes_what_a_half_finished_move_left(stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rerun of the article removes its statements (then writes them afresh): from the speakers a
    half-finished move was going to as well."""
    kolar, vell, _ = _statement_of(stack.store)
    _half_moved(stack, monkeypatch, vell, "writing the moved record", before=kolar)
    statements.remove(stack.store, ["art.0"])
    assert _under(stack.store, kolar) == _under(stack.store, vell) == (False, False)


def test_a_merge_racing_a_move_back_keeps_the_statement(redis_db: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    """One Redis, no crash: a move of a statement back to Kolar is asked for while Kolar absorbs its
    speaker. The move waits its turn (409: one correction at a time); the merge keeps the statement."""
    from claimtrack import speaker_admin
    from claimtrack.errors import Conflict

    kolar, vell, _ = _statement_of(redis_db)
    speaker_admin.move_statement(redis_db, "art.0", vell)
    get = statements.get
    refused = []

    def a_move_is_asked_for(conn: Any, sid: str) -> dict[str, Any]:
        monkeypatch.setattr(statements, "get", get)
        try:
            speaker_admin.move_statement(conn, sid, kolar)  # a concurrent API call
        except Conflict:
            refused.append(sid)
        return get(conn, sid)

    monkeypatch.setattr(statements, "get", a_move_is_asked_for)
    speaker_admin.merge(redis_db, kolar, vell)
    assert refused == ["art.0"]
    assert _under(redis_db, kolar) == (True, True)


def test_the_name_index_follows_the_record(redis_db: redis.Redis) -> None:
    """The name index is another key than the speaker record: after renames (in either order, or
    interrupted) the speaker is listed once, under its current name."""
    from claimtrack import speakers

    speaker_id = speakers.resolve(redis_db, "Kolar", "kolar")
    speakers._note_alias(redis_db, speaker_id, "Ines Kolar", None, "ines kolar")
    stale = speakers.index_member("Kolar", speaker_id)
    redis_db.zadd(keys.speakers(), {stale: 0})  # as an interrupted or raced rename leaves it
    rows, total = speakers.search(redis_db, "kolar", 0, 10)
    assert total == 1 and rows[0]["name"] == "Ines Kolar"
    speakers.reindex_name(redis_db, speaker_id)
    assert redis_db.zrange(keys.speakers(), 0, -1) == [speakers.index_member("Ines Kolar", speaker_id).encode()]


def test_fact_checks_stored_but_never_queued_are_indexed_by_a_worker(
        stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    queue = get_queue(stack.queue_conn, stack.settings)
    monkeypatch.setattr(factchecks, "_enqueue_indexing", crash)
    with pytest.raises(ConnectionError):
        factchecks.import_reviews(stack.store, queue, stack.settings, REVIEWS)
    monkeypatch.undo()
    assert stack.store.scard(keys.factchecks_pending()) == len(REVIEWS)
    stack.run()  # nothing queued: nothing indexed
    assert stack.store.scard(keys.factchecks_pending()) == len(REVIEWS)
    assert factchecks.requeue_unindexed(stack.store, queue, stack.settings, older_than_s=0) == len(REVIEWS)
    stack.run()
    assert stack.store.scard(keys.factchecks_pending()) == 0
    assert stack.store.zcard(keys.factchecks_unqueued()) == 0


def test_a_re_import_that_dies_while_a_sweep_runs_is_still_indexed(
        stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sweeper handles old marks of some fact-checks; meanwhile a re-import with new ratings marks
    them afresh and dies before queueing their indexing. The fresh marks stay, and a later sweep queues them."""
    queue = get_queue(stack.queue_conn, stack.settings)
    factchecks.import_reviews(stack.store, queue, stack.settings, REVIEWS)
    stack.run()
    ids = [factchecks.factcheck_id(r) for r in REVIEWS]
    stack.store.zadd(keys.factchecks_unqueued(), dict.fromkeys(ids, 0))  # old marks
    revised = [{**r, "reviewRating": {"@type": "Rating", "alternateName": "Revised"}} for r in REVIEWS]
    mget = store.mget

    def a_re_import_runs_meanwhile(conn: Any, names: Any) -> Any:
        monkeypatch.setattr(store, "mget", mget)
        monkeypatch.setattr(factchecks, "_enqueue_indexing", crash)
        with pytest.raises(ConnectionError):
            factchecks.import_reviews(stack.store, queue, stack.settings, revised)
        monkeypatch.undo()
        return mget(conn, names)

    monkeypatch.setattr(store, "mget", a_re_import_runs_meanwhile)
    assert factchecks.requeue_unindexed(stack.store, queue, stack.settings, older_than_s=1) == 0
    assert stack.store.zcard(keys.factchecks_unqueued()) == len(ids)  # the re-import's marks
    assert factchecks.requeue_unindexed(stack.store, queue, stack.settings, older_than_s=0) == len(ids)
    stack.run()
    assert {factchecks.get(stack.store, i)["status"] for i in ids} == {"indexed"}
    assert {factchecks.get(stack.store, i)["reviewRating"]["alternateName"] for i in ids} == {"Revised"}


def test_the_default_is_one_redis_for_queue_and_results(settings: Settings) -> None:
    results, queue_conn = connections(settings)
    assert results is queue_conn and not store.is_cluster(results)
    assert isinstance(connect(settings.redis_url), redis.Redis)


def test_undoing_never_touches_a_committed_article(stack: Any) -> None:
    """A sweeper undoing a stalled creation while its creator commits: the record goes first (then
    the creator cannot commit), and a committed article keeps its url and text keys."""
    queue = get_queue(stack.queue_conn, stack.settings)
    created, _ = articles.create_or_get(stack.store, queue, stack.settings, dict(DUES))
    claims = articles._dedup_keys(DUES["text"], DUES["url"])
    articles._undo(stack.store, created["id"], claims)
    assert all(stack.store.get(k) == created["id"].encode() for k in claims)
    assert stack.client.get(f"/v1/articles/{created['id']}").status_code == 200


def test_an_orphaned_creation_no_sweeper_sees_is_undone_by_the_next_post(
        stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its creator stalled before writing the record (so a sweeper cleared the mark), then died
    holding the keys: the next post undoes it instead of answering 503 for ever."""
    _, article_id = crashed_creation(stack, monkeypatch, "_commit")
    stack.store.zrem(keys.articles_unqueued(), article_id)
    monkeypatch.setattr(articles, "CONCURRENT_CREATION_WAIT_S", 0.1)
    created = stack.client.post("/v1/articles", json=DUES)
    assert created.status_code == 202 and created.get_json()["id"] != article_id
    assert stack.store.get(keys.article(article_id)) is None


def test_an_import_that_dies_after_storing_its_records_is_still_indexed(
        stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a cluster the records, the pending flags and the index are written in phases; a process
    dying before the last one leaves the fact-checks pending, and a worker indexes them."""
    queue = get_queue(stack.queue_conn, stack.settings)
    run = store._run

    def dies_at_the_index(conn: Any, commands: Any, transaction: bool = True) -> list[Any]:
        if any(c[1][0] == keys.factchecks() for c in commands):
            raise ConnectionError("the API process died here")
        return run(conn, commands, transaction)

    monkeypatch.setattr(store, "_run", dies_at_the_index)
    with pytest.raises(ConnectionError):
        factchecks.import_reviews(stack.store, queue, stack.settings, REVIEWS)
    monkeypatch.undo()
    ids = [factchecks.factcheck_id(r) for r in REVIEWS]
    assert {factchecks.get(stack.store, i)["status"] for i in ids} == {"pending"}
    assert factchecks.requeue_unindexed(stack.store, queue, stack.settings, older_than_s=0) == len(REVIEWS)
    stack.run()
    assert {factchecks.get(stack.store, i)["status"] for i in ids} == {"indexed"}
    assert factchecks.count(stack.store) == len(REVIEWS)


def test_an_unreachable_cluster_is_503_not_a_failed_start(settings: Settings, redis_db: redis.Redis) -> None:
    """Like a plain Redis, the cluster client connects on first use: the app is built while no node
    answers, and requests get 503 with Retry-After until the cluster is back."""
    from claimtrack.local_redis import free_port
    from service import create_app

    dead = replace(settings, store_url=f"redis+cluster://127.0.0.1:{free_port()}")
    results, _ = connections(dead, queue=redis_db)  # no node answers: nothing raised yet
    assert store.is_cluster(results)
    client = create_app(dead, conn=results, queue_conn=redis_db, check=False).test_client()
    for response in (client.post("/v1/articles", json=DUES), client.get("/v1/speakers")):
        assert response.status_code == 503 and response.headers["Retry-After"]
        assert response.mimetype == "application/problem+json"


def test_a_node_whose_port_was_taken_meanwhile_is_started_again_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    if redis_server_binary() is None:
        pytest.skip("no redis-server binary")
    import socket

    from claimtrack import local_redis

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    busy = taken.getsockname()[1]
    real = local_redis._cluster_ports
    calls: list[list[int]] = []

    def first_one_busy(nodes: int) -> list[int]:
        ports = real(nodes)
        if not calls:
            ports[1] = busy  # another process got this port between choosing it and binding it
        calls.append(ports)
        return ports

    monkeypatch.setattr(local_redis, "_cluster_ports", first_one_busy)
    try:
        with tempfile.TemporaryDirectory(prefix="claimtrack-cluster-") as tmp:
            nodes = LocalRedisCluster(Path(tmp), nodes=3)
            try:
                assert len(calls) == 2 and busy not in nodes.ports
                assert all(c.ping() for c in nodes.node_clients())
            finally:
                nodes.close()
    finally:
        taken.close()
