"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

import redis
from flask import Blueprint, Response, current_app, jsonify
from rq import Worker

from claimtrack import keys
from migrations import current_version
from service.extensions import queue, queue_redis, redis_conn

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    """Liveness: the process answers."""
    return jsonify({"status": "ok"})


def _check(ok: bool, detail: str, **extra: Any) -> dict[str, Any]:
    return {"ok": ok, "detail": detail, **extra}


def readiness_checks() -> dict[str, dict[str, Any]]:
    """Redis reachable, layout current, enough live workers on the work queue; each with its own outcome."""
    conn = redis_conn()
    try:
        conn.ping()
        queue_redis().ping()
        version = current_version(conn)
        work_queue = queue()
        alive = len(Worker.all(queue=work_queue))
    except redis.RedisError as exc:
        skipped = _check(False, "not checked: Redis is unreachable")
        return {"redis": _check(False, f"unreachable: {exc}"), "layout": skipped, "workers": skipped}
    layout_ok = version == keys.LAYOUT_VERSION
    layout = _check(layout_ok, f"layout version {version}" + ("" if layout_ok else
                    f", expected {keys.LAYOUT_VERSION}: run `claimtrack migrate`"),
                    version=version, expected=keys.LAYOUT_VERSION)
    needed = current_app.config["SETTINGS"].ready_min_workers
    workers = _check(alive >= needed, f"{alive} live worker(s) on queue {work_queue.name!r}, "
                     f"{needed} required (CLAIMTRACK_READY_MIN_WORKERS)", alive=alive, required=needed)
    return {"redis": _check(True, "reachable"), "layout": layout, "workers": workers}


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    """Readiness: Redis reachable, layout current, live workers; 503 with each check's outcome otherwise."""
    checks = readiness_checks()
    ready = all(c["ok"] for c in checks.values())
    body = {"status": "ok" if ready else "not ready", "checks": checks,
            "layout_version": checks["layout"].get("version"), "expected_layout_version": keys.LAYOUT_VERSION}
    return jsonify(body), 200 if ready else 503
