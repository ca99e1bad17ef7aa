"""Bearer API keys with scopes, and per-key rate limits (flask-limiter with Redis storage)."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from claimtrack import apikeys
from claimtrack.errors import Forbidden, Unauthorized
from claimtrack.redis_client import SENTINEL_SCHEME
from service.errors import problem
from service.extensions import REDIS, redis_conn

PUBLIC_PATHS = ("/healthz", "/readyz", "/metrics", "/openapi.json", "/docs")


def required_scope() -> str:
    """read for reads and searches, write for everything that changes data."""
    if request.method in ("GET", "HEAD", "OPTIONS") or request.path == "/v1/fact-checks/search":
        return "read"
    return "write"


def current_key() -> dict[str, Any] | None:
    """The API key of this request (None in open-access mode or on public routes)."""
    key: dict[str, Any] | None = g.get("api_key")
    return key


def _authenticate() -> None:
    g.api_key = None
    if request.path.startswith(PUBLIC_PATHS) or current_app.config["SETTINGS"].open_access:
        return
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("send an API key as `Authorization: Bearer <key>`")
    key = apikeys.verify(redis_conn(), token.strip())
    if key is None:
        raise Unauthorized("the API key is unknown or revoked")
    needed = required_scope()
    if needed not in apikeys.expand(key["scopes"]):
        raise Forbidden(f"this route needs the {needed!r} scope", scopes=key["scopes"])
    g.api_key = key


def _rate_key() -> str:
    key = g.get("api_key")
    return f"key:{key['id']}" if key else f"ip:{request.remote_addr}"


def _storage_options(app: Flask, url: str) -> dict[str, Any]:
    """Share the app's Redis connection pool with the limiter (one pool to size, close and monitor)."""
    if url.startswith(SENTINEL_SCHEME):
        return {"socket_connect_timeout": 5}
    return {"connection_pool": app.extensions[REDIS].connection_pool}


def init_app(app: Flask) -> Limiter:
    """Require keys (unless open access), and rate-limit each key across processes and hosts."""
    settings = app.config["SETTINGS"]
    app.before_request(_authenticate)
    limiter = Limiter(
        key_func=_rate_key,
        app=app,
        storage_uri=settings.redis_url,
        storage_options=_storage_options(app, settings.redis_url),
        default_limits=[settings.rate_limit] if settings.rate_limit else [],
        headers_enabled=True,
        strategy="moving-window",
        key_prefix="ct-ratelimit",
        swallow_errors=True,  # a Redis hiccup in the limiter must not fail requests
    )

    @limiter.request_filter
    def _public() -> bool:
        return request.path.startswith(PUBLIC_PATHS)

    @app.errorhandler(RateLimitExceeded)
    def _too_many(exc: RateLimitExceeded) -> Response:
        response = problem(429, "Too many requests", f"rate limit exceeded: {exc.description}", "rate-limited")
        limiter_headers = getattr(exc, "headers", None) or {}
        for name, value in dict(limiter_headers).items():
            response.headers[name] = value
        response.headers.setdefault("Retry-After", "60")
        return response

    auth_header = 'Bearer realm="claimtrack"'

    @app.after_request
    def _challenge(response: Response) -> Response:
        if response.status_code == 401:
            response.headers["WWW-Authenticate"] = auth_header
        return response

    return limiter
