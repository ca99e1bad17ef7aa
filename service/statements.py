"""Statements: one statement with its article and matches."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from claimtrack import articles, statements
from service.extensions import redis_conn

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
