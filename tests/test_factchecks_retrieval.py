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
