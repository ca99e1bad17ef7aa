"""Fact-check retrieval pieces: query normalisation, the lexical index, and fact-checks on statements."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest
from flask.testing import FlaskClient

from tests.test_factchecks import REVIEWS, post_reviews
from workers.retrieval.bm25 import BM25Index
from workers.retrieval.ranker import FEATURES, Ranker, candidate_features
from workers.retrieval.text import normalise_query, query_date, tokenize

TWEET = ('"Kolar: ""harbour dues will double"" #HarbourDues via @CoastWire pic.twitter.com/Ab12Cd '
         'https://t.co/xyz — Jan Horvat (@janhorvat) January 10, 2026"')


def test_tweets_are_normalised_for_search() -> None:
    assert normalise_query(TWEET) == 'Kolar: "harbour dues will double" Harbour Dues via Coast Wire'
    assert query_date(TWEET) == date(2026, 1, 10)
    assert query_date("no tail here") is None
    assert normalise_query("Plain statement.") == "Plain statement"


def test_tokens_fold_case_accents_plurals_and_stop_words() -> None:
    assert tokenize("The Trawlers' dues are DOUBLING at Café Ports") == ["trawler", "due", "doubling", "cafe", "port"]


def test_lexical_index_replaces_documents() -> None:
    index = BM25Index()
    index.set_document(0, tokenize("harbour dues double"))
    index.set_document(1, tokenize("lighthouse sold to hotel"))
    assert index.scores(tokenize("lighthouse hotel")).argmax() == 1
    index.set_document(1, tokenize("kelp cures seasickness"))
    assert index.scores(tokenize("lighthouse hotel")).max() == 0
    with pytest.raises(IndexError):
        index.set_document(5, ["x"])


def test_the_shipped_ranker_prefers_close_paraphrases_published_soon_after() -> None:
    ranker = Ranker.load()
    cos = np.array([0.9, 0.9, 0.3], dtype=np.float32)
    bm25 = np.array([8.0, 8.0, 1.0], dtype=np.float32)
    rows, x = candidate_features(cos, cos, bm25, np.array([2.0, 900.0, np.nan], dtype=np.float32))
    assert x.shape == (3, len(FEATURES))
    scores = dict(zip(rows.tolist(), ranker.score(x).tolist(), strict=True))
    assert scores[0] > scores[1] > scores[2]
    assert scores[0] > 0.5 > scores[2]


@pytest.mark.e2e
def test_statements_carry_matching_fact_checks_speaker_first(client: FlaskClient, run_worker: Any) -> None:
    ids = post_reviews(client, REVIEWS)
    run_worker()
    r = client.post("/v1/articles", json={
        "title": "Harbour dues to double", "published_at": "2026-01-10T09:00:00Z", "source": "Coast Wire",
        "text": ("PORT ELLEN (Coast Wire) - Harbour dues for foreign trawlers will double from April, "
                 "Fisheries Minister Ines Kolar said on Friday.\n"
                 "\"The new ferry timetable starts in May,\" Kolar told reporters.\n")})
    assert r.status_code == 202, r.get_json()
    run_worker()
    got = client.get(f"/v1/articles/{r.get_json()['id']}").get_json()
    assert got["status"] == "done", got
    dues, ferry = got["statements"]
    assert dues["speaker"]["name"] == "Ines Kolar"
    assert [f["id"] for f in dues["fact_checks"]][:1] == [ids[0]]  # Kolar's own claim first
    first = dues["fact_checks"][0]
    assert first["rating"] == "Mostly true" and first["publisher"] == "Harbour Truth Desk" and first["score"] >= 0.8
    assert ferry["fact_checks"] == []
    claim = client.get(f"/v1/claims/{dues['claim_id']}").get_json()  # the claim shows the verdict
    assert claim["verdict"] == "Mostly true" and claim["fact_checks"][0]["id"] == ids[0]
    assert client.get(f"/v1/claims/{ferry['claim_id']}").get_json()["verdict"] is None


def clustered_index(rows: int, coarse_min: int, seed: int = 7) -> tuple[Any, np.ndarray]:
    """A FactCheckIndex of `rows` synthetic fact-checks around 40 topics (vectors and words)."""
    from workers.factcheck_search import FactCheckIndex

    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((40, 384)).astype(np.float32)
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    words = [f"w{i}" for i in range(400)]
    index = FactCheckIndex(Ranker.load(), coarse_min=coarse_min)
    vectors = np.empty((rows, 384), dtype=np.float32)
    for row in range(rows):
        v = topics[row % 40] + rng.normal(0, 0.06, 384).astype(np.float32)
        vectors[row] = v / np.linalg.norm(v)
        text = " ".join(rng.choice(words[(row % 40) * 10:(row % 40) * 10 + 30], 6))
        index.put(f"f{row}", {"identifier": f"f{row}", "claim_reviewed": text}, vectors[row], vectors[row])
    return index, vectors


def best_hits(index: Any, vectors: np.ndarray, queries: list[int]) -> list[str]:
    return [index.ranked(index.summaries[q]["claim_reviewed"], vectors[q], None, 1, frozenset(), 0.5)[0]["id"]
            for q in queries]


def test_large_collections_probe_coarse_lists_and_find_what_the_full_scan_finds() -> None:
    index, vectors = clustered_index(3000, coarse_min=2000)
    index.organise()
    assert index.coarse is not None and index.coarse.built == 3000
    queries = list(range(0, 3000, 61))
    probed = best_hits(index, vectors, queries)
    lists, index.coarse = index.coarse, None
    assert probed == best_hits(index, vectors, queries) == [f"f{q}" for q in queries]
    index.coarse = lists
    # a fact-check added after the lists were built is scanned exactly until they are rebuilt
    fresh = np.zeros(384, dtype=np.float32)
    fresh[0] = 1.0
    index.put("late", {"identifier": "late", "claim_reviewed": "lighthouse keepers"}, fresh, fresh)
    index.organise()
    assert index.coarse is lists  # grown by less than a third: not rebuilt
    assert index.ranked("no shared words", fresh, None, 1, frozenset(), 0.5)[0]["id"] == "late"


def test_small_collections_scan_every_row_and_lists_follow_growth() -> None:
    index, vectors = clustered_index(1500, coarse_min=2000)
    index.organise()
    assert index.coarse is None
    for row in range(1500, 2700):
        index.put(f"f{row}", {"identifier": f"f{row}", "claim_reviewed": "w1 w2"}, vectors[row % 1500],
                  vectors[row % 1500])
    index.organise()
    assert index.coarse is not None and index.coarse.built == 2700
    first = index.coarse
    for row in range(2700, 3700):
        index.put(f"f{row}", {"identifier": f"f{row}", "claim_reviewed": "w3"}, vectors[row % 1500],
                  vectors[row % 1500])
    index.organise()
    assert index.coarse is not first and index.coarse.built == 3700  # grown by more than a third
    assert sum(len(index.coarse.members[a:b]) for a, b in zip(index.coarse.offsets, index.coarse.offsets[1:],
                                                             strict=False)) == 3700


def test_lists_build_in_the_background_and_changed_rows_stay_searchable() -> None:
    index, _ = clustered_index(3000, coarse_min=2000)
    index.organise(background=True)
    assert index.building is not None
    index.building.join(timeout=60)
    assert index.coarse is not None and index.coarse.built == 3000
    # a fact-check whose vectors change after the build is found where it is now, not in its old list
    fresh = np.zeros(384, dtype=np.float32)
    fresh[1] = 1.0
    index.put("f7", {"identifier": "f7", "claim_reviewed": "lighthouse keepers"}, fresh, fresh)
    assert index.moved == {7}
    assert index.ranked("no shared words", fresh, None, 1, frozenset(), 0.5)[0]["id"] == "f7"


def test_lists_built_for_a_recreated_store_are_dropped() -> None:
    index, vectors = clustered_index(3000, coarse_min=2000)
    index.epoch = "after-flush"  # refresh() found a new epoch while a build of the old rows was running
    index._build(vectors, set(), epoch="before-flush")
    assert index.coarse is None
    index._build(vectors, set(), epoch="after-flush")
    assert index.coarse is not None and index.coarse.built == 3000
