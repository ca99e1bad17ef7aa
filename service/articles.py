"""Articles: submit, read with statements and matches, retry."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, url_for

from claimtrack import articles, statements
from service.extensions import queue, redis_conn
from service.requests import json_body
from service.schemas import ArticleSchema

bp = Blueprint("articles", __name__, url_prefix="/v1/articles")


def article_view(record: dict[str, Any], with_statements: bool = True) -> dict[str, Any]:
    """An article as the API shows it."""
    view = {k: v for k, v in record.items() if k not in ("text", "statement_ids", "run")}
    view["text_length"] = len(record["text"])
    view["attempt"] = record["run"]
    if with_statements:
        settings = current_app.config["SETTINGS"]
        conn = redis_conn()
        rows = statements.get_many(conn, record["statement_ids"]) if record["status"] == "done" else []
        rows = statements.refresh_speakers(conn, rows)
        rows = statements.with_matches(conn, rows, settings.match_top_k, settings.match_threshold)
        view["statements"] = [statements.public_view(r) for r in rows]
    return view


@bp.post("")
def create_article() -> tuple[Response, int, dict[str, str]]:
    """Accept an article for processing (202), or return the already-known one (200)."""
    settings = current_app.config["SETTINGS"]
    fields = json_body(ArticleSchema(max_chars=settings.max_text_chars))
    record, created = articles.create_or_get(redis_conn(), queue(), settings, fields)
    location = url_for("articles.get_article", article_id=record["id"])
    return jsonify(article_view(record, with_statements=False)), 202 if created else 200, {"Location": location}


@bp.get("/<article_id>")
def get_article(article_id: str) -> Response:
    """An article with its status and, once done, its statements and their matches."""
    return jsonify(article_view(articles.get(redis_conn(), article_id)))


@bp.get("/<article_id>/text")
def get_article_text(article_id: str) -> Response:
    """The article text exactly as posted (spans index into it)."""
    record = articles.get(redis_conn(), article_id)
    return jsonify({"id": record["id"], "text": record["text"]})


@bp.post("/<article_id>/retry")
def retry_article(article_id: str) -> tuple[Response, int, dict[str, str]]:
    """Queue a failed article again."""
    record = articles.retry(redis_conn(), queue(), current_app.config["SETTINGS"], article_id)
    location = url_for("articles.get_article", article_id=record["id"])
    return jsonify(article_view(record, with_statements=False)), 202, {"Location": location}
