"""Fact-checks: import schema.org ClaimReviews, read one, search them (answered by a worker)."""

from __future__ import annotations

import contextlib

from flask import Blueprint, Response, current_app, jsonify
from rq.exceptions import InvalidJobOperation
from rq.results import Result
from werkzeug.exceptions import RequestEntityTooLarge

from claimtrack import factchecks
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
    """Fact-checks best matching a text, best first; a worker holding the index answers."""
    settings = current_app.config["SETTINGS"]
    body = json_body(SearchSchema())
    search_queue = factchecks.search_queue(redis_conn(), settings)
    job = search_queue.enqueue_call(
        factchecks.SEARCH_JOB,
        args=(body["text"], body["limit"], body["speaker"]),
        timeout=max(settings.search_timeout_s, 30),
        ttl=settings.search_timeout_s,
        result_ttl=60,
        failure_ttl=3600,
        description="search fact-checks",
    )
    result = job.latest_result(timeout=settings.search_timeout_s)
    if result is None:
        search_queue.remove(job.id)  # withdraw it: nobody waits for its answer any more
        with contextlib.suppress(InvalidJobOperation):  # already expired
            job.delete()
        response = problem(503, "Service unavailable",
                           f"no search worker answered within {settings.search_timeout_s} s; retry shortly",
                           "unavailable")
        response.headers["Retry-After"] = str(settings.search_timeout_s)
        return response
    if result.type != Result.Type.SUCCESSFUL:
        raise RuntimeError(f"search job {job.id} failed: {result.exc_string}")
    return jsonify(result.return_value)
