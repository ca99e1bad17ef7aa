"""Request ids, HTTP metrics and `/metrics`."""

from __future__ import annotations

import re
import time
import uuid

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST

from claimtrack import metrics
from claimtrack.logging_setup import REQUEST_ID
from service.extensions import queue_redis, redis_conn

bp = Blueprint("ops", __name__)
REQUEST_ID_HEADER = "X-Request-ID"
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")


def init_app(app: Flask) -> None:
    """Register the hooks first, so they see every request (including ones auth or the rate limit refuse)."""
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_reset)
    app.register_blueprint(bp)


def _start() -> None:
    g.started = time.perf_counter()
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_id_token = REQUEST_ID.set(g.request_id)


def _finish(response: Response) -> Response:
    if "request_id" in g:
        response.headers[REQUEST_ID_HEADER] = g.request_id
    if "started" in g:
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"
        metrics.observe_http(route, request.method, response.status_code, time.perf_counter() - g.started)
    return response


def _reset(_: BaseException | None) -> None:
    token = g.pop("request_id_token", None)
    if token is not None:
        REQUEST_ID.reset(token)


@bp.get("/metrics")
def metrics_endpoint() -> Response:
    """Prometheus metrics: HTTP traffic of the API processes, queues, workers, jobs and totals from Redis."""
    body = metrics.http_exposition() + metrics.redis_exposition(queue_redis(), current_app.config["SETTINGS"],
                                                                redis_conn())
    return Response(body, content_type=CONTENT_TYPE_LATEST)
