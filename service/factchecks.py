"""Fact-checks: import schema.org ClaimReviews, read one, search them (answered by a worker)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from werkzeug.exceptions import RequestEntityTooLarge

from claimtrack import factchecks, search_requests
from service.errors import problem
from service.extensions import queue, redis_conn
from service.factcheck_schemas import SearchSchema, claim_reviews, validate_reviews
from service.requests import json_body, json_payload

bp = Blueprint("factchecks", __name__, url_prefix="/v1/fact-checks")


@bp.post("")
def import_factchecks() -> tuple[Response, int]:
    """Store ClaimReviews (object, array or JSON-LD @graph) and queue their indexing; ids in input order."""
    settings = current_app.config["SETTINGS"]
    try:
        items, labels = claim_reviews(json_payload(), settings.factcheck_max_batch)
    except ValueError as exc:
        raise RequestEntityTooLarge(str(exc)) from exc
    reviews = validate_reviews(items, labels)
    ids = factchecks.import_reviews(redis_conn(), queue(), settings, reviews)
    return jsonify({"ids": ids}), 202


@bp.get("/<factcheck_id>")
def get_factcheck(factcheck_id: str) -> Response:
    """The stored ClaimReview with `status`: pending until it is searchable, then indexed."""
    return jsonify(factchecks.get(redis_conn(), factcheck_id))


@bp.post("/search")
def search_factchecks() -> Response:
    """Fact-checks best matching a text, best first; a worker's search thread answers."""
    settings = current_app.config["SETTINGS"]
    body = json_body(SearchSchema())
    answer = search_requests.ask(redis_conn(), body["text"], body["limit"], body["speaker"], settings.search_timeout_s)
    if answer is None:
        response = problem(503, "Service unavailable",
                           f"no search worker answered within {settings.search_timeout_s} s; retry shortly",
                           "unavailable")
        response.headers["Retry-After"] = str(settings.search_timeout_s)
        return response
    if "error" in answer:
        raise RuntimeError(f"search failed on the worker: {answer['error']}")
    return jsonify(answer)
