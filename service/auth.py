"""Bearer API keys with scopes, and per-key rate limits (flask-limiter with Redis storage)."""

from __future__ import annotations

import contextlib
import time
from typing import Any

import redis
from flask import Flask, Response, current_app, g, request
from flask_limiter import HeaderNames, Limiter
from flask_limiter.errors import RateLimitExceeded
from limits import parse_many

from claimtrack import apikeys
from claimtrack.config import SENTINEL_SCHEME
from claimtrack.errors import Forbidden, Unauthorized
from service.errors import problem
from service.extensions import QUEUE_REDIS, redis_conn

PUBLIC_PATHS = ("/healthz", "/readyz", "/metrics", "/openapi.json", "/docs")
ALLOWANCE = "claimtrack_auth_failures"
FAILURE_SCOPE = "auth-failures"


def required_scope() -> str:
    """read for reads and searches, write for everything that changes data."""
    if request.method in ("GET", "HEAD", "OPTIONS") or request.path == "/v1/fact-checks/search":
        return "read"
    return "write"


def current_key() -> dict[str, Any] | None:
    """The API key of this request (None in open-access mode or on public routes)."""
    key: dict[str, Any] | None = g.get("api_key")
    return key


def _authenticate() -> Response | None:
    g.api_key = None
    if request.path.startswith(PUBLIC_PATHS) or current_app.config["SETTINGS"].open_access:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    well_formed = scheme.lower() == "bearer" and bool(token.strip())
    key = apikeys.verify(redis_conn(), token.strip()) if well_formed else None
    if key is None:
        # A valid key always gets through (clients behind one proxy share an address). Failures past
        # the address's allowance get 429 instead of 401: a signal to stop that also lets operators
        # see the flood; keys themselves are 256-bit secrets, not guessable at any rate.
        allowance = current_app.extensions.get(ALLOWANCE)
        if allowance is not None:
            spent = allowance.spent(_client())
            if spent:
                return _locked_out(allowance, spent)
            allowance.count(_client())
        raise Unauthorized("the API key is unknown or revoked" if well_formed
                           else "send an API key as `Authorization: Bearer <key>`")
    needed = required_scope()
    if needed not in apikeys.expand(key["scopes"]):
        raise Forbidden(f"this route needs the {needed!r} scope", scopes=key["scopes"])
    g.api_key = key
    return None


class FailureAllowance:
    """Failed authentications allowed per client address, counted in the rate limiter's storage.

    A Redis hiccup never blocks a request: it counts as allowance left.
    """

    def __init__(self, limiter: Limiter, limits: list[Any]) -> None:
        self.limiter, self.limits = limiter, limits

    def spent(self, client: str) -> list[Any]:
        """The limits this address has used up (empty while it may still fail)."""
        try:
            return [limit for limit in self.limits if not self.limiter.limiter.test(limit, FAILURE_SCOPE, client)]
        except redis.RedisError:
            return []

    def count(self, client: str) -> None:
        """Record one failure against every limit."""
        with contextlib.suppress(redis.RedisError):
            for limit in self.limits:
                self.limiter.limiter.hit(limit, FAILURE_SCOPE, client)

    def retry_after(self, client: str, spent: list[Any]) -> int:
        """Seconds until the last of the used-up limits resets."""
        try:
            reset = max(self.limiter.limiter.get_window_stats(limit, FAILURE_SCOPE, client).reset_time
                        for limit in spent)
        except redis.RedisError:
            return 60
        return max(1, int(reset - time.time()) + 1)


def _client() -> str:
    return request.remote_addr or "unknown"


def _locked_out(allowance: FailureAllowance, spent: list[Any]) -> Response:
    """429 for an address whose failed authentications used up its allowance."""
    text = "; ".join(str(limit) for limit in allowance.limits)
    response = problem(429, "Too many requests",
                       f"too many failed authentications from this address (allowance {text}); retry later",
                       "rate-limited")
    response.headers["Retry-After"] = str(allowance.retry_after(_client(), spent))
    return response


def _rate_key() -> str:
    key = g.get("api_key")
    return f"key:{key['id']}" if key else f"ip:{request.remote_addr}"


def _storage_options(app: Flask, url: str) -> dict[str, Any]:
    """Share the connection pool of the app's client of REDIS_URL (the queue's Redis) with the limiter
    (one pool to size, close and monitor)."""
    if url.startswith(SENTINEL_SCHEME):
        return {"socket_connect_timeout": 5}
    return {"connection_pool": app.extensions[QUEUE_REDIS].connection_pool}


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _request_limit() -> str:
    """The rate limit this request counts against: the read budget or the one for everything else."""
    settings = current_app.config["SETTINGS"]
    limit: str = settings.read_rate_limit if request.method in SAFE_METHODS else settings.rate_limit
    return limit


def init_app(app: Flask) -> Limiter:
    """Require keys (unless open access), and rate-limit each key across processes and hosts."""
    settings = app.config["SETTINGS"]
    app.before_request(_authenticate)
    limiter = Limiter(
        key_func=_rate_key,
        app=app,
        storage_uri=settings.redis_url,
        storage_options=_storage_options(app, settings.redis_url),
        # read routes (polling an article, paging results) get a limit of their own, higher than the
        # one for writes: clients poll an article many times a second (limits count per route and key)
        default_limits=[_request_limit] if settings.rate_limit or settings.read_rate_limit else [],
        default_limits_exempt_when=lambda: not _request_limit(),
        headers_enabled=True,
        # the limiter would put Retry-After on every response (even a 200, and over a 503's own);
        # it keeps its X-RateLimit-* headers, and only refused requests carry Retry-After
        header_name_mapping={HeaderNames.RETRY_AFTER: "X-RateLimit-Retry-After"},
        strategy="moving-window",
        key_prefix="ct-ratelimit",
        swallow_errors=True,  # a Redis hiccup in the limiter must not fail requests
    )

    if settings.auth_failure_limit and limiter.enabled:
        app.extensions[ALLOWANCE] = FailureAllowance(limiter, parse_many(settings.auth_failure_limit))

    @limiter.request_filter
    def _public() -> bool:
        return request.path.startswith(PUBLIC_PATHS)

    @app.errorhandler(RateLimitExceeded)
    def _too_many(exc: RateLimitExceeded) -> Response:
        response = problem(429, "Too many requests", f"rate limit exceeded: {exc.description}", "rate-limited")
        limiter_headers = getattr(exc, "headers", None) or {}
        for name, value in dict(limiter_headers).items():
            response.headers[name] = value
        current = limiter.current_limit  # the limit this request exceeded: when its window frees a slot
        if current is not None and "Retry-After" not in response.headers:
            with contextlib.suppress(Exception):  # reset_at asks Redis; a hiccup must not turn 429 into 500
                response.headers["Retry-After"] = str(max(1, int(current.reset_at - time.time())))
        response.headers.setdefault("Retry-After", "60")
        return response

    auth_header = 'Bearer realm="claimtrack"'

    @app.after_request
    def _challenge(response: Response) -> Response:
        if response.status_code == 401:
            response.headers["WWW-Authenticate"] = auth_header
        return response

    return limiter
