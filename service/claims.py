"""Claims: one claim with its appearances, a speaker's claims, schema.org export, link review."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from claimtrack import claims, reviews, speakers
from service.extensions import redis_conn
from service.requests import json_body, page, page_args, prefers

bp = Blueprint("claims", __name__)


class LinkReviewSchema(Schema):
    """Body of POST /v1/statements/{a}/links/{b}."""

    class Meta:
        unknown = RAISE

    action = fields.String(required=True, validate=validate.OneOf(reviews.ACTIONS))


@bp.get("/v1/claims/<claim_id>")
def get_claim(claim_id: str) -> Response:
    """A claim: who made it, first and every appearance, repetitions (JSON-LD with Accept: application/ld+json)."""
    claim = claims.get(redis_conn(), claim_id)
    if prefers("application/ld+json", "application/json"):
        response = jsonify(claims.to_jsonld(claim))
        response.mimetype = "application/ld+json"
        return response
    return jsonify(claim)


@bp.get("/v1/claims/<claim_id>/jsonld")
def get_claim_jsonld(claim_id: str) -> Response:
    """A claim as a schema.org Claim in JSON-LD."""
    response = jsonify(claims.to_jsonld(claims.get(redis_conn(), claim_id)))
    response.mimetype = "application/ld+json"
    return response


@bp.get("/v1/speakers/<speaker_id>/claims")
def speaker_claims(speaker_id: str) -> Response:
    """A speaker's claims, by `sort=repetitions` (default) or `sort=recent`, paged."""
    conn = redis_conn()
    speaker_id = speakers.get(conn, speaker_id)["id"]  # an old, merged id stands for its speaker
    sort = request.args.get("sort", "repetitions")
    if sort not in ("repetitions", "recent"):
        raise ValidationError({"sort": ["must be repetitions or recent"]})
    offset, limit = page_args()
    rows, total = claims.speaker_claim_page(conn, speaker_id, sort, offset, limit)
    return jsonify(page(rows, total, offset, limit))


@bp.post("/v1/statements/<statement_id>/links/<other_id>")
def review_link(statement_id: str, other_id: str) -> Response:
    """Confirm or reject that two statements of one speaker make the same claim."""
    body: dict[str, Any] = json_body(LinkReviewSchema())
    settings = current_app.config["SETTINGS"]
    return jsonify(reviews.review_link(redis_conn(), statement_id, other_id, body["action"], settings.match_threshold))
