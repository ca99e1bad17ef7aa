"""The OpenAPI document: complete, served without a key, honoured by real responses; a short schemathesis run."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import redis
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from claimtrack.config import Settings
from service.auth import PUBLIC_PATHS
from service.openapi import HIDDEN_ENDPOINTS
from tests.helpers import DUES

FUZZ_EXAMPLES = 10
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
ARTICLE = DUES


def test_every_route_is_documented_with_its_errors(app: Flask, client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for rule in app.url_map.iter_rules():
        if rule.endpoint in HIDDEN_ENDPOINTS:
            continue
        path = rule.rule.replace("<", "{").replace(">", "}")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
            op = spec["paths"][path][method.lower()]
            codes = set(op["responses"])
            assert any(c.startswith("2") for c in codes), (path, method)
            if not path.startswith(PUBLIC_PATHS):
                assert {"401", "403", "429", "503"} <= codes, (path, method)
            if "{" in path:
                assert "404" in codes, (path, method)
            for code, response in op["responses"].items():
                if not code.startswith("2") and path != "/readyz":  # readiness answers 503 with its checks
                    assert response["content"]["application/problem+json"]["schema"] == {
                        "$ref": "#/components/schemas/Problem"}
    create = spec["paths"]["/v1/articles"]["post"]
    assert {"202", "200", "400", "413", "415", "422"} <= set(create["responses"])
    article = spec["components"]["schemas"]["ArticleRequest"]
    assert article["required"] == ["text"] and article["additionalProperties"] is False
    statement = spec["components"]["schemas"]["Statement"]["properties"]
    assert {"span", "kind", "speaker", "matches", "possible_matches", "claim_id", "fact_checks"} <= set(statement)
    get_claim = spec["paths"]["/v1/claims/{claim_id}"]["get"]["responses"]["200"]["content"]
    assert set(get_claim) == {"application/json", "application/ld+json"}


def test_spec_and_docs_are_public_and_work_offline(settings: Settings, redis_db: redis.Redis) -> None:
    from service import create_app

    locked = create_app(replace(settings, open_access=False), conn=redis_db, TESTING=True).test_client()
    assert locked.get("/v1/speakers").status_code == 401
    assert locked.get("/openapi.json").status_code == 200
    page = locked.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "//" not in html.replace("<!doctype html>", "")  # no CDN, no absolute URL
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css"):
        assert asset in html
        with locked.get(asset) as response:
            assert response.status_code == 200 and len(response.get_data()) > 1000


@pytest.mark.e2e
def test_real_responses_conform_to_the_spec(app: Flask, client: FlaskClient, run_worker: Any) -> None:
    article_id = client.post("/v1/articles", json=ARTICLE).get_json()["id"]
    run_worker()
    article = client.get(f"/v1/articles/{article_id}").get_json()
    statement = article["statements"][-1]
    assert statement["matches"], "the quote should repeat the reported statement"
    speaker_id, claim_id = statement["speaker"]["id"], statement["claim_id"]
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    calls: list[tuple[str, str, dict[str, Any], dict[str, Any] | None]] = [
        ("/v1/articles", "POST", {}, ARTICLE),
        ("/v1/articles/{article_id}", "GET", {"article_id": article_id}, None),
        ("/v1/articles/{article_id}/text", "GET", {"article_id": article_id}, None),
        ("/v1/statements/{statement_id}", "GET", {"statement_id": statement["id"]}, None),
        ("/v1/speakers", "GET", {}, None),
        ("/v1/speakers/{speaker_id}", "GET", {"speaker_id": speaker_id}, None),
        ("/v1/speakers/{speaker_id}/statements", "GET", {"speaker_id": speaker_id}, None),
        ("/v1/speakers/{speaker_id}/claims", "GET", {"speaker_id": speaker_id}, None),
        ("/v1/claims/{claim_id}", "GET", {"claim_id": claim_id}, None),
        ("/v1/claims/{claim_id}/jsonld", "GET", {"claim_id": claim_id}, None),
        ("/v1/statements/{statement_id}/links/{other_id}", "POST",
         {"statement_id": statement["id"], "other_id": statement["matches"][0]["statement_id"]},
         {"action": "confirm"}),
        ("/v1/articles/{article_id}/retry", "POST", {"article_id": article_id}, None),  # 409: done
        ("/v1/articles/{article_id}", "GET", {"article_id": "nope"}, None),  # 404
        ("/readyz", "GET", {}, None),
        ("/metrics", "GET", {}, None),
    ]
    for path, method, params, body in calls:
        case = schema[path][method].Case(path_parameters=params, **({"body": body} if body is not None else {}))
        response = case.call()
        case.validate_response(response, checks=CHECKS)


def test_huge_offsets_are_rejected_not_a_server_error(client: FlaskClient, redis_db: redis.Redis) -> None:
    """Found by fuzzing: an offset past 2**63 made Redis refuse the range (500)."""
    from claimtrack import speakers

    speaker_id = speakers.resolve(redis_db, "Ines Kolar", "ines kolar")
    for path in (f"/v1/speakers/{speaker_id}/statements", f"/v1/speakers/{speaker_id}/claims", "/v1/speakers"):
        for offset in ("9223372036854775807", "100000000000000000000"):
            assert client.get(f"{path}?offset={offset}&limit=5").status_code == 422
        assert client.get(f"{path}?offset=1000000000").status_code == 200


def _fuzz(operation: Any, mode: GenerationMode, checks: list[Any], examples: int) -> Any:
    """A hypothesis test calling one operation with generated cases and running the checks on each answer."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        case.call_and_validate(checks=checks)

    return check


def test_fuzz_api(settings: Settings, redis_db: redis.Redis) -> None:
    """Schemathesis, short: no 5xx, documented status codes and content types, bodies matching their schemas.

    (`make fuzz` runs many more examples against a live stack.) Fact-check searches give up after 1 s here:
    no worker runs.
    """
    from service import create_app

    app = create_app(replace(settings, search_timeout_s=1), conn=redis_db, TESTING=True)
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        # without a worker a search answers its documented 503 (after 1 s): fewer examples, 503 allowed
        search = operation.path == "/v1/fact-checks/search"
        checks = CHECKS[1:] if search else CHECKS
        for mode in GenerationMode:
            check = _fuzz(operation, mode, checks, 3 if search else FUZZ_EXAMPLES)
            try:
                check()
            except Unsatisfiable:  # nothing to make invalid (no parameters, no body)
                continue
            except Exception as exc:
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
