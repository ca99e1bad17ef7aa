"""Domain exceptions; the HTTP layer maps each to one problem-details response."""

from __future__ import annotations

from typing import Any


class ClaimtrackError(Exception):
    """Base of every error a client can be told about."""

    status = 400
    title = "Bad request"
    type_slug = "bad-request"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class Unauthorized(ClaimtrackError):
    """No valid API key."""

    status = 401
    title = "Unauthorized"
    type_slug = "unauthorized"


class Forbidden(ClaimtrackError):
    """The key lacks the scope the route needs."""

    status = 403
    title = "Forbidden"
    type_slug = "forbidden"


class NotFound(ClaimtrackError):
    """The resource does not exist."""

    status = 404
    title = "Not found"
    type_slug = "not-found"


class Conflict(ClaimtrackError):
    """The request conflicts with the resource's current state."""

    status = 409
    title = "Conflict"
    type_slug = "conflict"


class Unavailable(ClaimtrackError):
    """A backing service (Redis) is unreachable; the client should retry."""

    status = 503
    title = "Service unavailable"
    type_slug = "unavailable"
