"""Speakers: list and search, one speaker, a speaker's statements."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from marshmallow import RAISE, Schema, fields, validate

from claimtrack import speaker_admin, speakers, statements
from claimtrack.queueing import enqueue_relink
from service.extensions import queue, redis_conn
from service.requests import json_body, page, page_args

bp = Blueprint("speakers", __name__, url_prefix="/v1/speakers")


def speaker_view(record: dict[str, Any]) -> dict[str, Any]:
    """A speaker with counts."""
    conn = redis_conn()
    return {**record, "statement_count": speakers.statement_count(conn, record["id"])}


@bp.get("")
def list_speakers() -> Response:
    """Speakers by name, optionally filtered by `q` (substring of the name or an alias), paged."""
    offset, limit = page_args()
    query = request.args.get("q", "").strip() or None
    rows, total = speakers.search(redis_conn(), query, offset, limit)
    return jsonify(page([speaker_view(r) for r in rows], total, offset, limit))


@bp.get("/<speaker_id>")
def get_speaker(speaker_id: str) -> Response:
    """One speaker: canonical name, aliases, roles, statement count."""
    return jsonify(speaker_view(speakers.get(redis_conn(), speaker_id)))


@bp.get("/<speaker_id>/statements")
def speaker_statements(speaker_id: str) -> Response:
    """A speaker's statements, newest first, with their matches, paged."""
    settings = current_app.config["SETTINGS"]
    conn = redis_conn()
    speaker_id = speakers.get(conn, speaker_id)["id"]  # an old, merged id stands for its speaker
    offset, limit = page_args()
    ids = speakers.statement_page(conn, speaker_id, offset, limit)
    rows = statements.refresh_speakers(conn, statements.get_many(conn, ids))
    rows = statements.with_matches(conn, rows, settings.match_top_k, settings.match_threshold)
    total = speakers.statement_count(conn, speaker_id)
    return jsonify(page([statements.public_view(r) for r in rows], total, offset, limit))


class AliasSchema(Schema):
    """Body of POST /v1/speakers/{id}/aliases."""

    class Meta:
        unknown = RAISE

    alias = fields.String(required=True, validate=[
        validate.Length(min=1, max=200),
        validate.Regexp(r"[\s\S]*\w", error="must contain a letter or digit"),  # anywhere: Regexp matches at 0
    ])


class SpeakerRefSchema(Schema):
    """A body naming another speaker."""

    class Meta:
        unknown = RAISE

    speaker_id = fields.String(required=True, validate=validate.Length(min=1, max=100))


@bp.post("/<speaker_id>/aliases")
def add_alias(speaker_id: str) -> Response:
    """Make a name variant resolve to this speaker in future articles."""
    body = json_body(AliasSchema())
    return jsonify(speaker_view(speaker_admin.add_alias(redis_conn(), speaker_id, body["alias"].strip())))


@bp.post("/<speaker_id>/merge")
def merge_speakers(speaker_id: str) -> tuple[Response, int]:
    """Fold another speaker (`speaker_id` in the body) into this one; links and claims are recomputed."""
    body = json_body(SpeakerRefSchema())
    conn = redis_conn()
    merged = speaker_admin.merge(conn, speaker_id, body["speaker_id"])
    job = enqueue_relink(queue(), current_app.config["SETTINGS"], merged["id"])
    return jsonify(speaker_view(merged) | {"relink_job": job.id}), 202
