"""Timestamps: RFC 3339 in, UTC RFC 3339 out, and the chronological order score."""

from __future__ import annotations

from datetime import UTC, datetime

MAX_POSITION = 100_000


def now_iso() -> str:
    """Current UTC time as RFC 3339 with a Z suffix."""
    return to_iso(datetime.now(UTC))


def to_iso(value: datetime) -> str:
    """Format an aware datetime as UTC RFC 3339 (seconds precision, Z suffix)."""
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso(value: str) -> datetime:
    """Parse an RFC 3339 timestamp (aware) produced by to_iso or validated by the API."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def order_score(when_iso: str, position: int) -> float:
    """Chronological sort key: the article's time, then the statement's position in it."""
    seconds = int(parse_iso(when_iso).timestamp())
    return float(seconds * MAX_POSITION + min(position, MAX_POSITION - 1))
