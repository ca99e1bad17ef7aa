"""Shared test helpers and the invented articles several test modules use."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from spacy.language import Language

from workers.extraction import ExtractedStatement, extract_statements

DUES = {
    "title": "Dues to double",
    "published_at": "2026-01-10T09:00:00Z",
    "source": "Coast Wire",
    "url": "https://example.org/coast/dues",
    "text": (
        "PORT ELLEN (Coast Wire) - Harbour dues for foreign trawlers will double from April, "
        "Fisheries Minister Ines Kolar said on Friday.\n"
        "\"The harbour dues for foreign trawlers will double from April,\" Kolar told reporters.\n"
    ),
}


def ingest(client: FlaskClient, run_worker: Any, *bodies: dict[str, Any]) -> list[dict[str, Any]]:
    """Post articles, run a worker until the queue is empty, and return the processed articles."""
    ids = [client.post("/v1/articles", json=b).get_json()["id"] for b in bodies]
    run_worker()
    return [client.get(f"/v1/articles/{i}").get_json() for i in ids]


def extract(text: str, nlp: Language) -> list[ExtractedStatement]:
    """Extract statements, checking that every span is exactly its text."""
    out = extract_statements(text, nlp)
    for s in out:
        assert text[s.start:s.end] == s.text
    return out
