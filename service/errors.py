"""RFC 9457 problem details for every error the API returns."""

from __future__ import annotations

from typing import Any

import redis
from flask import Flask, Response, jsonify, request
from marshmallow import ValidationError
from redis.exceptions import ClusterDownError, SlotNotCoveredError, TryAgainError
from werkzeug.exceptions import HTTPException

from claimtrack.errors import ClaimtrackError

TYPE_BASE = "https://claimtrack.dev/problems/"


def problem(status: int, title: str, detail: str, slug: str, **extra: Any) -> Response:
    """A problem-details JSON response."""
    body = {"type": TYPE_BASE + slug, "title": title, "status": status, "detail": detail,
            "instance": request.path, **extra}
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def register_error_handlers(app: Flask) -> None:
    """Map domain errors, validation errors, HTTP errors and Redis outages to problem details."""

    @app.errorhandler(ClaimtrackError)
    def _domain(exc: ClaimtrackError) -> Response:
        response = problem(exc.status, exc.title, exc.detail, exc.type_slug, **exc.extra)
        if exc.status == 503:
            response.headers["Retry-After"] = str(exc.extra.get("retry_after", 5))
        return response

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError) -> Response:
        return problem(422, "Invalid request", "the request body failed validation; see `errors`",
                       "validation-error", errors=_flatten(exc.messages))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        status = exc.code or 500
        slug = (exc.name or "error").lower().replace(" ", "-")
        response = problem(status, exc.name or "Error", exc.description or "", slug)
        if status == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
        return response

    @app.errorhandler(redis.ConnectionError)
    @app.errorhandler(redis.TimeoutError)
    @app.errorhandler(ClusterDownError)  # a cluster's slots moving or a primary failing over
    @app.errorhandler(SlotNotCoveredError)
    @app.errorhandler(TryAgainError)
    def _redis_down(exc: Exception) -> Response:
        app.logger.warning("redis unavailable: %s", exc)
        response = problem(503, "Service unavailable", "the data store is unreachable; retry shortly",
                           "unavailable")
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        app.logger.exception("unhandled error")
        return problem(500, "Internal server error", "an unexpected error occurred", "internal")


def _flatten(messages: Any, prefix: str = "") -> list[dict[str, str]]:
    """Marshmallow's nested messages as a flat list of {field, message}."""
    out: list[dict[str, str]] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_flatten(value, name))
    elif isinstance(messages, list):
        for value in messages:
            out.extend(_flatten(value, prefix))
    else:
        out.append({"field": prefix or "_schema", "message": str(messages)})
    return out
