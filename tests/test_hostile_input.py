"""Hostile and odd input: always a clear 4xx or a clean result, never a 500, the service stays up."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

BAD_BODIES: list[tuple[bytes, str]] = [
    (b"", "application/json"),
    (b"null", "application/json"),
    (b"\x00\x01\x02\xff\xfe", "application/json"),
    (b'{"text": "\\ud800 lone surrogate"}', "application/json"),
    (b'{"text": ["a", "b"]}', "application/json"),
    (b'{"text": {"nested": true}}', "application/json"),
    (b'{"text": 1e999}', "application/json"),
    (b'{"text": "ok", "text": 5}', "application/json"),
    (b'{"text": "ok", "published_at": "2026-02-30T10:00:00Z"}', "application/json"),
    (b'{"text": "ok", "published_at": 12345}', "application/json"),
    (b'{"text": "ok", "url": "javascript:alert(1)"}', "application/json"),
    (b'{"text": "ok", "url": "http://' + b"a" * 3000 + b'.example"}', "application/json"),
    (b"<html><body>hi</body></html>", "text/html"),
    (b'{"text": "ok"}', "text/plain"),
    (b"[" * 50_000, "application/json"),
    (b'{"a":' * 20_000 + b"1" + b"}" * 20_000, "application/json"),
]


@pytest.mark.parametrize(("body", "content_type"), BAD_BODIES)
def test_bad_requests_get_a_4xx_problem(client: FlaskClient, body: bytes, content_type: str) -> None:
    r = client.post("/v1/articles", data=body, content_type=content_type)
    assert 400 <= r.status_code < 500, r.get_data(as_text=True)[:300]
    assert r.mimetype == "application/problem+json" and r.get_json()["status"] == r.status_code
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/v1/articles/%00", "/v1/speakers/" + "x" * 5000, "/v1/statements/..%2f..",
                                  "/v1/claims/%F0%9F%98%80", "/v1/speakers?limit=99999999999999999999",
                                  "/v1/speakers?offset=-1", "/v1/speakers?q=" + "%E2%80%AE" * 100])
def test_odd_paths_and_queries_are_4xx(client: FlaskClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (200, 404, 422), r.status_code
    assert r.status_code == 200 or r.mimetype == "application/problem+json"


ODD_TEXTS = {
    "html": "<html><head><script>alert('x')</script></head><body><p>Mayor Lin Ode said the bridge "
            "would reopen in May.</p><img src=x onerror=alert(1)></body></html>",
    "no statements": "The tide came in at six. Gulls followed the ferry. The harbour was quiet.",
    "control characters": "Mayor Lin Ode\x07 said the \x1b[31mbridge\x1b[0m would reopen in May.\x0b\x0c",
    "unusual unicode": "\u202eMayor Lin Ode said the bridge would reopen in May.\u202c Zalgo: "
                       "Z\u0351\u0356a\u0317l\u0353g\u0362o 😀 \ufeff \u200b\u200d 𝔐𝔞𝔶𝔬𝔯 said nothing.",
    "long speaker name": "Minister " + "Abcdefgh " * 400 + "said the bridge would reopen in May.",
    "only quotes": '"' * 500 + "“”" * 500,
    "only whitespace and punctuation": ".,;:!? " * 2000,
}


@pytest.mark.e2e
@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_odd_articles_process_cleanly(client: FlaskClient, run_worker: Any, name: str) -> None:
    text = ODD_TEXTS[name]
    r = client.post("/v1/articles", json={"text": text})
    assert r.status_code == 202
    run_worker()
    got = client.get(f"/v1/articles/{r.get_json()['id']}").get_json()
    assert got["status"] == "done", got.get("error")
    for s in got["statements"]:
        assert text[s["span"][0] : s["span"][1]] == s["text"]
        assert s["speaker"] is None or len(s["speaker"]["name"]) <= 120


@pytest.mark.e2e
def test_ten_thousand_sentence_article(app: Flask, client: FlaskClient, run_worker: Any) -> None:
    lines = [f"Officials said road {i} was shut. It rained." for i in range(5000)]  # 10,000 sentences
    text = "\n".join(lines)
    assert len(text) > app.config["SETTINGS"].max_text_chars  # the default limit refuses it ...
    assert client.post("/v1/articles", json={"text": text}).status_code == 422
    app.config["SETTINGS"] = replace(app.config["SETTINGS"], max_text_chars=len(text))  # ... an operator may not
    r = client.post("/v1/articles", json={"text": text})
    assert r.status_code == 202
    run_worker()
    got = client.get(f"/v1/articles/{r.get_json()['id']}").get_json()
    assert got["status"] == "done", got.get("error")
    assert len(got["statements"]) >= 4000  # the anonymous "officials said" statements, unattributed
    assert all(s["speaker"] == {"id": None, "name": "Officials", "named": False} for s in got["statements"])


@pytest.mark.parametrize("path", ["/v1/statements/a1.0:links", "/v1/statements/a1.0:claim",
                                  "/v1/claims/c1:statements", "/v1/speakers/{p1}", "/v1/articles/a1:text"])
def test_ids_that_would_address_redis_sub_keys_are_404(client: FlaskClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and r.mimetype == "application/problem+json"
    assert client.post("/v1/statements/a1.0:links/links/a1.1", json={"action": "confirm"}).status_code == 404
