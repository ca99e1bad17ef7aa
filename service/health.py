"""Liveness and readiness."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from claimtrack import keys
from migrations import current_version
from service.extensions import redis_conn

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    """Liveness: the process answers."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    """Readiness: Redis answers and holds the expected layout."""
    version = current_version(redis_conn())
    ready = version == keys.LAYOUT_VERSION
    body = {"status": "ok" if ready else "not ready", "layout_version": version,
            "expected_layout_version": keys.LAYOUT_VERSION}
    return jsonify(body), 200 if ready else 503
