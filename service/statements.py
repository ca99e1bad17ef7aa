"""Statements: one statement with its article and matches."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from claimtrack import articles, speaker_admin, statements
from claimtrack.queueing import enqueue_relink
from service.extensions import queue, redis_conn
from service.requests import json_body
from service.speakers import SpeakerRefSchema

bp = Blueprint("statements", __name__, url_prefix="/v1/statements")


@bp.get("/<statement_id>")
def get_statement(statement_id: str) -> Response:
    """A statement, the article it comes from, and the earlier statements it repeats."""
    settings = current_app.config["SETTINGS"]
    conn = redis_conn()
    record = statements.refresh_speakers(conn, [statements.get(conn, statement_id)])
    view = statements.with_matches(conn, record, settings.match_top_k, settings.match_threshold)[0]
    article = articles.get(conn, view["article_id"])
    view = statements.public_view(view)
    view["article"] = {k: article.get(k) for k in ("id", "title", "url", "source", "published_at", "status")}
    return jsonify(view)


@bp.put("/<statement_id>/speaker")
def move_statement(statement_id: str) -> tuple[Response, int]:
    """Attribute a statement to another speaker; both speakers' links and claims are recomputed."""
    body = json_body(SpeakerRefSchema())
    conn = redis_conn()
    record, previous = speaker_admin.move_statement(conn, statement_id, body["speaker_id"])
    settings = current_app.config["SETTINGS"]
    jobs = [enqueue_relink(queue(), settings, s).id for s in {previous, record["speaker"]["id"]} if s]
    return jsonify(statements.public_view(record) | {"relink_jobs": sorted(jobs)}), 202
